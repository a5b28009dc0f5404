-- The store's date domain, years 1-9999 in UTC (src/dates.ts), enforced by the database too: PostgreSQL holds
-- years far beyond, which JavaScript then cannot render ("Invalid time value"). timestamp(3) columns hold UTC.
ALTER TABLE "articles" ADD CONSTRAINT "articles_published_at_domain"
  CHECK ("published_at" IS NULL OR ("published_at" >= '0001-01-01 00:00:00' AND "published_at" < '10000-01-01 00:00:00'));
