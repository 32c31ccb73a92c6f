import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Editor, type EditorProps } from '@/components/page/Editor';
import { emptyValues, valuesFromNote, type EditorFields } from '@/components/page/editor-form';
import { useEnglishMessages } from '../english-messages';

useEnglishMessages();

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(props: Partial<EditorProps> = {}) {
  const onSave = vi.fn(async (_fields: EditorFields) => undefined);
  const onCancel = vi.fn();
  await act(() => {
    render(<Editor mode="create" quote="141 countries voted" initial={emptyValues()} onSave={onSave} onCancel={onCancel} {...props} />, root);
  });
  return { onSave: (props.onSave as typeof onSave) ?? onSave, onCancel };
}
const field = <T extends HTMLElement = HTMLInputElement>(name: string) => root.querySelector<T>(`[data-field="${name}"]`)!;
async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function choose(verdict: string) {
  await act(() => {
    const s = field<HTMLSelectElement>('verdict');
    s.value = verdict;
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function key(el: HTMLElement, k: string, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  await act(() => {
    el.dispatchEvent(e);
  });
  return e;
}

describe('Editor', () => {
  it('focuses the verdict on open and shows the quote as text', async () => {
    await mount({ quote: '<img src=x onerror=alert(1)> 141 countries' });
    expect(root.ownerDocument.activeElement).toBe(field('verdict'));
    expect(root.querySelector('blockquote')!.textContent).toBe('<img src=x onerror=alert(1)> 141 countries');
    expect(root.querySelector('img')).toBeNull();
  });

  it('walks the fields in reading order', () => {
    return mount().then(() => {
      const order = [...root.querySelectorAll<HTMLElement>('select, textarea, input, button')].map((el) => el.dataset.field ?? el.textContent!.trim());
      expect(order).toEqual(['verdict', 'note', 'source-url-0', 'source-title-0', 'source-excerpt-0', '+ Add source', 'tags', 'Cancel', 'Save']);
    });
  });

  it('Enter in a field saves the validated fields', async () => {
    const { onSave } = await mount();
    await choose('false');
    await type(field<HTMLTextAreaElement>('note'), 'The record says otherwise.');
    await type(field('source-url-0'), 'https://press.un.org/x');
    await type(field('tags'), 'un');
    const e = await key(field('tags'), 'Enter');
    expect(e.defaultPrevented).toBe(true);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0][0]).toMatchObject({ verdict: 'false', note: 'The record says otherwise.', sources: [{ url: 'https://press.un.org/x' }], tags: ['un'] });
  });

  it('Enter in the note adds a line; Ctrl+Enter saves', async () => {
    const { onSave } = await mount();
    const note = field<HTMLTextAreaElement>('note');
    expect((await key(note, 'Enter')).defaultPrevented).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    await key(note, 'Enter', { ctrlKey: true });
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('Cmd+Enter in an excerpt saves, and a second Enter while saving does not save twice', async () => {
    const { onSave } = await mount();
    await key(field<HTMLTextAreaElement>('source-excerpt-0'), 'Enter', { metaKey: true });
    await key(field('tags'), 'Enter');
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('Escape cancels from any field', async () => {
    const { onCancel, onSave } = await mount();
    await key(field('source-url-0'), 'Escape');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('refuses an invalid source with a message and moves focus to it', async () => {
    const { onSave } = await mount();
    await choose('misleading');
    await type(field('source-url-0'), 'javascript:alert(1)');
    await key(field('tags'), 'Enter');
    expect(onSave).not.toHaveBeenCalled();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Only http(s) addresses can be sources');
    expect(field('source-url-0').getAttribute('aria-invalid')).toBe('true');
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(root.ownerDocument.activeElement).toBe(field('source-url-0'));
  });

  it('a verdict without a source is refused; "unrated" without one is saved', async () => {
    const { onSave } = await mount();
    await choose('true');
    await key(field('tags'), 'Enter');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('needs at least one http(s) source');
    expect(onSave).not.toHaveBeenCalled();
    await choose('unrated');
    await key(field('tags'), 'Enter');
    expect(onSave).toHaveBeenCalledWith({ verdict: 'unrated', note: '', sources: [], tags: [] });
  });

  it("shows the background's error message when saving fails", async () => {
    const onSave = vi.fn(async () => {
      throw new Error('A verdict other than "unrated" needs at least one http(s) source');
    });
    await mount({ onSave });
    await key(field('tags'), 'Enter');
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('needs at least one http(s) source');
    expect(root.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(false);
  });

  it('adds and removes source rows', async () => {
    await mount();
    await act(() => root.querySelector<HTMLButtonElement>('fieldset > button')!.click());
    expect(field('source-url-1')).not.toBeNull();
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(root.ownerDocument.activeElement).toBe(field('source-url-1'));
    await act(() => root.querySelector<HTMLButtonElement>('[aria-label="Remove source 2"]')!.click());
    expect(root.querySelector('[data-field="source-url-1"]')).toBeNull();
  });

  it('is prefilled when editing', async () => {
    await mount({
      mode: 'edit',
      initial: valuesFromNote({ verdict: 'false', note: 'old', sources: [{ url: 'https://a.example/', title: 'A' }], tags: ['x'] }),
    });
    expect(field<HTMLSelectElement>('verdict').value).toBe('false');
    expect(field<HTMLTextAreaElement>('note').value).toBe('old');
    expect(field('source-url-0').value).toBe('https://a.example/');
    expect(field('tags').value).toBe('x');
    expect(root.querySelector('h2')!.textContent).toBe('Edit fact-check');
  });
});
