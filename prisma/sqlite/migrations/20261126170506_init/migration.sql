-- CreateTable
CREATE TABLE "articles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "headline_derived" BOOLEAN NOT NULL DEFAULT false,
    "standfirst" TEXT,
    "byline" TEXT,
    "source_name" TEXT,
    "source_url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "is_stub" BOOLEAN NOT NULL DEFAULT false,
    "published_at" DATETIME,
    "source_text" TEXT,
    "content_hash" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "paragraphs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "article_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "paragraphs_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "people" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "article_people" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "article_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "role" TEXT,
    "aliases" JSONB NOT NULL DEFAULT [],
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "article_people_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "article_people_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "mentions" (
    "article_person_id" INTEGER NOT NULL,
    "paragraph_id" INTEGER NOT NULL,

    PRIMARY KEY ("article_person_id", "paragraph_id"),
    CONSTRAINT "mentions_article_person_id_fkey" FOREIGN KEY ("article_person_id") REFERENCES "article_people" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "mentions_paragraph_id_fkey" FOREIGN KEY ("paragraph_id") REFERENCES "paragraphs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "quotes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "article_id" INTEGER NOT NULL,
    "paragraph_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "speaker_id" INTEGER,
    "addressee_id" INTEGER,
    "verb" TEXT,
    "start_offset" INTEGER,
    "end_offset" INTEGER,
    "paragraph_span" INTEGER NOT NULL DEFAULT 1,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "quotes_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "quotes_paragraph_id_fkey" FOREIGN KEY ("paragraph_id") REFERENCES "paragraphs" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "quotes_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "quotes_addressee_id_fkey" FOREIGN KEY ("addressee_id") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "related_articles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "article_id" INTEGER NOT NULL,
    "related_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    CONSTRAINT "related_articles_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "related_articles_related_id_fkey" FOREIGN KEY ("related_id") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME
);

-- CreateTable
CREATE TABLE "revisions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entity_type" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "token_id" INTEGER,
    "version" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "revisions_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
