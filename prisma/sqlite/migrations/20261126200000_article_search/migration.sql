-- The article-level full-text index behind GET /api/search and the list filters' `q` (src/search/, docs/performance.md
-- "Search at 100,000 articles"). search_documents keeps a row per headline, paragraph and quote — the snippets come
-- from there — but deciding which articles match and ranking them per row meant intersecting per-term article sets and
-- summing row scores over every match: seconds for a common word at 100,000 articles. Here each article is ONE
-- document (headline, body = its paragraphs in order), so a whole query is one MATCH and one bm25 per article.
-- Contentless (the text is in articles and paragraphs already) with contentless_delete, so a row can be replaced.
CREATE VIRTUAL TABLE "article_search" USING fts5(
    "headline",
    "body",
    content = '',
    contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Rebuilding an article's document on every paragraph insert would tokenize a 20-paragraph article 20 times over
-- during an ingest. The triggers only note which articles changed; the writer that changed them rebuilds those
-- documents once, before it commits (src/db/search-index.ts: every transaction() and every bulk-ingest batch).
CREATE TABLE "article_search_pending" (
    "article_id" INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO "article_search" ("rowid", "headline", "body")
SELECT a."id", a."headline",
       (SELECT group_concat(p."text", char(10) ORDER BY p."position") FROM "paragraphs" p WHERE p."article_id" = a."id")
FROM "articles" a;

CREATE TRIGGER "articles_article_search_insert" AFTER INSERT ON "articles" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (new."id");
END;
CREATE TRIGGER "articles_article_search_update" AFTER UPDATE OF "headline" ON "articles" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (new."id");
END;
CREATE TRIGGER "articles_article_search_delete" AFTER DELETE ON "articles" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (old."id");
END;
CREATE TRIGGER "paragraphs_article_search_insert" AFTER INSERT ON "paragraphs" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (new."article_id");
END;
CREATE TRIGGER "paragraphs_article_search_update" AFTER UPDATE OF "text", "article_id" ON "paragraphs" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (old."article_id"), (new."article_id");
END;
CREATE TRIGGER "paragraphs_article_search_delete" AFTER DELETE ON "paragraphs" BEGIN
    INSERT OR IGNORE INTO "article_search_pending" ("article_id") VALUES (old."article_id");
END;
