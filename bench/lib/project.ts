/**
 * The project modules the bench drives, imported lazily so the bench can say precisely which piece is missing
 * while other engineers are still writing it, instead of failing to start.
 */
import type { Database } from '../../src/db/client.ts';
import type { ParseOptions, ParsedArticle } from '../../src/ingest/parse/types.ts';

export interface IngestModules {
  parseArticle(text: string, options: ParseOptions): ParsedArticle;
  contentHash(text: string, options: ParseOptions): string;
  importArticle(db: Database['prisma'], text: string, options: ParseOptions, actor: { name: string }): Promise<{ outcome: string }>;
  storeParsedArticle(
    db: Database['prisma'],
    source: { parsed: ParsedArticle; sourceText: string; hash: string },
    actor: { name: string },
  ): Promise<{ outcome: string }>;
}

export async function loadIngest(): Promise<IngestModules> {
  const parse = await import('../../src/ingest/parse/index.ts').catch((e: unknown) => {
    throw new Error(`src/ingest/parse/index.ts is not importable yet (${e instanceof Error ? e.message : e})`);
  });
  const imp = await import('../../src/ingest/import-article.ts');
  const hash = await import('../../src/ingest/content-hash.ts');
  return {
    parseArticle: parse.parseArticle,
    contentHash: hash.contentHash,
    importArticle: imp.importArticle,
    storeParsedArticle: imp.storeParsedArticle,
  };
}

export interface AppModule {
  // biome-ignore lint: the app's own types are not ours to restate
  createApp(deps: { db: any; config: any }): import('node:http').RequestListener;
}

/** The HTTP app, or the reason it cannot be loaded yet. */
export async function loadApp(): Promise<AppModule | string> {
  try {
    const mod = (await import('../../src/http/app.ts')) as unknown as AppModule;
    if (typeof mod.createApp !== 'function') return 'src/http/app.ts does not export createApp';
    return mod;
  } catch (e) {
    return `src/http/app.ts is not importable yet (${e instanceof Error ? e.message.split('\n')[0] : e})`;
  }
}
