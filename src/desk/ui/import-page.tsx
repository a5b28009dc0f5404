import { useState } from 'preact/hooks';
import { ApiError, type ImportPreview, call, query } from './api.ts';
import { BASE, navigate } from './router.ts';
import { ErrorNote, useTitle } from './widgets.tsx';

/** Import: paste or upload a text, see what the ingest reads (the API's dry run), then save it as a draft. */
export function ImportPage() {
  useTitle('Import');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const doPreview = () => act(async () => setPreview((await call<ImportPreview>('POST', '/api/articles/import/preview', { text })).body));
  const save = () =>
    act(async () => {
      const existing = preview?.existing;
      const ifMatch = existing && !existing.isStub ? `"article-${existing.id}-v${existing.version}"` : undefined;
      const r = await call<{ articleId: number }>('POST', `/api/articles/import${query({ status: existing ? undefined : 'draft' })}`, { text, ifMatch });
      navigate(`${BASE}/articles/${r.body.articleId}`);
    });
  const upload = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import an article</h1>
      <form onSubmit={(e) => (e.preventDefault(), void doPreview())}>
        <label>
          Upload a text file
          <input type="file" accept=".txt,text/plain" onChange={upload} />
        </label>
        <label>
          Article text
          <textarea rows={14} value={text} onInput={(e) => (setText(e.currentTarget.value), setPreview(null))} />
        </label>
        <button type="submit" disabled={busy || !text.trim()}>Preview</button>
      </form>
      {error && <ErrorNote error={error} />}
      {preview && (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">What the ingest reads: {preview.headline}</h2>
          {preview.existing && <p class="notice">This text updates the existing article “{preview.existing.slug}”; saving replaces its text.</p>}
          {preview.warnings.length > 0 && <ul class="warnings">{preview.warnings.map((w) => <li>{w}</li>)}</ul>}
          <h3>Paragraphs ({preview.paragraphs.length})</h3>
          <ol>{preview.paragraphs.map((p) => <li>{p.text}</li>)}</ol>
          <h3>Quotes ({preview.quotes.length})</h3>
          <ul>
            {preview.quotes.map((q) => (
              <li><span class={`quote ${q.kind}`}>{q.text}</span> — {q.speaker ?? 'no speaker'} ({q.kind}, paragraph {q.paragraph})</li>
            ))}
          </ul>
          <h3>People ({preview.people.length})</h3>
          <ul>{preview.people.map((p) => <li>{p.name}{p.role ? `, ${p.role}` : ''}{p.aliases.length ? ` (also ${p.aliases.join(', ')})` : ''}</li>)}</ul>
          <h3>Related ({preview.related.length})</h3>
          <ul>{preview.related.map((r) => <li>{r.title}</li>)}</ul>
          <button type="button" disabled={busy} onClick={save}>{preview.existing ? 'Save the update' : 'Save as draft'}</button>
        </section>
      )}
    </section>
  );
}
