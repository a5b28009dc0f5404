import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ArticleDetail, type Kind, type Paragraph, type Quote, call, getWithEtag } from './api.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { QuoteEditor } from './quote-editor.tsx';
import { BASE } from './router.ts';
import { ErrorNote, KindSelect, StatusBadge, formatDate, useTitle } from './widgets.tsx';
import { type PendingWrite, jsonCall, useGuardedWrites } from './write.ts';

interface Mark { start: number; end: number; quote: Quote }

/** Where each quote sits in each paragraph (by its offsets; a quote over several paragraphs runs on into them). */
function marksByParagraph(a: ArticleDetail): Map<number, Mark[]> {
  const byPosition = new Map(a.paragraphs.map((p) => [p.position, p]));
  const marks = new Map<number, Mark[]>();
  const add = (pid: number, m: Mark) => marks.set(pid, [...(marks.get(pid) ?? []), m]);
  for (const q of a.quotes) {
    if (q.startOffset === null || q.endOffset === null) continue;
    const first = byPosition.get(q.paragraphPosition);
    if (!first) continue;
    if (q.paragraphSpan <= 1) {
      add(first.id, { start: q.startOffset, end: q.endOffset, quote: q });
      continue;
    }
    add(first.id, { start: q.startOffset, end: first.text.length, quote: q });
    for (let k = 1; k < q.paragraphSpan; k++) {
      const p = byPosition.get(q.paragraphPosition + k);
      if (p) add(p.id, { start: 0, end: k === q.paragraphSpan - 1 ? q.endOffset : p.text.length, quote: q });
    }
  }
  // Nested quotes (a quote inside a quote) would need nested marks; the outer one is shown, the inner is listed.
  for (const [pid, list] of marks) {
    list.sort((x, y) => x.start - y.start || y.end - x.end);
    const kept: Mark[] = [];
    for (const m of list) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
    marks.set(pid, kept);
  }
  return marks;
}

/** The offset of (node, offset) in the paragraph's own text: the speakers' names shown beside quotes do not count. */
function textOffset(container: Element, node: Node, offset: number): number | null {
  if (!container.contains(node)) return null;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t.parentElement?.closest('.speaker')) continue;
    if (t === node) return total + offset;
    total += t.textContent?.length ?? 0;
  }
  return node === container ? total : null;
}

export function ArticlePage({ id }: { id: number }) {
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [etag, setEtag] = useState('');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [selectedQuote, setSelectedQuote] = useState<number | null>(null);
  const [editing, setEditing] = useState<{ id: number | 'new'; after: number; text: string } | null>(null);
  const [selection, setSelection] = useState<{ paragraph: Paragraph; start: number; end: number; text: string } | null>(null);
  const [markKind, setMarkKind] = useState<Kind>('direct');
  const [announce, setAnnounce] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  useTitle(article?.headline ?? 'Article');

  const reload = async () => {
    const r = await getWithEtag<ArticleDetail>(`/api/articles/${id}`);
    setArticle(r.body);
    setEtag(r.etag ?? '');
    return { etag: r.etag ?? '', version: r.body.version };
  };
  useEffect(() => {
    reload().catch((e) => setLoadError(e as ApiError));
  }, [id]);

  // The bench (bench/desk.ts) reads this mark: the article is on screen with its quotes and controls.
  useEffect(() => {
    if (article && !performance.getEntriesByName('desk:article-ready').length) performance.mark('desk:article-ready');
  }, [article]);

  const writes = useGuardedWrites({ historyUrl: `/api/articles/${id}/history`, reload });
  const run = async (write: PendingWrite, after?: () => void, message?: string) => {
    if (!article) return false;
    const ok = await writes.perform(write, etag, article.version);
    if (ok) {
      after?.();
      if (message) setAnnounce(message);
    }
    return ok;
  };

  if (loadError) return <ErrorNote error={loadError} />;
  if (!article) return <p>Loading the article…</p>;

  const marks = marksByParagraph(article);
  const placed = new Set([...marks.values()].flat().map((m) => m.quote.id));
  const unplaced = article.quotes.filter((q) => !placed.has(q.id));
  const quote = article.quotes.find((q) => q.id === selectedQuote) ?? null;
  const ids = article.paragraphs.map((p) => p.id);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= ids.length || from === to) return;
    const order = [...ids];
    const [moved] = order.splice(from, 1);
    order.splice(to, 0, moved!);
    void run(
      { what: `Move paragraph ${from + 1} to place ${to + 1}`, run: jsonCall('PUT', `/api/articles/${id}/paragraphs/order`, { order }) },
      () => requestAnimationFrame(() => document.getElementById(`para-${moved}`)?.querySelector<HTMLElement>('.handle')?.focus()),
      `Paragraph ${from + 1} moved to place ${to + 1}`,
    );
  };

  const saveParagraph = () => {
    if (!editing) return;
    const write: PendingWrite =
      editing.id === 'new'
        ? { what: `Insert a paragraph after paragraph ${editing.after}`, run: jsonCall('POST', `/api/articles/${id}/paragraphs`, { text: editing.text, position: editing.after + 1 }) }
        : { what: `Edit paragraph ${editing.after}`, run: jsonCall('PATCH', `/api/articles/${id}/paragraphs/${editing.id}`, { text: editing.text }) };
    void run(write, () => setEditing(null), 'Paragraph saved');
  };

  const onMouseUp = (p: Paragraph) => (e: MouseEvent) => {
    const sel = getSelection();
    const container = (e.currentTarget as Element).querySelector('.ptext');
    if (!sel || sel.isCollapsed || !container) return;
    const range = sel.getRangeAt(0);
    const start = textOffset(container, range.startContainer, range.startOffset);
    const end = textOffset(container, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    const text = p.text.slice(start, end);
    if (text.trim()) setSelection({ paragraph: p, start, end, text });
  };

  const markQuote = () => {
    if (!selection) return;
    const { paragraph, start, end, text } = selection;
    void run(
      { what: `Mark “${text}” as a quote`, run: jsonCall('POST', `/api/articles/${id}/quotes`, { paragraphId: paragraph.id, text, kind: markKind, startOffset: start, endOffset: end }) },
      () => setSelection(null),
      'Quote marked',
    );
  };

  const publish = article.status === 'published' ? 'draft' : 'published';

  return (
    <article class="article-page" aria-labelledby="headline">
      <header class="article-head">
        <h1 id="headline">{article.headline}</h1>
        <p class="meta">
          {article.byline && <span>{article.byline} · </span>}
          <span>{formatDate(article.publishedAt)}</span> · <StatusBadge status={article.status} isStub={article.isStub} />
        </p>
        <div class="toolbar">
          <button type="button" disabled={writes.busy} onClick={() => run({ what: publish === 'published' ? 'Publish' : 'Unpublish', run: jsonCall('PATCH', `/api/articles/${id}`, { status: publish }) }, undefined, publish === 'published' ? 'Published' : 'Unpublished (now a draft)')}>
            {publish === 'published' ? 'Publish' : 'Unpublish'}
          </button>
          <a href={`${BASE}/articles/${id}/history`}>History</a>
        </div>
      </header>
      <p class="sr-only" role="status" aria-live="polite">{announce}</p>
      {writes.error && <ErrorNote error={writes.error} />}
      {writes.conflict && (
        <ConflictDialog
          conflict={writes.conflict}
          onReapply={() => writes.conflict && run(writes.conflict.write, () => setEditing(null), 'Your change was applied on the new version')}
          onDiscard={() => (writes.setConflict(null), setEditing(null))}
        />
      )}
      <div class="layout">
        <div class="body">
          {selection && (
            <div class="mark-bar" role="group" aria-label="Mark a quote">
              <span>Selected: “{selection.text}”</span>
              <KindSelect label="Kind of quote" value={markKind} onChange={setMarkKind} />
              <button type="button" onClick={markQuote}>Mark as quote</button>
              <button type="button" onClick={() => setSelection(null)}>Cancel</button>
            </div>
          )}
          {quote && (
            <QuoteEditor
              key={quote.id}
              quote={quote}
              busy={writes.busy}
              onClose={() => setSelectedQuote(null)}
              onSave={(what, body) => run({ what, run: jsonCall('PATCH', `/api/quotes/${quote.id}`, body) }, undefined, 'Quote saved')}
              onDelete={() => run({ what: `Delete the quote “${quote.text}”`, run: (e) => call('DELETE', `/api/quotes/${quote.id}`, { ifMatch: e }) }, () => setSelectedQuote(null), 'Quote deleted')}
            />
          )}
          <ol class="paragraphs" aria-label="Paragraphs">
            {article.paragraphs.map((p, i) => (
              <li
                id={`para-${p.id}`}
                class={dragged === p.id ? 'dragging' : ''}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragged !== null) move(ids.indexOf(dragged), i);
                  setDragged(null);
                }}
              >
                <div class="para" onMouseUp={onMouseUp(p)}>
                  <span
                    class="handle"
                    draggable
                    tabIndex={0}
                    role="button"
                    aria-label={`Paragraph ${i + 1}: drag, or press Alt+Arrow Up or Down to move`}
                    onDragStart={(e) => (setDragged(p.id), e.dataTransfer?.setData('text/plain', String(p.id)))}
                    onDragEnd={() => setDragged(null)}
                    onKeyDown={(e) => {
                      if (e.altKey && e.key === 'ArrowUp') (e.preventDefault(), move(i, i - 1));
                      if (e.altKey && e.key === 'ArrowDown') (e.preventDefault(), move(i, i + 1));
                    }}
                  >
                    {i + 1}
                  </span>
                  {editing && editing.id === p.id ? (
                    <ParagraphForm label={`Text of paragraph ${i + 1}`} editing={editing} setEditing={setEditing} onSave={saveParagraph} busy={writes.busy} />
                  ) : (
                    <p class="ptext">{renderParagraph(p, marks.get(p.id) ?? [], selectedQuote, setSelectedQuote)}</p>
                  )}
                </div>
                <div class="pcontrols">
                  <button type="button" onClick={() => setEditing({ id: p.id, after: i + 1, text: p.text })}>Edit<span class="sr-only"> paragraph {i + 1}</span></button>
                  <button type="button" disabled={i === 0} aria-label={`Move paragraph ${i + 1} up`} onClick={() => move(i, i - 1)}>↑</button>
                  <button type="button" disabled={i === ids.length - 1} aria-label={`Move paragraph ${i + 1} down`} onClick={() => move(i, i + 1)}>↓</button>
                  <button type="button" onClick={() => setEditing({ id: 'new', after: i + 1, text: '' })}>Insert after<span class="sr-only"> paragraph {i + 1}</span></button>
                  <button type="button" onClick={() => confirm(`Delete paragraph ${i + 1}?`) && run({ what: `Delete paragraph ${i + 1}`, run: (e) => call('DELETE', `/api/articles/${id}/paragraphs/${p.id}`, { ifMatch: e }) }, undefined, 'Paragraph deleted')}>
                    Delete<span class="sr-only"> paragraph {i + 1}</span>
                  </button>
                </div>
                {editing && editing.id === 'new' && editing.after === i + 1 && (
                  <ParagraphForm label={`New paragraph after paragraph ${i + 1}`} editing={editing} setEditing={setEditing} onSave={saveParagraph} busy={writes.busy} />
                )}
              </li>
            ))}
          </ol>
          {unplaced.length > 0 && (
            <section aria-labelledby="unplaced-title">
              <h2 id="unplaced-title">Quotes not placed in the text</h2>
              <ul>
                {unplaced.map((q) => (
                  <li>
                    <button type="button" class={`quote ${q.kind}`} onClick={() => setSelectedQuote(q.id)}>{q.text}</button>{' '}
                    <span class="speaker">{q.speaker?.name ?? 'no speaker'}</span> (paragraph {q.paragraphPosition})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <aside class="side">
          <section aria-labelledby="people-title">
            <h2 id="people-title">People</h2>
            <ul class="people">
              {article.people.map((person) => (
                <li>
                  <a href={`${BASE}/people/${person.id}`}>{person.name}</a>
                  {person.role && <span class="role">{person.role}</span>}
                  {person.aliases.length > 0 && <span class="aliases">also: {person.aliases.join(', ')}</span>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="related-title">
            <h2 id="related-title">Related articles</h2>
            {article.related.length === 0 && <p>None.</p>}
            <ul>
              {article.related.map((r) => (
                <li>
                  <a href={`${BASE}/articles/${r.article.id}`}>{r.title}</a> <StatusBadge status={r.article.status} isStub={r.article.status === 'stub'} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="legend-title">
            <h2 id="legend-title">Quotes</h2>
            <p><span class="quote direct">direct</span> <span class="quote partial">partial</span> <span class="quote scare">scare</span></p>
            <p class="hint">Click a quote to change its speaker or kind. Select words in a paragraph to mark a quote the ingest missed.</p>
          </section>
        </aside>
      </div>
    </article>
  );
}

function renderParagraph(p: Paragraph, marks: Mark[], selected: number | null, select: (id: number) => void) {
  const out = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > p.text.length) continue;
    if (m.start > at) out.push(p.text.slice(at, m.start));
    const q = m.quote;
    out.push(
      <button type="button" class={`quote ${q.kind}${selected === q.id ? ' selected' : ''}`} aria-pressed={selected === q.id} onClick={() => select(q.id)}>
        {p.text.slice(m.start, m.end)}
      </button>,
      <span class="speaker">{q.kind === 'scare' ? 'scare quote' : (q.speaker?.name ?? 'no speaker')}</span>,
    );
    at = m.end;
  }
  out.push(p.text.slice(at));
  return out;
}

function ParagraphForm(props: {
  label: string;
  editing: { id: number | 'new'; after: number; text: string };
  setEditing(e: { id: number | 'new'; after: number; text: string } | null): void;
  onSave(): void;
  busy: boolean;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form class="pform" onSubmit={(e) => (e.preventDefault(), props.onSave())}>
      <label>
        {props.label}
        <textarea ref={ref} rows={4} value={props.editing.text} onInput={(e) => props.setEditing({ ...props.editing, text: e.currentTarget.value })} />
      </label>
      <button type="submit" disabled={props.busy}>Save paragraph</button>
      <button type="button" onClick={() => props.setEditing(null)}>Cancel</button>
    </form>
  );
}
