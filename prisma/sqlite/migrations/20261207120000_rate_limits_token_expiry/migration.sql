-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" DATETIME;

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "hits" INTEGER NOT NULL,
    "reset_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "rate_limits_reset_at_idx" ON "rate_limits"("reset_at");
