import { useEffect, useRef, useState } from 'preact/hooks';
import { type Kind, type Page, type Person, type Quote, get, query } from './api.ts';
import { KindSelect } from './widgets.tsx';

type SpeakerChoice = { id: number; name: string } | { name: string } | null;
type SpeakerRef = { id: number } | { name: string } | null;

/**
 * The panel for one quote: its speaker (search people by name, or create a person by typing a new name), its kind,
 * or delete it. Opens when a quote is clicked; Escape closes it.
 */
export function QuoteEditor(props: {
  quote: Quote;
  busy: boolean;
  onSave(what: string, body: { speaker?: SpeakerRef; kind?: Kind }): Promise<boolean>;
  onDelete(): Promise<boolean>;
  onClose(): void;
}) {
  const { quote } = props;
  const [term, setTerm] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  const [speaker, setSpeaker] = useState<SpeakerChoice | undefined>(undefined);
  const [kind, setKind] = useState<Kind>(quote.kind);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const name = term.trim();
    if (name.length < 2) return setFound([]);
    let live = true;
    const t = setTimeout(() => {
      get<Page<Person>>(`/api/people${query({ q: name, limit: 8 })}`).then((p) => live && setFound(p.data), () => live && setFound([]));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [term]);

  const chosen = speaker === undefined ? quote.speaker?.name ?? 'no speaker' : speaker === null ? 'no speaker' : speaker.name;
  const changed = speaker !== undefined || kind !== quote.kind;
  const save = async () => {
    const body: { speaker?: SpeakerRef; kind?: Kind } = {};
    // The API takes {id} for a person found, {name} for one to create.
    if (speaker !== undefined) body.speaker = speaker && 'id' in speaker ? { id: speaker.id } : speaker;
    if (kind !== quote.kind) body.kind = kind;
    const ok = await props.onSave(`Change the quote “${quote.text}” (speaker: ${chosen}, kind: ${kind})`, body);
    if (ok) (setSpeaker(undefined), setTerm(''));
  };
  const exact = found.some((p) => p.name.toLowerCase() === term.trim().toLowerCase());

  return (
    <section class="quote-editor" aria-labelledby="quote-editor-title" onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <h2 id="quote-editor-title" tabIndex={-1} ref={heading}>Quote in paragraph {quote.paragraphPosition}</h2>
      <blockquote class={`quote ${quote.kind}`}>{quote.text}</blockquote>
      <p>
        Speaker now: <strong>{quote.speaker?.name ?? 'no speaker'}</strong>
        {speaker !== undefined && <> → will be <strong>{chosen}</strong></>}
      </p>
      <label>
        Find or create the speaker
        <input type="search" value={term} onInput={(e) => setTerm(e.currentTarget.value)} autoComplete="off" />
      </label>
      <ul class="choices" aria-label="People found">
        {found.map((p) => (
          <li><button type="button" onClick={() => setSpeaker({ id: p.id, name: p.name })}>Choose {p.name}</button></li>
        ))}
        {term.trim().length >= 2 && !exact && (
          <li><button type="button" onClick={() => setSpeaker({ name: term.trim() })}>Create person “{term.trim()}”</button></li>
        )}
        <li><button type="button" onClick={() => setSpeaker(null)}>No speaker</button></li>
      </ul>
      <KindSelect label="Kind" value={kind} onChange={setKind} />
      <div class="toolbar">
        <button type="button" disabled={!changed || props.busy} onClick={save}>Save quote</button>
        <button type="button" class="danger" disabled={props.busy} onClick={() => confirm('Delete this quote?') && props.onDelete()}>Delete quote</button>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
    </section>
  );
}
