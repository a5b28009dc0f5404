-- Full-text search over headlines, paragraphs and quotes (src/search/, docs/analysts.md "Full-text search").
-- One FTS5 table holds a row per searchable text, kept in step by the triggers below, so every write — the API,
-- the ingest, or an analyst's own SQL — is searchable at once. The rowid is derived from the source row
-- (id * 4 + 1 headline, + 2 paragraph, + 3 quote), so a trigger finds its row by rowid, never by a scan.
-- The porter stemmer matches "sanction" to "sanctions", like PostgreSQL's english configuration.
-- Prisma's diff does not understand virtual tables: .config/prisma.ts lists this table and its shadow tables as
-- external (docs/migrations.md).
CREATE VIRTUAL TABLE "search_documents" USING fts5(
    "body",
    "kind" UNINDEXED,
    "article_id" UNINDEXED,
    "source_id" UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
SELECT "id" * 4 + 1, "headline", 'headline', "id", "id" FROM "articles";
INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
SELECT "id" * 4 + 2, "text", 'paragraph', "article_id", "id" FROM "paragraphs";
INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
SELECT "id" * 4 + 3, "text", 'quote', "article_id", "id" FROM "quotes";

CREATE TRIGGER "articles_search_insert" AFTER INSERT ON "articles" BEGIN
    INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
    VALUES (new."id" * 4 + 1, new."headline", 'headline', new."id", new."id");
END;
CREATE TRIGGER "articles_search_update" AFTER UPDATE OF "headline" ON "articles" BEGIN
    UPDATE "search_documents" SET "body" = new."headline" WHERE "rowid" = new."id" * 4 + 1;
END;
CREATE TRIGGER "articles_search_delete" AFTER DELETE ON "articles" BEGIN
    DELETE FROM "search_documents" WHERE "rowid" = old."id" * 4 + 1;
END;

CREATE TRIGGER "paragraphs_search_insert" AFTER INSERT ON "paragraphs" BEGIN
    INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
    VALUES (new."id" * 4 + 2, new."text", 'paragraph', new."article_id", new."id");
END;
CREATE TRIGGER "paragraphs_search_update" AFTER UPDATE OF "text", "article_id" ON "paragraphs" BEGIN
    UPDATE "search_documents" SET "body" = new."text", "article_id" = new."article_id" WHERE "rowid" = new."id" * 4 + 2;
END;
CREATE TRIGGER "paragraphs_search_delete" AFTER DELETE ON "paragraphs" BEGIN
    DELETE FROM "search_documents" WHERE "rowid" = old."id" * 4 + 2;
END;

CREATE TRIGGER "quotes_search_insert" AFTER INSERT ON "quotes" BEGIN
    INSERT INTO "search_documents" ("rowid", "body", "kind", "article_id", "source_id")
    VALUES (new."id" * 4 + 3, new."text", 'quote', new."article_id", new."id");
END;
CREATE TRIGGER "quotes_search_update" AFTER UPDATE OF "text", "article_id" ON "quotes" BEGIN
    UPDATE "search_documents" SET "body" = new."text", "article_id" = new."article_id" WHERE "rowid" = new."id" * 4 + 3;
END;
CREATE TRIGGER "quotes_search_delete" AFTER DELETE ON "quotes" BEGIN
    DELETE FROM "search_documents" WHERE "rowid" = old."id" * 4 + 3;
END;
