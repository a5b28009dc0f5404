-- A person's page counts their quotes in published articles and lists the newest 50 (src/people/read-people.ts).
-- On (speaker_id) alone every one of a much-quoted person's quotes was read from the table for its article id:
-- 15.4 ms for 13,465 quotes at 100,000 articles. (speaker_id, id, article_id) keeps the newest-first order and covers
-- the article id, so the count reads the index only: 2.5 ms (docs/performance.md, "GET /api/people/:id").

-- DropIndex
DROP INDEX "quotes_speaker_id_idx";

-- CreateIndex
CREATE INDEX "quotes_speaker_id_id_article_id_idx" ON "quotes"("speaker_id", "id", "article_id");
