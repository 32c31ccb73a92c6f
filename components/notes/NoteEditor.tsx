/**
 * Inline editor of a saved note: verdict, note, sources, tags. It does not re-implement the
 * model's rules: the save goes to the background, and when the repository refuses (say, a graded
 * verdict without a source) its message is shown as an alert, as written.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { VERDICTS, type Annotation, type AnnotationPatch, type Source, type Verdict } from '@/utils/model/annotation';
import { LIMITS } from '@/utils/model/limits';
import { t } from '@/utils/i18n';
import { verdictLabel } from '../verdict/verdict-label';
import { errorMessage } from './note-actions';

interface SourceRow {
  key: number;
  url: string;
  title: string;
  /** Kept as they were: the editor does not show excerpts and access dates. */
  rest: Pick<Source, 'excerpt' | 'accessed'>;
}

let rowKeys = 0;
const toRow = (s: Source): SourceRow => ({
  key: ++rowKeys,
  url: s.url,
  title: s.title ?? '',
  rest: { ...(s.excerpt !== undefined ? { excerpt: s.excerpt } : {}), ...(s.accessed !== undefined ? { accessed: s.accessed } : {}) },
});

export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

export function patchFromForm(verdict: Verdict, note: string, rows: SourceRow[], tags: string): AnnotationPatch {
  const sources: Source[] = rows
    .filter((r) => r.url.trim() || r.title.trim())
    .map((r) => ({ url: r.url.trim(), ...(r.title.trim() ? { title: r.title.trim() } : {}), ...r.rest }));
  return { verdict, note, sources, tags: parseTags(tags) };
}

export interface NoteEditorProps {
  note: Annotation;
  /** Rejects with the background's message when the edit is refused. */
  onSave: (patch: AnnotationPatch) => Promise<unknown>;
  onCancel: () => void;
}

export function NoteEditor({ note, onSave, onCancel }: NoteEditorProps) {
  const id = useId();
  const [verdict, setVerdict] = useState<Verdict>(note.verdict);
  const [text, setText] = useState(note.note);
  const [rows, setRows] = useState<SourceRow[]>(() => note.sources.map(toRow));
  const [tags, setTags] = useState(note.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const lastUrl = useRef<HTMLInputElement>(null);
  const focusNewRow = useRef(false);

  useLayoutEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (focusNewRow.current) lastUrl.current?.focus();
    focusNewRow.current = false;
  }, [rows.length]);

  const setRow = (key: number, change: Partial<SourceRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => {
    focusNewRow.current = true;
    setRows((rs) => [...rs, { key: ++rowKeys, url: '', title: '', rest: {} }]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(patchFromForm(verdict, text, rows, tags));
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  const needsSource = verdict !== 'unrated' && !rows.some((r) => r.url.trim());
  return (
    <form
      class="fm-editor"
      aria-label={t('editorTitle')}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div class="fm-field">
        <label for={`${id}-verdict`}>{t('fieldVerdict')}</label>
        <select
          id={`${id}-verdict`}
          ref={first}
          value={verdict}
          aria-describedby={needsSource ? `${id}-needs` : undefined}
          onChange={(e) => setVerdict(e.currentTarget.value as Verdict)}
        >
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {verdictLabel(v)}
            </option>
          ))}
        </select>
        {needsSource ? (
          <p id={`${id}-needs`} class="fm-hint">
            {t('editorNeedsSourceHint')}
          </p>
        ) : null}
      </div>
      <div class="fm-field">
        <label for={`${id}-note`}>{t('fieldNote')}</label>
        <textarea id={`${id}-note`} rows={3} maxLength={LIMITS.note} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <fieldset class="fm-field fm-sources-edit">
        <legend>{t('fieldSources')}</legend>
        {rows.map((r, i) => (
          <div class="fm-source-row" key={r.key} role="group" aria-label={t('sourceN', i + 1)}>
            <label>
              <span>{t('fieldSourceUrl')}</span>
              <input
                type="url"
                inputMode="url"
                placeholder="https://"
                value={r.url}
                ref={i === rows.length - 1 ? lastUrl : undefined}
                onInput={(e) => setRow(r.key, { url: e.currentTarget.value })}
              />
            </label>
            <label>
              <span>{t('fieldSourceTitle')}</span>
              <input type="text" value={r.title} maxLength={LIMITS.title} onInput={(e) => setRow(r.key, { title: e.currentTarget.value })} />
            </label>
            <button type="button" class="fm-link-button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={t('removeSourceN', i + 1)}>
              {t('actionRemove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={addRow}>
          {t('addSource')}
        </button>
      </fieldset>
      <div class="fm-field">
        <label for={`${id}-tags`}>{t('fieldTags')}</label>
        <input id={`${id}-tags`} type="text" value={tags} aria-describedby={`${id}-tags-hint`} onInput={(e) => setTags(e.currentTarget.value)} />
        <p id={`${id}-tags-hint`} class="fm-hint">
          {t('tagsHint')}
        </p>
      </div>
      {error ? (
        <p class="fm-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="fm-actions">
        <button type="submit" class="fm-primary" disabled={saving}>
          {saving ? t('saving') : t('actionSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('actionCancel')}
        </button>
      </div>
    </form>
  );
}
