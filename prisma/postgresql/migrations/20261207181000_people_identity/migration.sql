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

-- The views show the new columns from 20261207182000_portable_views_and_roles, which recreates them all.
