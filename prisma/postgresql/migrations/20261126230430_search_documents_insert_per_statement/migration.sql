-- Rows that one INSERT statement adds to articles, paragraphs or quotes enter search_documents in one INSERT … SELECT
-- from the statement's transition table, instead of a trigger call and an INSERT per row. The bulk ingest writes a
-- batch's paragraphs in one statement (src/ingest/bulk/postgres-connection.ts), and the per-row calls cost about a
-- fifth of its write time (docs/performance.md); a single-row insert through the API behaves as before. Updates and
-- deletes keep their row triggers (search_documents_sync, *_full_text_search). SQLite has no statement-level
-- triggers; its bulk path writes each table in one statement, which is where its per-row cost was.
CREATE FUNCTION "search_documents_insert_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_ARGV[0] = 'headline' THEN
        INSERT INTO "search_documents" ("kind", "source_id", "article_id", "body")
        SELECT 'headline', n."id", n."id", n."headline" FROM "inserted_rows" n
        ON CONFLICT ("kind", "source_id") DO UPDATE SET "body" = EXCLUDED."body";
    ELSE
        INSERT INTO "search_documents" ("kind", "source_id", "article_id", "body")
        SELECT TG_ARGV[0], n."id", n."article_id", n."text" FROM "inserted_rows" n
        ON CONFLICT ("kind", "source_id") DO UPDATE SET "body" = EXCLUDED."body", "article_id" = EXCLUDED."article_id";
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER "articles_search_sync" ON "articles";
CREATE TRIGGER "articles_search_sync" AFTER UPDATE OF "headline" ON "articles"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('headline');
CREATE TRIGGER "articles_search_insert" AFTER INSERT ON "articles"
    REFERENCING NEW TABLE AS "inserted_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_insert_rows"('headline');

DROP TRIGGER "paragraphs_search_sync" ON "paragraphs";
CREATE TRIGGER "paragraphs_search_sync" AFTER UPDATE OF "text", "article_id" OR DELETE ON "paragraphs"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('paragraph');
CREATE TRIGGER "paragraphs_search_insert" AFTER INSERT ON "paragraphs"
    REFERENCING NEW TABLE AS "inserted_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_insert_rows"('paragraph');

DROP TRIGGER "quotes_search_sync" ON "quotes";
CREATE TRIGGER "quotes_search_sync" AFTER UPDATE OF "text", "article_id" OR DELETE ON "quotes"
    FOR EACH ROW EXECUTE FUNCTION "search_documents_sync"('quote');
CREATE TRIGGER "quotes_search_insert" AFTER INSERT ON "quotes"
    REFERENCING NEW TABLE AS "inserted_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_insert_rows"('quote');
