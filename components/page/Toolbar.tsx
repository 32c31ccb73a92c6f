/**
 * The small toolbar shown over a text selection: one "Fact-check" button, or a message when the
 * selection cannot be checked (too long). Pressing the mouse on it must not clear the page's
 * selection, so mousedown's default is prevented.
 */
import { t } from '@/utils/i18n';

/** The keyboard command's default shortcut (wxt.config.ts), named in the button's tooltip. */
const SHORTCUT = 'Alt+Shift+F';

export interface ToolbarProps {
  /** When set, shown instead of the button. */
  message?: string | null;
  onFactCheck: () => void;
}

export function Toolbar({ message, onFactCheck }: ToolbarProps) {
  return (
    <div class="fm-root fm-toolbar" role="toolbar" aria-label={t('extName')} onMouseDown={(e) => e.preventDefault()}>
      {message ? (
        <span class="fm-toolbar__message" role="status">
          {message}
        </span>
      ) : (
        <button type="button" class="fm-primary" onClick={onFactCheck} title={t('pageToolbarFactCheckTitle', SHORTCUT)}>
          ✓ {t('pageToolbarFactCheck')}
        </button>
      )}
    </div>
  );
}
