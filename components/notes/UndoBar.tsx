import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface UndoState {
  message: string;
  undo: () => Promise<unknown> | void;
}

/**
 * "Note deleted. Undo" — announced politely, and the Undo button takes focus so a keyboard user
 * who just pressed Delete can take it back with Enter. Stays until dismissed (no time limit).
 */
export function UndoBar({ state, onClose }: { state: UndoState | null; onClose: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state) button.current?.focus();
  }, [state]);
  return (
    <div class="fm-undo" role="status" aria-live="polite">
      {state ? (
        <>
          <span>{state.message}</span>
          <button
            type="button"
            ref={button}
            onClick={async () => {
              onClose();
              await state.undo();
            }}
          >
            {t('actionUndo')}
          </button>
          <button type="button" class="fm-link-button" onClick={onClose} aria-label={t('dismissMessage')}>
            ✕
          </button>
        </>
      ) : null}
    </div>
  );
}
