import { useEffect, useRef } from 'preact/hooks';
import { formatDate } from './widgets.tsx';
import type { Conflict } from './write.ts';

/** Someone saved first (412): who, what they changed, and the editor's own change kept to apply again or drop. */
export function ConflictDialog({ conflict, onReapply, onDiscard }: { conflict: Conflict; onReapply(): void; onDiscard(): void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const who = [...new Set(conflict.changes.map((c) => c.actor))];
  return (
    <div class="backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-what" class="dialog">
        <h2 id="conflict-title" tabIndex={-1} ref={ref}>Someone else changed this article</h2>
        <p id="conflict-what">
          {who.length ? `${who.join(', ')} saved changes` : 'Another change was saved'} while you were working. The page now shows their version;
          your change has not been applied and is kept here.
        </p>
        <h3>Their changes</h3>
        <ul>
          {conflict.changes.map((c) => (
            <li>
              <strong>{c.actor}</strong>: {c.action.replace('.', ' ')} · {formatDate(c.createdAt)}
            </li>
          ))}
        </ul>
        <h3>Your change</h3>
        <p class="yours">{conflict.write.what}</p>
        <div class="toolbar">
          <button type="button" onClick={onReapply}>Apply my change to the new version</button>
          <button type="button" onClick={onDiscard}>Discard my change</button>
        </div>
      </div>
    </div>
  );
}
