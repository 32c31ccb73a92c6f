/**
 * The small toolbar shown over a text selection: one "Fact-check" button, or a message when the
 * selection cannot be checked (too long). Pressing the mouse on it must not clear the page's
 * selection, so mousedown's default is prevented.
 */
export interface ToolbarProps {
  /** When set, shown instead of the button. */
  message?: string | null;
  onFactCheck: () => void;
}

export function Toolbar({ message, onFactCheck }: ToolbarProps) {
  return (
    <div class="fm-root fm-toolbar" role="toolbar" aria-label="Factmark" onMouseDown={(e) => e.preventDefault()}>
      {message ? (
        <span class="fm-toolbar__message" role="status">
          {message}
        </span>
      ) : (
        <button type="button" class="fm-primary" onClick={onFactCheck} title="Fact-check the selected text (Alt+Shift+F)">
          ✓ Fact-check
        </button>
      )}
    </div>
  );
}
