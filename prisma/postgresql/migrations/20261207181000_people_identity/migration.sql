-- Person identity (issue 19.1, 16.4): a name no longer makes one person. Namesakes whose roles conflict are
-- different people (src/people/identity.ts), so name_key is indexed, not unique. A person has a kind (an
-- organisation quoted as a source is stored as a speaker of kind "organisation"), the pronoun the articles use for
-- them, and an optional Wikidata item.
-- A trigger, not a CHECK constraint, for the allowed values: Prisma's WebAssembly schema engine panics reading a
-- CHECK back (see 20261207120100_date_domain). SQLSTATE 23514 is what a CHECK would raise (src/db/errors.ts: 422).
DROP INDEX "people_name_key_key";
CREATE INDEX "people_name_key_id_idx" ON "people"("name_key", "id");
ALTER TABLE "people" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'person';
ALTER TABLE "people" ADD COLUMN "pronoun" TEXT;
ALTER TABLE "people" ADD COLUMN "wikidata_id" TEXT;
CREATE UNIQUE INDEX "people_wikidata_id_key" ON "people"("wikidata_id");

CREATE FUNCTION "people_domain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" NOT IN ('person', 'organisation') THEN
    RAISE EXCEPTION 'people.kind must be person or organisation' USING ERRCODE = '23514';
  END IF;
  IF NEW."pronoun" IS NOT NULL AND NEW."pronoun" NOT IN ('she', 'he', 'they') THEN
    RAISE EXCEPTION 'people.pronoun must be she, he, they or null' USING ERRCODE = '23514';
  END IF;
  IF NEW."wikidata_id" IS NOT NULL AND NEW."wikidata_id" !~ '^Q[1-9][0-9]*$' THEN
    RAISE EXCEPTION 'people.wikidata_id must be a Wikidata item id such as Q42' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "people_domain"
BEFORE INSERT OR UPDATE OF "kind", "pronoun", "wikidata_id" ON "people"
FOR EACH ROW EXECUTE FUNCTION "people_domain"();

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
