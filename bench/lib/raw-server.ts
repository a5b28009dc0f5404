import http from 'node:http';
import Database from 'better-sqlite3';

/**
 * The raw limit for reads: a plain node:http server answering GET /api/articles/:slug with the same JSON document
 * as the API (ArticleDetail: summary fields, paragraphs, quotes with speaker/addressee, people with mentioned
 * paragraph positions, related) from better-sqlite3 prepared statements — no framework, no ORM, no validation,
 * no logging, no auth. What this machine can do for the same bytes; the API's figure is divided by it.
 */
export function createRawServer(file: string): http.Server {
  const db = new Database(file, { readonly: true });
  db.pragma('journal_mode = WAL');
  const head = db.prepare<[string]>('SELECT id, version, status FROM articles WHERE slug = ?');
  const article = db.prepare<[number]>(
    `SELECT id, slug, headline, headline_derived AS headlineDerived, standfirst, byline, source_name AS sourceName,
            source_url AS sourceUrl, language, status, is_stub AS isStub, published_at AS publishedAt,
            created_at AS createdAt, updated_at AS updatedAt, version FROM articles WHERE id = ?`,
  );
  const paragraphs = db.prepare<[number]>('SELECT id, position, text FROM paragraphs WHERE article_id = ? ORDER BY position');
  const quotes = db.prepare<[number]>(
    `SELECT q.id, q.article_id AS articleId, q.paragraph_id AS paragraphId, p.position AS paragraphPosition, q.text, q.kind,
            q.speaker_id AS speakerId, s.name AS speakerName, q.addressee_id AS addresseeId, a.name AS addresseeName,
            q.verb, q.start_offset AS startOffset, q.end_offset AS endOffset, q.paragraph_span AS paragraphSpan
     FROM quotes q JOIN paragraphs p ON p.id = q.paragraph_id
       LEFT JOIN people s ON s.id = q.speaker_id LEFT JOIN people a ON a.id = q.addressee_id
     WHERE q.article_id = ? ORDER BY p.position, q.start_offset, q.id`,
  );
  const people = db.prepare<[number]>(
    `SELECT pe.id, pe.name, ap.role, ap.aliases,
            (SELECT json_group_array(position) FROM (SELECT p.position FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id
              WHERE m.article_person_id = ap.id ORDER BY p.position)) AS paragraphs
     FROM article_people ap JOIN people pe ON pe.id = ap.person_id WHERE ap.article_id = ? ORDER BY ap.id`,
  );
  const related = db.prepare<[number]>(
    `SELECT r.position, r.title, a.id, a.slug, a.headline, a.status, a.is_stub AS isStub
     FROM related_articles r JOIN articles a ON a.id = r.related_id WHERE r.article_id = ? ORDER BY r.position`,
  );
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

  return http.createServer((req, res) => {
    const m = /^\/api\/articles\/([^/?]+)/.exec(req.url ?? '');
    const h = m ? (head.get(decodeURIComponent(m[1]!)) as { id: number; version: number; status: string } | undefined) : undefined;
    if (!h || h.status !== 'published') {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      return;
    }
    const etag = `"article-${h.id}-v${h.version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const a = article.get(h.id) as Record<string, unknown>;
    const body = {
      ...a,
      headlineDerived: a.headlineDerived === 1,
      isStub: a.isStub === 1,
      publishedAt: iso(a.publishedAt as string | null),
      createdAt: iso(a.createdAt as string),
      updatedAt: iso(a.updatedAt as string),
      paragraphs: paragraphs.all(h.id),
      quotes: (quotes.all(h.id) as Record<string, unknown>[]).map(({ speakerId, speakerName, addresseeId, addresseeName, ...q }) => ({
        ...q,
        speaker: speakerId === null ? null : { id: speakerId, name: speakerName },
        addressee: addresseeId === null ? null : { id: addresseeId, name: addresseeName },
      })),
      people: (people.all(h.id) as { aliases: string; paragraphs: string }[]).map((p) => ({ ...p, aliases: JSON.parse(p.aliases), paragraphs: JSON.parse(p.paragraphs) })),
      related: (related.all(h.id) as { position: number; title: string; id: number; slug: string; headline: string; status: string; isStub: number }[]).map((r) => ({
        position: r.position,
        title: r.title,
        article: { id: r.id, slug: r.slug, headline: r.headline, status: r.status, isStub: r.isStub === 1 },
      })),
    };
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), etag });
    res.end(json);
  });
}
