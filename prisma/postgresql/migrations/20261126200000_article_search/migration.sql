-- The article-level full-text index behind GET /api/search and the list filters' `q` (src/search/, docs/performance.md
-- "Search at 100,000 articles"). search_documents keeps a row per headline, paragraph and quote — the snippets come
-- from there — but deciding which articles match and ranking them per row meant intersecting per-term article sets and
-- summing row scores over every match: seconds for a common word at 100,000 articles. Here each article is ONE
-- tsvector (headline weighted A, paragraphs D), so a whole query is one @@ and one ts_rank per article.
CREATE TABLE "article_search" (
    "article_id" INTEGER  NOT NULL PRIMARY KEY REFERENCES "articles" ("id") ON DELETE CASCADE,
    "document"   TSVECTOR NOT NULL
);
CREATE INDEX "article_search_document_idx" ON "article_search" USING GIN ("document");

-- Rebuilding an article's document on every paragraph insert would tokenize a 20-paragraph article 20 times over
-- during an ingest. The triggers only note which articles changed (per statement where PostgreSQL allows it); the
-- writer that changed them rebuilds those documents once, before it commits (src/db/search-index.ts: every
-- transaction() and every bulk-ingest batch).
CREATE TABLE "article_search_pending" (
    "article_id" INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO "article_search" ("article_id", "document")
SELECT a."id",
       setweight(to_tsvector('english', a."headline"), 'A') ||
       setweight(to_tsvector('english', coalesce(string_agg(p."text", E'\n' ORDER BY p."position"), '')), 'D')
FROM "articles" a LEFT JOIN "paragraphs" p ON p."article_id" = a."id"
GROUP BY a."id";

-- Inserts and deletes are noted once per statement from the transition table (a bulk insert of 5,000 paragraphs is
-- one INSERT … SELECT DISTINCT); updates, which may not name columns together with a transition table, per row.
CREATE FUNCTION "article_search_note_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'articles' THEN
        INSERT INTO "article_search_pending" ("article_id") SELECT DISTINCT "id" FROM "changed_rows" ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO "article_search_pending" ("article_id") SELECT DISTINCT "article_id" FROM "changed_rows" ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION "article_search_note_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'articles' THEN
        INSERT INTO "article_search_pending" ("article_id") VALUES (NEW."id") ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO "article_search_pending" ("article_id") VALUES (OLD."article_id"), (NEW."article_id") ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "articles_article_search_insert" AFTER INSERT ON "articles"
    REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "article_search_note_rows"();
CREATE TRIGGER "articles_article_search_update" AFTER UPDATE OF "headline" ON "articles"
    FOR EACH ROW WHEN (OLD."headline" IS DISTINCT FROM NEW."headline") EXECUTE FUNCTION "article_search_note_update"();
CREATE TRIGGER "paragraphs_article_search_insert" AFTER INSERT ON "paragraphs"
    REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "article_search_note_rows"();
CREATE TRIGGER "paragraphs_article_search_update" AFTER UPDATE OF "text", "article_id" ON "paragraphs"
    FOR EACH ROW EXECUTE FUNCTION "article_search_note_update"();
CREATE TRIGGER "paragraphs_article_search_delete" AFTER DELETE ON "paragraphs"
    REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "article_search_note_rows"();
