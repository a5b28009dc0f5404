-- CreateEnum
CREATE TYPE "article_status" AS ENUM ('draft', 'published', 'archived', 'stub');

-- CreateEnum
CREATE TYPE "quote_kind" AS ENUM ('direct', 'partial', 'scare');

-- CreateEnum
CREATE TYPE "editor_role" AS ENUM ('editor', 'admin');

-- CreateTable
CREATE TABLE "articles" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "headline_derived" BOOLEAN NOT NULL DEFAULT false,
    "standfirst" TEXT,
    "byline" TEXT,
    "source_name" TEXT,
    "source_url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "status" "article_status" NOT NULL DEFAULT 'draft',
    "is_stub" BOOLEAN NOT NULL DEFAULT false,
    "published_at" TIMESTAMP(3),
    "source_text" TEXT,
    "content_hash" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paragraphs" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "paragraphs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "article_people" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "role" TEXT,
    "aliases" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentions" (
    "article_person_id" INTEGER NOT NULL,
    "paragraph_id" INTEGER NOT NULL,

    CONSTRAINT "mentions_pkey" PRIMARY KEY ("article_person_id","paragraph_id")
);

-- CreateTable
CREATE TABLE "quotes" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "paragraph_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "quote_kind" NOT NULL,
    "speaker_id" INTEGER,
    "addressee_id" INTEGER,
    "verb" TEXT,
    "start_offset" INTEGER,
    "end_offset" INTEGER,
    "paragraph_span" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "quotes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "related_articles" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "related_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "related_articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "editor_role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revisions" (
    "id" SERIAL NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "token_id" INTEGER,
    "version" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "articles_slug_key" ON "articles"("slug");

-- CreateIndex
CREATE INDEX "articles_status_published_at_id_idx" ON "articles"("status", "published_at", "id");

-- CreateIndex
CREATE INDEX "articles_published_at_id_idx" ON "articles"("published_at", "id");

-- CreateIndex
CREATE INDEX "articles_updated_at_id_idx" ON "articles"("updated_at", "id");

-- CreateIndex
CREATE INDEX "articles_content_hash_idx" ON "articles"("content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "paragraphs_article_id_position_key" ON "paragraphs"("article_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "people_name_key_key" ON "people"("name_key");

-- CreateIndex
CREATE INDEX "people_name_idx" ON "people"("name");

-- CreateIndex
CREATE INDEX "article_people_person_id_idx" ON "article_people"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "article_people_article_id_person_id_key" ON "article_people"("article_id", "person_id");

-- CreateIndex
CREATE INDEX "mentions_paragraph_id_idx" ON "mentions"("paragraph_id");

-- CreateIndex
CREATE INDEX "quotes_article_id_idx" ON "quotes"("article_id");

-- CreateIndex
CREATE INDEX "quotes_paragraph_id_idx" ON "quotes"("paragraph_id");

-- CreateIndex
CREATE INDEX "quotes_speaker_id_idx" ON "quotes"("speaker_id");

-- CreateIndex
CREATE INDEX "quotes_addressee_id_idx" ON "quotes"("addressee_id");

-- CreateIndex
CREATE INDEX "quotes_kind_idx" ON "quotes"("kind");

-- CreateIndex
CREATE INDEX "related_articles_related_id_idx" ON "related_articles"("related_id");

-- CreateIndex
CREATE UNIQUE INDEX "related_articles_article_id_position_key" ON "related_articles"("article_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "related_articles_article_id_related_id_key" ON "related_articles"("article_id", "related_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "revisions_entity_type_entity_id_id_idx" ON "revisions"("entity_type", "entity_id", "id");

-- CreateIndex
CREATE INDEX "revisions_created_at_idx" ON "revisions"("created_at");

-- AddForeignKey
ALTER TABLE "paragraphs" ADD CONSTRAINT "paragraphs_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_people" ADD CONSTRAINT "article_people_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_people" ADD CONSTRAINT "article_people_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_article_person_id_fkey" FOREIGN KEY ("article_person_id") REFERENCES "article_people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_paragraph_id_fkey" FOREIGN KEY ("paragraph_id") REFERENCES "paragraphs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_paragraph_id_fkey" FOREIGN KEY ("paragraph_id") REFERENCES "paragraphs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_addressee_id_fkey" FOREIGN KEY ("addressee_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_related_id_fkey" FOREIGN KEY ("related_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;
