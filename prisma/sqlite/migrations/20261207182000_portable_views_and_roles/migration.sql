-- Issue 19, points 2-4: a file every SQLite tool opens, roles you can count, portable views (docs/analysts.md).
--
-- 1. article_search without contentless_delete. That option (SQLite 3.43) made the whole file unreadable to Debian 12's
--    sqlite3 and Python's sqlite3 (3.40: "unrecognized option"), and Datasette refused to open it. The table is now a
--    plain FTS5 table that keeps its text: FTS5 itself is in every common build, a row is replaced by DELETE + INSERT
--    as before (src/db/search-index.ts), and the columns read back as text. The cost is a second copy of each
--    article's headline and paragraphs in article_search_content.
DROP TABLE "article_search";
CREATE VIRTUAL TABLE "article_search" USING fts5(
    "headline",
    "body",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- (A subquery orders the paragraphs: group_concat(… ORDER BY …) needs SQLite 3.44.)
INSERT INTO "article_search" ("rowid", "headline", "body")
SELECT a."id", a."headline",
       (SELECT group_concat(t."text", char(10)) FROM (SELECT p."text" FROM "paragraphs" p WHERE p."article_id" = a."id" ORDER BY p."position") t)
FROM "articles" a;
DELETE FROM "article_search_pending";

-- 2. The role's normalised title and its category, computed by the application (src/article-people/role-category.ts)
--    at ingest and whenever an editor sets a role. Rows stored before this migration get theirs from
--    `npm run db:backfill-roles`.
ALTER TABLE "article_people" ADD COLUMN "role_title" TEXT;
ALTER TABLE "article_people" ADD COLUMN "role_category" TEXT;

-- 3. The views, the same columns with the same types on both databases: kind and status as text, booleans as 0/1
--    (CAST AS INTEGER), dates as ISO 8601 text in UTC ("2023-02-22T09:30:00.000Z"), the stub flag wherever an article
--    appears. Trashed articles stay out (deleted_at IS NULL), as in 20261207130100_live_articles_in_views.
DROP VIEW "quote_details";
DROP VIEW "person_mentions";
DROP VIEW "article_stats";

-- Each quote with its article, where it starts (paragraph and offsets), its speaker and the speaker's role, title and
-- category in that article.
-- The speaker's kind (person or organisation: count them apart) and pronoun are the person's (20261207181000).
CREATE VIEW "quote_details" AS
SELECT
    q."id"                         AS "quote_id",
    q."article_id"                 AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    CAST(a."is_stub" AS INTEGER)   AS "is_stub",
    strftime('%Y-%m-%dT%H:%M:%fZ', a."published_at") AS "published_at",
    q."paragraph_id"               AS "paragraph_id",
    p."position"                   AS "paragraph_position",
    q."start_offset"               AS "start_offset",
    q."end_offset"                 AS "end_offset",
    q."paragraph_span"             AS "paragraph_span",
    CAST(q."kind" AS TEXT)         AS "kind",
    q."text"                       AS "text",
    q."verb"                       AS "verb",
    q."speaker_id"                 AS "speaker_id",
    s."name"                       AS "speaker_name",
    s."kind"                       AS "speaker_kind",
    s."pronoun"                    AS "speaker_pronoun",
    sap."role"                     AS "speaker_role",
    sap."role_title"               AS "speaker_role_title",
    sap."role_category"            AS "speaker_role_category",
    q."addressee_id"               AS "addressee_id",
    ad."name"                      AS "addressee_name"
FROM "quotes" q
JOIN "articles" a ON a."id" = q."article_id"
JOIN "paragraphs" p ON p."id" = q."paragraph_id"
LEFT JOIN "people" s ON s."id" = q."speaker_id"
LEFT JOIN "article_people" sap ON sap."article_id" = q."article_id" AND sap."person_id" = q."speaker_id"
LEFT JOIN "people" ad ON ad."id" = q."addressee_id"
WHERE a."deleted_at" IS NULL;

-- One row per person, article and paragraph that mentions them.
-- With the person's kind, pronoun and Wikidata item (20261207181000_people_identity).
CREATE VIEW "person_mentions" AS
SELECT
    pe."id"                        AS "person_id",
    pe."name"                      AS "person_name",
    pe."kind"                      AS "person_kind",
    pe."pronoun"                   AS "pronoun",
    pe."wikidata_id"               AS "wikidata_id",
    ap."article_id"                AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    CAST(a."is_stub" AS INTEGER)   AS "is_stub",
    strftime('%Y-%m-%dT%H:%M:%fZ', a."published_at") AS "published_at",
    ap."role"                      AS "role",
    ap."role_title"                AS "role_title",
    ap."role_category"             AS "role_category",
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

-- One row per article (stubs included, is_stub = 1) with the size of each part, quotes per kind, and its speakers
-- (distinct people quoted) per category of their role in it (correlated counts: no join fan-out).
CREATE VIEW "article_stats" AS
SELECT
    a."id"                         AS "article_id",
    a."slug"                       AS "article_slug",
    a."headline"                   AS "headline",
    CAST(a."status" AS TEXT)       AS "article_status",
    CAST(a."is_stub" AS INTEGER)   AS "is_stub",
    strftime('%Y-%m-%dT%H:%M:%fZ', a."published_at") AS "published_at",
    CAST((SELECT count(*) FROM "paragraphs" p WHERE p."article_id" = a."id") AS INTEGER)       AS "paragraphs",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id") AS INTEGER)           AS "quotes",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id" AND q."kind" = 'direct') AS INTEGER)
                                                                                               AS "direct_quotes",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id" AND q."kind" = 'partial') AS INTEGER)
                                                                                               AS "partial_quotes",
    CAST((SELECT count(*) FROM "quotes" q WHERE q."article_id" = a."id" AND q."kind" = 'scare') AS INTEGER)
                                                                                               AS "scare_quotes",
    CAST((SELECT count(*) FROM "article_people" ap WHERE ap."article_id" = a."id") AS INTEGER) AS "people",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q WHERE q."article_id" = a."id") AS INTEGER)
                                                                                               AS "speakers",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'politician') AS INTEGER)             AS "speakers_politician",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'government_official') AS INTEGER)             AS "speakers_government_official",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'executive') AS INTEGER)             AS "speakers_executive",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'spokesperson') AS INTEGER)             AS "speakers_spokesperson",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'expert_academic') AS INTEGER)             AS "speakers_expert_academic",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'journalist') AS INTEGER)             AS "speakers_journalist",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'lawyer') AS INTEGER)             AS "speakers_lawyer",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'police_military') AS INTEGER)             AS "speakers_police_military",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'athlete_coach') AS INTEGER)             AS "speakers_athlete_coach",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'artist') AS INTEGER)             AS "speakers_artist",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'member_of_public') AS INTEGER)             AS "speakers_member_of_public",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" = 'other') AS INTEGER)             AS "speakers_other",
    CAST((SELECT count(DISTINCT q."speaker_id") FROM "quotes" q
          JOIN "article_people" ap ON ap."article_id" = q."article_id" AND ap."person_id" = q."speaker_id"
          WHERE q."article_id" = a."id" AND ap."role_category" IS NULL) AS INTEGER)             AS "speakers_without_role",
    CAST((SELECT count(*) FROM "related_articles" r WHERE r."article_id" = a."id") AS INTEGER) AS "related"
FROM "articles" a
WHERE a."deleted_at" IS NULL;
