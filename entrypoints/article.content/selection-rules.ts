/**
 * Which selections get the toolbar. Text the reader is typing (inputs, text areas, editable
 * regions, design-mode documents) and text inside Factmark's own UI are ignored without a word;
 * a selection longer than a claim may be gets a message instead of the button.
 */
import { LIMITS } from '@/utils/model/schema';
import { normalizeText } from '@/utils/anchoring/text-index';
import { t } from '@/utils/i18n';

export type SelectionCheck =
  | { kind: 'none' }
  | { kind: 'ignored'; reason: 'editable' | 'own-ui' }
  | { kind: 'too-long'; length: number; message: string }
  | { kind: 'ok'; range: Range; text: string };

export interface SelectionContext {
  activeElement: Element | null;
  isOwnNode: (node: Node) => boolean;
  designMode?: string;
}

const EDITABLE_SELECTOR = 'input, textarea, select, [contenteditable]:not([contenteditable="false" i])';

/** True when `node` is (inside) a form field or an editable region. */
export function isEditableNode(node: Node | null): boolean {
  const el = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : null;
  if (!el) return false;
  if ((el as HTMLElement).isContentEditable === true) return true;
  return el.closest(EDITABLE_SELECTOR) !== null;
}

function insideOwn(node: Node | null, isOwn: (n: Node) => boolean): boolean {
  for (let n = node; n; n = n.parentNode ?? (n as unknown as ShadowRoot).host ?? null) if (isOwn(n)) return true;
  return false;
}

export function tooLongMessage(length: number): string {
  return t('pageSelectionTooLong', length, LIMITS.claim);
}

export function checkSelection(sel: Selection | null, ctx: SelectionContext): SelectionCheck {
  const active = ctx.activeElement;
  // Checked before the selection itself: a text field's selection is not the document's (in
  // Chromium the document selection is collapsed next to the field), yet the reader is typing.
  if (active && insideOwn(active, ctx.isOwnNode)) return { kind: 'ignored', reason: 'own-ui' };
  if (ctx.designMode === 'on') return { kind: 'ignored', reason: 'editable' };
  if (active && active.localName !== 'body' && isEditableNode(active)) return { kind: 'ignored', reason: 'editable' };
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return { kind: 'none' };
  const range = sel.getRangeAt(0);
  if (insideOwn(range.commonAncestorContainer, ctx.isOwnNode)) return { kind: 'ignored', reason: 'own-ui' };
  if (isEditableNode(range.startContainer) || isEditableNode(range.endContainer) || isEditableNode(range.commonAncestorContainer)) {
    return { kind: 'ignored', reason: 'editable' };
  }
  const text = normalizeText(sel.toString());
  if (!text) return { kind: 'none' };
  if (text.length > LIMITS.claim) return { kind: 'too-long', length: text.length, message: tooLongMessage(text.length) };
  return { kind: 'ok', range: range.cloneRange(), text };
}

/** Controls whose drag is theirs, not a text selection (a slider, a sortable item, a button). */
const INTERACTIVE_SELECTOR =
  'button, input, textarea, select, [contenteditable]:not([contenteditable="false" i]), [draggable="true"], [role="button"], [role="slider"], [role="scrollbar"], [role="tab"], [role="menuitem"], [role="option"], [role="listbox"], [role="grid"], [role="tree"]';

/**
 * Whether a `selectstart` at `target` may be shielded from the page's handlers, so a page that
 * forbids selecting its text (`onselectstart="return false"`, common on blogs that fight
 * copying) still lets the reader select a claim of its article to fact-check it. Only inside
 * `articleRoot` (the article the claims pipeline found; capture.ts passes the whole document
 * until that has run at idle), never in controls or editable regions (their drag is theirs),
 * never in Factmark's own UI.
 */
export function mayUnblockSelection(target: EventTarget | null, articleRoot: Node | null, isOwn: (n: Node) => boolean): boolean {
  if (!articleRoot || !target || typeof (target as Node).nodeType !== 'number') return false;
  const node = target as Node;
  if (!articleRoot.contains(node) || insideOwn(node, isOwn)) return false;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && el.closest(INTERACTIVE_SELECTOR) === null && !isEditableNode(el);
}
