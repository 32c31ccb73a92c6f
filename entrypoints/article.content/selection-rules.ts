/**
 * Which selections get the toolbar. Text the reader is typing (inputs, text areas, editable
 * regions, design-mode documents) and text inside Factmark's own UI are ignored without a word;
 * a selection longer than a claim may be gets a message instead of the button.
 */
import { LIMITS } from '@/utils/model/schema';
import { normalizeText } from '@/utils/anchoring/text-index';

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
  return `That selection is ${length.toLocaleString('en')} characters; a fact-check covers up to ${LIMITS.claim.toLocaleString('en')}. Select a shorter passage.`;
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
