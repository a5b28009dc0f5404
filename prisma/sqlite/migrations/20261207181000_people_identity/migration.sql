-- Person identity (issue 19.1, 16.4): a name no longer makes one person. Namesakes whose roles conflict are
-- different people (src/people/identity.ts), so name_key is indexed, not unique. A person has a kind (an
-- organisation quoted as a source is stored as a speaker of kind "organisation"), the pronoun the articles use for
-- them, and an optional Wikidata item.
-- CHECK constraints here: SQLite adds a column with its CHECK without rewriting the table.
DROP INDEX "people_name_key_key";
CREATE INDEX "people_name_key_id_idx" ON "people"("name_key", "id");
ALTER TABLE "people" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'person' CHECK ("kind" IN ('person', 'organisation'));
ALTER TABLE "people" ADD COLUMN "pronoun" TEXT CHECK ("pronoun" IN ('she', 'he', 'they'));
ALTER TABLE "people" ADD COLUMN "wikidata_id" TEXT CHECK ("wikidata_id" GLOB 'Q[1-9]*' AND substr("wikidata_id", 2) NOT GLOB '*[^0-9]*');
CREATE UNIQUE INDEX "people_wikidata_id_key" ON "people"("wikidata_id");

-- The view analysts read people through gains the new columns (otherwise as 20261207130100_live_articles_in_views).
DROP VIEW "person_mentions";
-- One row per person, article and paragraph that mentions them.
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
