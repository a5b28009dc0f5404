-- The store's date domain, years 1-9999 in UTC (src/dates.ts), enforced by the database too: PostgreSQL holds
-- years far beyond, which JavaScript then cannot render ("Invalid time value"). timestamp(3) columns hold UTC; a
-- year before 1 reads as negative (1 BC is -1). A trigger, not a CHECK constraint: Prisma's WebAssembly schema
-- engine panics reading a CHECK constraint back when it diffs (`migrate diff`, `migrate dev`), and ignores triggers.
-- SQLSTATE 23514 (check_violation) is what a CHECK would raise: src/db/errors.ts answers it with a 422.
CREATE FUNCTION "articles_published_at_domain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."published_at" IS NOT NULL AND EXTRACT(YEAR FROM NEW."published_at") NOT BETWEEN 1 AND 9999 THEN
    RAISE EXCEPTION 'articles.published_at is outside the date domain: years 1-9999 in UTC' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "articles_published_at_domain"
BEFORE INSERT OR UPDATE OF "published_at" ON "articles"
FOR EACH ROW EXECUTE FUNCTION "articles_published_at_domain"();
