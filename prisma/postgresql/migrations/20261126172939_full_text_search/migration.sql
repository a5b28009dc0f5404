-- Full-text search over headlines, paragraphs and quotes (src/search/, docs/analysts.md "Full-text search").
-- One row per searchable text, kept in step by the triggers below, so every write — the API, the ingest, or an
-- analyst's own SQL — is searchable at once. `document` is a generated tsvector (english configuration: stemming
-- and stop words) with a GIN index. Deleting an article removes its rows through the foreign key.
-- The table is not in prisma/models.prisma: .config/prisma.ts lists it as external (docs/migrations.md).
CREATE TABLE "search_documents" (
    "kind"       TEXT    NOT NULL, -- 'headline', 'paragraph' or 'quote' (no CHECK: see docs/migrations.md)
    "source_id"  INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "body"       TEXT    NOT NULL,
    "document"   TSVECTOR GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "body")) STORED,
    PRIMARY KEY ("kind", "source_id")
);
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING GIN ("document");
CREATE INDEX "search_documents_article_id_idx" ON "search_documents" ("article_id");

INSERT INTO "search_documents" ("kind", "source_id", "article_id", "body")
SELECT 'headline', "id", "id", "headline" FROM "articles"
UNION ALL SELECT 'paragraph', "id", "article_id", "text" FROM "paragraphs"
UNION ALL SELECT 'quote', "id", "article_id", "text" FROM "quotes";

-- One function for the three tables: TG_ARGV[0] is the kind, the text column is "headline" or "text".
CREATE FUNCTION "search_documents_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "search_documents" WHERE "kind" = TG_ARGV[0] AND "source_id" = OLD."id";
        RETURN NULL;
    END IF;
    IF TG_ARGV[0] = 'headline' THEN
        INSERT INTO "search_documents" ("kind", "source_id", "article_id", "body")
        VALUES ('headline', NEW."id", NEW."id", NEW."headline")
        ON CONFLICT ("kind", "source_id") DO UPDATE SET "body" = EXCLUDED."body";
    ELSE
        INSERT INTO "search_documents" ("kind", "source_id", "article_id", "body")
        VALUES (TG_ARGV[0], NEW."id", NEW."article_id", NEW."text")
        ON CONFLICT ("kind", "source_id") DO UPDATE SET "body" = EXCLUDED."body", "article_id" = EXCLUDED."article_id";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "articles_search_sync" AFTER INSERT OR UPDATE OF "headline" ON "articles"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('headline');
CREATE TRIGGER "paragraphs_search_sync" AFTER INSERT OR UPDATE OF "text", "article_id" OR DELETE ON "paragraphs"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('paragraph');
CREATE TRIGGER "quotes_search_sync" AFTER INSERT OR UPDATE OF "text", "article_id" OR DELETE ON "quotes"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('quote');
