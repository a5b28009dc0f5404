-- The store's date domain, years 1-9999 in UTC (src/dates.ts), enforced by the database too. Prisma writes a
-- SQLite DATETIME as ISO text ("2026-02-03T10:00:00.000+00:00"); JavaScript writes year 0 as "0000-…" and year
-- 10000 as "+010000-…", which sort wrongly against the rest. Triggers, not a CHECK constraint: adding a CHECK on
-- SQLite rewrites the table, and other changes add columns to articles.
CREATE TRIGGER "articles_published_at_domain_insert"
BEFORE INSERT ON "articles"
WHEN NEW."published_at" IS NOT NULL
 AND (NEW."published_at" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' OR NEW."published_at" < '0001-01-01')
BEGIN
  SELECT RAISE(ABORT, 'articles.published_at is outside the date domain: years 1-9999 in UTC');
END;

CREATE TRIGGER "articles_published_at_domain_update"
BEFORE UPDATE OF "published_at" ON "articles"
WHEN NEW."published_at" IS NOT NULL
 AND (NEW."published_at" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' OR NEW."published_at" < '0001-01-01')
BEGIN
  SELECT RAISE(ABORT, 'articles.published_at is outside the date domain: years 1-9999 in UTC');
END;
