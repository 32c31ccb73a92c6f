/**
 * The card shown when the reader hovers or clicks a highlighted note: verdict, the note, sources
 * as safe links, tags, and edit / delete (with Undo). When the note re-attached to text that
 * differs from its stored quote, the card shows the quote as it was checked and says so.
 * All user text is rendered as text by Preact; links are http(s) only (SourceList).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Annotation } from '@/utils/model/annotation';
import { VerdictBadge } from '@/components/verdict/VerdictBadge';
import { SourceList } from '@/components/verdict/SourceList';
import { t } from '@/utils/i18n';
import { errorText } from '@/components/error-text';

export interface NoteCardProps {
  note: Annotation;
  /** The page text the note is attached to now, when it differs from the quote as checked. */
  changedText?: string | null;
  maxHeight?: number;
  onEdit: () => void;
  /** Reject with an Error whose message is shown. */
  onDelete: () => Promise<void>;
  onUndo: () => Promise<void>;
  onClose: () => void;
  /** Pointer enters/leaves the card (keeps a hover card open). */
  onHover?: (inside: boolean) => void;
  /** Move focus into the card when it opens (opened from the keyboard or the popup). */
  autoFocus?: boolean;
}

export function NoteCard({ note, changedText, maxHeight, onEdit, onDelete, onUndo, onClose, onHover, autoFocus }: NoteCardProps) {
  const [state, setState] = useState<'live' | 'busy' | 'deleted'>('live');
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    if (autoFocus) root.current?.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
  }, []);
  useEffect(() => {
    if (state === 'deleted') root.current?.querySelector<HTMLElement>('[data-action="undo"]')?.focus();
  }, [state]);

  const run = async (action: () => Promise<void>, next: 'live' | 'deleted') => {
    setState('busy');
    setError(null);
    try {
      await action();
      setState(next);
    } catch (e) {
      setError(errorText(e));
      setState(next === 'deleted' ? 'live' : 'deleted');
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <section
      ref={root}
      class="fm-root fm-panel fm-card"
      style={maxHeight ? { maxHeight: `${maxHeight}px` } : undefined}
      role="dialog"
      aria-label={t('pageNoteLabel', note.claim.slice(0, 80))}
      data-note-id={note.id}
      onKeyDown={onKeyDown}
      onMouseEnter={() => onHover?.(true)}
      onMouseLeave={() => onHover?.(false)}
    >
      {state === 'deleted' ? (
        <div class="fm-actions">
          <span class="fm-status fm-spacer" role="status">
            {t('noteDeleted')}
          </span>
          <button type="button" data-action="undo" onClick={() => void run(onUndo, 'live')}>
            {t('actionUndo')}
          </button>
          <button type="button" onClick={onClose}>
            {t('pageClose')}
          </button>
        </div>
      ) : (
        <>
          <header class="fm-card__head">
            <VerdictBadge verdict={note.verdict} />
            <button type="button" class="fm-link" aria-label={t('pageCloseNote')} onClick={onClose}>
              ✕
            </button>
          </header>
          {changedText != null ? (
            <>
              <p class="fm-card__changed" data-changed="true">
                {t('pageNoteChanged')}
              </p>
              <blockquote class="fm-quote">{note.claim}</blockquote>
            </>
          ) : null}
          {note.note ? <p class="fm-note__text">{note.note}</p> : null}
          <SourceList sources={note.sources} />
          {note.tags.length ? (
            <ul class="fm-tags" aria-label={t('tagsLabel')}>
              {note.tags.map((tag) => (
                <li key={tag}>#{tag}</li>
              ))}
            </ul>
          ) : null}
          <div class="fm-actions">
            <span class="fm-spacer" />
            <button type="button" data-action="edit" disabled={state === 'busy'} onClick={onEdit}>
              {t('actionEdit')}
            </button>
            <button type="button" data-action="delete" disabled={state === 'busy'} onClick={() => void run(onDelete, 'deleted')}>
              {t('actionDelete')}
            </button>
          </div>
        </>
      )}
      {error ? (
        <p class="fm-errors" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
