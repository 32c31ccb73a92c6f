/**
 * A note with its actions (edit inline, delete, show in page) and an optional selection box.
 * Shared by the popup and the library; the caller decides what each action does.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { t } from '@/utils/i18n';
import { NoteView, snippet } from '../verdict/NoteView';
import { VerdictBadge } from '../verdict/VerdictBadge';
import { NoteEditor } from './NoteEditor';

export interface NoteItemProps {
  note: Annotation;
  onSave: (note: Annotation, patch: AnnotationPatch) => Promise<unknown>;
  onDelete: (note: Annotation) => void;
  /** "Show in page" (popup only, for notes that anchored). */
  onShow?: (note: Annotation) => void;
  selected?: boolean;
  onSelect?: (note: Annotation, selected: boolean) => void;
  /** Shown above the actions (the library's link to the note's page). */
  extra?: ComponentChildren;
  /** "Open at the quote" (library): the note's page scrolled to its quote, in a new tab. */
  quoteHref?: string;
}

export function NoteItem({ note, onSave, onDelete, onShow, selected, onSelect, extra, quoteHref }: NoteItemProps) {
  // The note being edited, by id: a list that reuses this row for another note closes the editor.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = editingId === note.id;
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useLayoutEffect(() => {
    if (!editing && returnFocus.current) editButton.current?.focus();
    returnFocus.current = false;
  }, [editing]);
  const close = () => {
    returnFocus.current = true;
    setEditingId(null);
  };
  const label = snippet(note.claim || note.pageTitle || note.pageUrl, 60);

  if (editing) {
    return (
      <article class="fm-note fm-note--editing" aria-label={t('editingNoteLabel', label)} data-note-id={note.id}>
        <header class="fm-note__head">
          <VerdictBadge verdict={note.verdict} />
        </header>
        {note.claim ? <blockquote class="fm-note__claim">{note.claim}</blockquote> : null}
        <NoteEditor
          note={note}
          onCancel={close}
          onSave={async (patch) => {
            await onSave(note, patch);
            close();
          }}
        />
      </article>
    );
  }

  const checkbox = onSelect ? (
    <label class="fm-select">
      <input type="checkbox" checked={!!selected} onChange={(e) => onSelect(note, e.currentTarget.checked)} />
      <span class="fm-sr-only">{t('selectNote', label)}</span>
    </label>
  ) : undefined;

  return (
    <NoteView note={note} before={checkbox}>
      {extra}
      <div class="fm-note__actions">
        {onShow ? (
          <button type="button" onClick={() => onShow(note)} aria-label={t('showInPageLabel', label)}>
            {t('actionShowInPage')}
          </button>
        ) : null}
        {quoteHref ? (
          <a class="fm-button-link" href={quoteHref} target="_blank" rel="noopener noreferrer" aria-label={t('openAtQuoteLabel', label)}>
            {t('actionOpenAtQuote')}
          </a>
        ) : null}
        <button type="button" ref={editButton} onClick={() => setEditingId(note.id)} aria-label={t('editNoteLabel', label)}>
          {t('actionEdit')}
        </button>
        <button type="button" class="fm-danger" onClick={() => onDelete(note)} aria-label={t('deleteNoteLabel', label)}>
          {t('actionDelete')}
        </button>
      </div>
    </NoteView>
  );
}
