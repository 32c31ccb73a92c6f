import { afterEach, describe, expect, it } from 'vitest';
import { checkSelection, isEditableNode } from '@/entrypoints/article.content/selection-rules';
import { useEnglishMessages } from '../english-messages';

useEnglishMessages();

afterEach(() => {
  document.body.innerHTML = '';
  getSelection()?.removeAllRanges();
});

function select(node: Node, start = 0, end?: number): Selection {
  const sel = getSelection()!;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end ?? (node.nodeType === 3 ? (node as Text).length : node.childNodes.length));
  sel.removeAllRanges();
  sel.addRange(range);
  return sel;
}

const ctx = (active: Element | null = document.body, own: Node | null = null) => ({
  activeElement: active,
  isOwnNode: (n: Node) => n === own,
  designMode: 'off',
});

describe('checkSelection', () => {
  it('offers the toolbar for page text, normalised', () => {
    document.body.innerHTML = '<p>On March 2,   the UN\n General Assembly voted.</p>';
    const sel = select(document.querySelector('p')!.firstChild!);
    const c = checkSelection(sel, ctx());
    expect(c).toMatchObject({ kind: 'ok', text: 'On March 2, the UN General Assembly voted.' });
  });

  it('nothing for a collapsed or whitespace-only selection', () => {
    document.body.innerHTML = '<p>Text</p><p>   </p>';
    const [a, b] = [...document.querySelectorAll('p')];
    expect(checkSelection(select(a.firstChild!, 2, 2), ctx())).toEqual({ kind: 'none' });
    expect(checkSelection(select(b.firstChild!), ctx())).toEqual({ kind: 'none' });
    expect(checkSelection(null, ctx())).toEqual({ kind: 'none' });
  });

  it('ignores text fields and editable regions', () => {
    document.body.innerHTML = '<textarea>typed text</textarea><input value="x"><div contenteditable="true"><p>draft text</p></div><div contenteditable="false"><p>fixed text</p></div>';
    const textarea = document.querySelector('textarea')!;
    const input = document.querySelector('input')!;
    expect(checkSelection(select(document.body, 0, 1), ctx(textarea))).toEqual({ kind: 'ignored', reason: 'editable' });
    expect(checkSelection(select(document.body, 1, 2), ctx(input))).toEqual({ kind: 'ignored', reason: 'editable' });
    const draft = document.querySelector('[contenteditable="true"] p')!.firstChild!;
    expect(checkSelection(select(draft), ctx())).toEqual({ kind: 'ignored', reason: 'editable' });
    const fixed = document.querySelector('[contenteditable="false"] p')!.firstChild!;
    expect(checkSelection(select(fixed), ctx())).toMatchObject({ kind: 'ok', text: 'fixed text' });
  });

  it('ignores everything in design mode', () => {
    document.body.innerHTML = '<p>Text</p>';
    expect(checkSelection(select(document.querySelector('p')!.firstChild!), { ...ctx(), designMode: 'on' })).toEqual({
      kind: 'ignored',
      reason: 'editable',
    });
  });

  it('ignores our own UI (focus in a host, or a selection inside one)', () => {
    document.body.innerHTML = '<p>Text</p><factmark-ui><span>ui text</span></factmark-ui>';
    const host = document.querySelector('factmark-ui')!;
    const p = document.querySelector('p')!.firstChild!;
    expect(checkSelection(select(p), ctx(host, host))).toEqual({ kind: 'ignored', reason: 'own-ui' });
    expect(checkSelection(select(host.querySelector('span')!.firstChild!), ctx(document.body, host))).toEqual({ kind: 'ignored', reason: 'own-ui' });
  });

  it('refuses a selection over 5,000 characters with a message', () => {
    document.body.innerHTML = `<p>${'word '.repeat(1200)}</p>`;
    const c = checkSelection(select(document.querySelector('p')!.firstChild!), ctx());
    expect(c).toMatchObject({ kind: 'too-long', length: 5999 });
    expect(c.kind === 'too-long' && c.message).toMatch(/5,999 characters; a fact-check covers up to 5,000/);
  });

  it('exactly 5,000 characters is fine', () => {
    document.body.innerHTML = `<p>${'x'.repeat(5000)}</p>`;
    expect(checkSelection(select(document.querySelector('p')!.firstChild!), ctx()).kind).toBe('ok');
  });
});

describe('isEditableNode', () => {
  it('is true inside inputs, text areas and contenteditable, false elsewhere', () => {
    document.body.innerHTML = '<p>a</p><div contenteditable><b>b</b></div><select><option>c</option></select>';
    expect(isEditableNode(document.querySelector('p')!.firstChild)).toBe(false);
    expect(isEditableNode(document.querySelector('b')!.firstChild)).toBe(true);
    expect(isEditableNode(document.querySelector('option'))).toBe(true);
    expect(isEditableNode(null)).toBe(false);
  });
});
