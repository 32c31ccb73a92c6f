/**
 * Styles of the in-page UI (toolbar, editor, note card), as a string adopted by each closed
 * shadow root through a constructable stylesheet: CSSOM is not subject to the page's CSP
 * (`style-src 'none'` blocks <style> elements and style attributes, not adopted sheets), and page
 * rules, even `* { all: unset !important }`, never match inside a shadow tree. The host element
 * itself is protected by inline `!important` declarations (see entrypoints/article.content/ui-host.ts).
 *
 * Colours follow components/theme.css, light and dark; every verdict also has a symbol.
 */
export const PAGE_CSS = /* css */ `
/* No :host rule: an !important one here would beat the host's inline position (inner context wins for
   important declarations). The host's box is set inline by ui-host.ts. */
* { box-sizing: border-box; }
.fm-root {
  --fm-bg: #ffffff; --fm-fg: #1d2330; --fm-muted: #5b6478; --fm-border: #c9cfdb; --fm-accent: #2f5bd3;
  --fm-card: #f6f7fa; --fm-focus: #1a56ff; --fm-danger: #b42318;
  --fm-true: #1e7b34; --fm-mostly-true: #4d7f14; --fm-mixed: #8a6400; --fm-mostly-false: #a64b00;
  --fm-false: #b42318; --fm-misleading: #7e3aa8; --fm-unverifiable: #4b5565; --fm-unrated: #2f5bd3;
  color-scheme: light;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--fm-fg);
  text-align: left; direction: ltr; letter-spacing: normal; word-spacing: normal; text-transform: none;
  white-space: normal; font-style: normal; font-weight: 400;
}
@media (prefers-color-scheme: dark) {
  .fm-root {
    --fm-bg: #161a22; --fm-fg: #e7eaf0; --fm-muted: #a3acbf; --fm-border: #3b4354; --fm-accent: #8fb0ff;
    --fm-card: #1f2430; --fm-focus: #9dbaff; --fm-danger: #ff8a80;
    --fm-true: #6fd68a; --fm-mostly-true: #a6d66f; --fm-mixed: #f0c75e; --fm-mostly-false: #ffa366;
    --fm-false: #ff8a80; --fm-misleading: #d29bf2; --fm-unverifiable: #b7c0d0; --fm-unrated: #8fb0ff;
    color-scheme: dark;
  }
}
:focus-visible { outline: 3px solid var(--fm-focus); outline-offset: 2px; }
button {
  font: inherit; color: inherit; background: var(--fm-card); border: 1px solid var(--fm-border);
  border-radius: 6px; padding: 4px 10px; cursor: pointer; margin: 0;
}
button:hover { border-color: var(--fm-accent); }
button.fm-primary { background: var(--fm-accent); border-color: var(--fm-accent); color: var(--fm-bg); font-weight: 600; }
button.fm-link { background: none; border: none; padding: 0 2px; color: var(--fm-accent); text-decoration: underline; }
button:disabled { opacity: 0.6; cursor: default; }
a { color: var(--fm-accent); }

.fm-toolbar {
  display: inline-flex; align-items: center; gap: 6px; padding: 4px; background: var(--fm-bg);
  border: 1px solid var(--fm-border); border-radius: 8px; box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
  white-space: nowrap;
}
.fm-toolbar button { font-weight: 600; }
.fm-toolbar__message { padding: 2px 6px; color: var(--fm-danger); white-space: normal; max-width: 280px; font-size: 13px; }

.fm-panel {
  display: block; width: 100%; background: var(--fm-bg); border: 1px solid var(--fm-border);
  border-radius: 10px; box-shadow: 0 8px 28px rgb(0 0 0 / 0.22); padding: 12px 14px; overflow: auto;
}
.fm-panel h2 { font-size: 13px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--fm-muted); }
.fm-quote {
  margin: 0 0 10px; padding-left: 8px; border-left: 3px solid var(--fm-border); font-style: italic;
  overflow-wrap: anywhere; max-height: 6.5em; overflow: auto;
}
.fm-field { display: block; margin: 0 0 10px; }
.fm-field > span, .fm-legend { display: block; font-size: 12px; font-weight: 600; margin-bottom: 3px; color: var(--fm-muted); }
input, select, textarea {
  font: inherit; color: var(--fm-fg); background: var(--fm-bg); border: 1px solid var(--fm-border);
  border-radius: 6px; padding: 4px 6px; width: 100%; margin: 0;
}
textarea { resize: vertical; min-height: 3.2em; }
[aria-invalid='true'] { border-color: var(--fm-danger); }
fieldset { border: 1px solid var(--fm-border); border-radius: 8px; padding: 8px; margin: 0 0 10px; }
legend { padding: 0 4px; font-size: 12px; font-weight: 600; color: var(--fm-muted); }
.fm-source { display: grid; gap: 4px; padding: 6px 0; border-bottom: 1px dashed var(--fm-border); }
.fm-source:last-of-type { border-bottom: none; }
.fm-source__head { display: flex; justify-content: space-between; align-items: center; font-size: 12px; color: var(--fm-muted); }
.fm-hint { font-size: 12px; color: var(--fm-muted); margin: 2px 0 0; }
.fm-errors { margin: 0 0 10px; padding: 6px 8px; border: 1px solid var(--fm-danger); border-radius: 6px; color: var(--fm-danger); }
.fm-errors ul { margin: 0; padding-left: 18px; }
.fm-actions { display: flex; gap: 8px; justify-content: flex-end; align-items: center; margin-top: 6px; }
.fm-actions .fm-spacer { flex: 1; }

.fm-card__head { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 6px; }
.fm-card__changed { font-size: 12px; color: var(--fm-muted); margin: 0 0 6px; }
.fm-note__text { margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.fm-sources, .fm-tags { list-style: none; margin: 4px 0 0; padding: 0; }
.fm-sources li { margin: 2px 0; overflow-wrap: anywhere; }
.fm-sources li::before { content: '↗ '; color: var(--fm-muted); }
.fm-excerpt { margin: 2px 0 2px 14px; color: var(--fm-muted); font-size: 12px; }
.fm-tags { display: flex; flex-wrap: wrap; gap: 4px; font-size: 12px; color: var(--fm-muted); }
.fm-badge { display: inline-block; font-weight: 600; font-size: 12px; border: 1.5px solid currentColor; border-radius: 999px; padding: 0 8px; }
.fm-badge--true { color: var(--fm-true); } .fm-badge--mostly-true { color: var(--fm-mostly-true); }
.fm-badge--mixed { color: var(--fm-mixed); } .fm-badge--mostly-false { color: var(--fm-mostly-false); }
.fm-badge--false { color: var(--fm-false); } .fm-badge--misleading { color: var(--fm-misleading); }
.fm-badge--unverifiable { color: var(--fm-unverifiable); } .fm-badge--unrated { color: var(--fm-unrated); }
.fm-status { font-size: 13px; }
.fm-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
