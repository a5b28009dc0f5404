-- AlterTable
ALTER TABLE "articles" ADD COLUMN "deleted_at" DATETIME;
ALTER TABLE "articles" ADD COLUMN "deleted_by" TEXT;

-- AlterTable
ALTER TABLE "revisions" ADD COLUMN "snapshot" JSONB;

-- CreateIndex
CREATE INDEX "articles_deleted_at_idx" ON "articles"("deleted_at");
