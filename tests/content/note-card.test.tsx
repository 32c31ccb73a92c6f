import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { NoteCard, type NoteCardProps } from '@/components/page/NoteCard';
import type { Annotation } from '@/utils/model/annotation';
import { useEnglishMessages } from '../english-messages';

useEnglishMessages();

const NOTE: Annotation = {
  id: '3f1c2b8e-8a2c-4d1e-9b7a-1c2d3e4f5a6b',
  pageUrl: 'https://news.example/a',
  pageTitle: 'A',
  selectors: [{ type: 'TextQuoteSelector', exact: 'Russia launched an invasion of Ukraine on Febuary 24.' }],
  claim: 'Russia launched an invasion of Ukraine on Febuary 24.',
  verdict: 'false',
  note: 'The <b>record</b> says otherwise.',
  sources: [
    { url: 'https://press.un.org/x', title: 'UN press release' },
    { url: 'javascript:alert(1)', title: 'Sneaky' },
  ],
  tags: ['un-vote'],
  created: 1,
  updated: 2,
  deleted: 0,
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(props: Partial<NoteCardProps> = {}) {
  const p = { onEdit: vi.fn(), onDelete: vi.fn(async () => undefined), onUndo: vi.fn(async () => undefined), onClose: vi.fn(), ...props };
  await act(() => {
    render(<NoteCard note={NOTE} {...p} />, root);
  });
  return p;
}
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('NoteCard', () => {
  it('shows verdict, note (as text), tags, and http(s) sources as safe links only', async () => {
    await mount();
    expect(root.textContent).toContain('False');
    expect(root.querySelector('.fm-note__text')!.textContent).toBe('The <b>record</b> says otherwise.');
    expect(root.querySelector('.fm-note__text b')).toBeNull();
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['https://press.un.org/x', '_blank', 'noopener noreferrer'],
    ]);
    expect(root.textContent).toContain('Sneaky'); // listed, never linked
    expect(root.textContent).toContain('#un-vote');
    expect(root.querySelector('[data-changed]')).toBeNull();
  });

  it('says the page changed and shows the quote as checked when the text differs', async () => {
    await mount({ changedText: 'Russia launched an invasion of Ukraine on February 24.' });
    expect(root.querySelector('[data-changed]')!.textContent).toContain('The page changed since this was checked');
    expect(root.querySelector('blockquote')!.textContent).toBe(NOTE.claim);
  });

  it('deletes with Undo', async () => {
    const p = await mount();
    await act(() => root.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click());
    await flush();
    expect(p.onDelete).toHaveBeenCalledTimes(1);
    expect(root.textContent).toContain('Note deleted.');
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(document.activeElement).toBe(root.querySelector('[data-action="undo"]'));
    await act(() => root.querySelector<HTMLButtonElement>('[data-action="undo"]')!.click());
    await flush();
    expect(p.onUndo).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[data-action="delete"]')).not.toBeNull();
  });

  it('shows the error when delete fails and keeps the note', async () => {
    await mount({ onDelete: vi.fn(async () => Promise.reject(new Error('Note not found'))) });
    await act(() => root.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click());
    await flush();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Note not found');
    expect(root.querySelector('[data-action="delete"]')).not.toBeNull();
  });

  it('edit and Escape call back', async () => {
    const p = await mount();
    await act(() => root.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click());
    expect(p.onEdit).toHaveBeenCalled();
    await act(() => {
      root.querySelector('section')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(p.onClose).toHaveBeenCalled();
  });
});
