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

-- The views show the new columns from 20261207182000_portable_views_and_roles, which recreates them all.
