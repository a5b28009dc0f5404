-- The analysts' views without the articles in the trash (articles.deleted_at set; docs/analysts.md): a trashed
-- article is gone for analysts as it is for readers, until it is restored. The views are as 20261126172755_analyst_views
-- made them, each with one filter added, `WHERE a."deleted_at" IS NULL`. The tables keep every row: an analyst who
-- needs the trash too reads them (articles.deleted_at says which are in it).
DROP VIEW "quote_details";
DROP VIEW "person_mentions";
DROP VIEW "article_stats";

-- Each quote with its article, the paragraph where it starts, its speaker and the speaker's role in that article.
CREATE VIEW "quote_details" AS
SELECT
    q."id"                         AS "quote_id",
    q."article_id"                 AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    a."published_at"               AS "published_at",
    q."paragraph_id"               AS "paragraph_id",
    p."position"                   AS "paragraph_position",
    CAST(q."kind" AS TEXT)         AS "kind",
    q."text"                       AS "text",
    q."verb"                       AS "verb",
    q."speaker_id"                 AS "speaker_id",
    s."name"                       AS "speaker_name",
    sap."role"                     AS "speaker_role",
    q."addressee_id"               AS "addressee_id",
    ad."name"                      AS "addressee_name",
    q."paragraph_span"             AS "paragraph_span"
FROM "quotes" q
JOIN "articles" a ON a."id" = q."article_id"
JOIN "paragraphs" p ON p."id" = q."paragraph_id"
LEFT JOIN "people" s ON s."id" = q."speaker_id"
LEFT JOIN "article_people" sap ON sap."article_id" = q."article_id" AND sap."person_id" = q."speaker_id"
LEFT JOIN "people" ad ON ad."id" = q."addressee_id"
WHERE a."deleted_at" IS NULL;

-- One row per person, article and paragraph that mentions them.
CREATE VIEW "person_mentions" AS
SELECT
    pe."id"                        AS "person_id",
    pe."name"                      AS "person_name",
    ap."article_id"                AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    a."published_at"               AS "published_at",
    ap."role"                      AS "role",
    m."paragraph_id"               AS "paragraph_id",
    p."position"                   AS "paragraph_position",
    CAST((SELECT count(*) FROM "quotes" q
          WHERE q."paragraph_id" = m."paragraph_id" AND q."speaker_id" = ap."person_id") AS INTEGER)
                                   AS "quotes_in_paragraph"
FROM "mentions" m
JOIN "article_people" ap ON ap."id" = m."article_person_id"
JOIN "people" pe ON pe."id" = ap."person_id"
JOIN "articles" a ON a."id" = ap."article_id"
JOIN "paragraphs" p ON p."id" = m."paragraph_id"
WHERE a."deleted_at" IS NULL;

-- One row per article with the size of each part (correlated counts: no join fan-out).
CREATE VIEW "article_stats" AS
SELECT
    a."id"                         AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    a."published_at"               AS "published_at",
    CAST((SELECT count(*) FROM "paragraphs" p WHERE p."article_id" = a."id") AS INTEGER)       AS "paragraphs",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id") AS INTEGER)           AS "quotes",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id" AND q."kind" = 'direct') AS INTEGER)
                                                                                               AS "direct_quotes",
    CAST((SELECT count(*) FROM "article_people" ap WHERE ap."article_id" = a."id") AS INTEGER) AS "people",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q WHERE q."article_id" = a."id") AS INTEGER)
                                                                                               AS "speakers",
    CAST((SELECT count(*) FROM "related_articles" r WHERE r."article_id" = a."id") AS INTEGER) AS "related"
FROM "articles" a
WHERE a."deleted_at" IS NULL;
