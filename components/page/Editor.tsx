/**
 * The in-page fact-check editor: verdict, note, sources, tags. Keyboard first: focus starts on the
 * verdict, Tab walks the fields in reading order, Enter saves (Ctrl/Cmd+Enter inside a text
 * area), Escape cancels. Rules live in editor-form.ts; the background validates again and its
 * message is shown when it refuses.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { VERDICTS } from '@/utils/model/annotation';
import { VERDICT_SYMBOLS } from '@/components/verdict/verdict-style';
import { verdictLabel } from '@/components/verdict/verdict-label';
import { t } from '@/utils/i18n';
import { emptySource, validateEditor, type EditorFields, type EditorValues, type FieldError, type SourceRow } from './editor-form';
import { errorText } from '@/components/error-text';

export interface EditorProps {
  mode: 'create' | 'edit';
  /** The text being checked, as selected (or as stored, when editing). */
  quote: string;
  initial: EditorValues;
  maxHeight?: number;
  /** Resolves when saved; rejects with an Error whose message is shown to the reader. */
  onSave: (fields: EditorFields) => Promise<void>;
  onCancel: () => void;
}

const QUOTE_PREVIEW = 400;

export function Editor({ mode, quote, initial, maxHeight, onSave, onCancel }: EditorProps) {
  const [values, setValues] = useState<EditorValues>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const focusField = useRef<string | null>(null);

  // Layout effect: focus is inside the editor as soon as it is shown, before any key arrives.
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>('[data-field="verdict"]')?.focus();
  }, []);
  // After a render that asked for it (errors shown, source added), move focus there.
  useEffect(() => {
    if (!focusField.current) return;
    form.current?.querySelector<HTMLElement>(`[data-field="${focusField.current}"]`)?.focus();
    focusField.current = null;
  });

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const set = (patch: Partial<EditorValues>) => setValues((v) => ({ ...v, ...patch }));
  const setSource = (i: number, patch: Partial<SourceRow>) =>
    setValues((v) => ({ ...v, sources: v.sources.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

  const save = async () => {
    if (saving) return;
    const result = validateEditor(values, Date.now());
    setServerError(null);
    if (!result.ok) {
      setErrors(result.errors);
      focusField.current = result.errors[0].field;
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      await onSave(result.value);
    } catch (error) {
      setServerError(errorText(error));
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
      return;
    }
    if (e.key !== 'Enter' || e.isComposing) return;
    const tag = target.localName;
    if (tag === 'button' || tag === 'a') return; // activates the button or link
    if (tag === 'textarea' && !(e.ctrlKey || e.metaKey)) return; // a new line
    e.preventDefault();
    void save();
  };

  const allErrors = [...errors.map((e) => e.message), ...(serverError ? [serverError] : [])];
  const shownQuote = quote.length > QUOTE_PREVIEW ? `${quote.slice(0, QUOTE_PREVIEW)}…` : quote;

  return (
    <div
      class="fm-root fm-panel"
      style={maxHeight ? { maxHeight: `${maxHeight}px` } : undefined}
      role="dialog"
      aria-label={mode === 'create' ? t('pageEditorCreateLabel') : t('pageEditorEditTitle')}
    >
      <form
        ref={form}
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{mode === 'create' ? t('pageEditorCreateTitle') : t('pageEditorEditTitle')}</h2>
        <blockquote class="fm-quote">{shownQuote}</blockquote>

        {allErrors.length ? (
          <div class="fm-errors" role="alert">
            <ul>
              {allErrors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <label class="fm-field">
          <span>{t('fieldVerdict')}</span>
          <select
            data-field="verdict"
            value={values.verdict}
            aria-invalid={errorFor('verdict') ? 'true' : undefined}
            onChange={(e) => set({ verdict: (e.currentTarget as HTMLSelectElement).value as EditorValues['verdict'] })}
          >
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {verdictLabel(v)} {VERDICT_SYMBOLS[v]}
              </option>
            ))}
          </select>
        </label>

        <label class="fm-field">
          <span>{t('fieldNote')}</span>
          <textarea
            data-field="note"
            rows={3}
            value={values.note}
            aria-invalid={errorFor('note') ? 'true' : undefined}
            onInput={(e) => set({ note: (e.currentTarget as HTMLTextAreaElement).value })}
          />
        </label>

        <fieldset>
          <legend>{values.verdict === 'unrated' ? t('pageEditorSourcesOptional') : t('pageEditorSourcesRequired')}</legend>
          {values.sources.map((s, i) => (
            <div class="fm-source" key={i}>
              {values.sources.length > 1 ? (
                <div class="fm-source__head">
                  <span>{t('sourceN', i + 1)}</span>
                  <button
                    type="button"
                    class="fm-link"
                    aria-label={t('removeSourceN', i + 1)}
                    onClick={() => {
                      focusField.current = `source-url-${Math.max(0, i - 1)}`;
                      set({ sources: values.sources.filter((_, j) => j !== i) });
                    }}
                  >
                    {t('actionRemove')}
                  </button>
                </div>
              ) : null}
              <label class="fm-field">
                <span>{t('pageEditorSourceUrl')}</span>
                <input
                  type="url"
                  data-field={`source-url-${i}`}
                  placeholder="https://"
                  value={s.url}
                  aria-invalid={errorFor(`source-url-${i}`) ? 'true' : undefined}
                  onInput={(e) => setSource(i, { url: (e.currentTarget as HTMLInputElement).value })}
                />
              </label>
              <label class="fm-field">
                <span>{t('fieldSourceTitle')}</span>
                <input
                  type="text"
                  data-field={`source-title-${i}`}
                  value={s.title}
                  onInput={(e) => setSource(i, { title: (e.currentTarget as HTMLInputElement).value })}
                />
              </label>
              <label class="fm-field">
                <span>{t('pageEditorSourceExcerpt')}</span>
                <textarea
                  data-field={`source-excerpt-${i}`}
                  rows={2}
                  value={s.excerpt}
                  onInput={(e) => setSource(i, { excerpt: (e.currentTarget as HTMLTextAreaElement).value })}
                />
              </label>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              focusField.current = `source-url-${values.sources.length}`;
              set({ sources: [...values.sources, emptySource()] });
            }}
          >
            + {t('addSource')}
          </button>
        </fieldset>

        <label class="fm-field">
          <span>{t('pageEditorTags')}</span>
          <input
            type="text"
            data-field="tags"
            value={values.tags}
            aria-invalid={errorFor('tags') ? 'true' : undefined}
            onInput={(e) => set({ tags: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>

        <div class="fm-actions">
          <span class="fm-hint fm-spacer">{t('pageEditorKeysHint')}</span>
          <button type="button" onClick={onCancel}>
            {t('actionCancel')}
          </button>
          <button type="submit" class="fm-primary" disabled={saving}>
            {saving ? t('saving') : t('actionSave')}
          </button>
        </div>
      </form>
    </div>
  );
}
