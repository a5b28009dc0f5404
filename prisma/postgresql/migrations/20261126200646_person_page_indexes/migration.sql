-- DropIndex
DROP INDEX "article_people_person_id_idx";

-- CreateIndex
CREATE INDEX "article_people_person_id_article_id_idx" ON "article_people"("person_id", "article_id");

-- CreateIndex
CREATE INDEX "articles_id_status_idx" ON "articles"("id", "status");
