/**
 * Pieces of the popup and library that carry logic: ranking detected claims and their buttons,
 * the editor's patch (it does not re-implement the model's rules: the repository's message is
 * shown as given), selection, dates and sites typed by the reader.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DetectedClaims, rankClaims, type DetectedClaim } from '@/components/popup/DetectedClaims';
import { NoteEditor, parseTags, patchFromForm } from '@/components/notes/NoteEditor';
import { dayToTime, timeToDay } from '@/components/library/LibraryFilters';
import { siteFromInput } from '@/components/library/SettingsPanel';
import { EMPTY_SELECTION, isSelected, selectedCount, toggle } from '@/components/library/selection';
import { applyRememberedTheme, applyTheme, useTheme } from '@/components/hooks/use-settings';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings/defaults';
import { groupByPage } from '@/components/library/ResultList';
import type { Annotation } from '@/utils/model/annotation';

let host: HTMLElement;
const mount = (vnode: preact.VNode) => {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(vnode, host));
  return host;
};
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  document.body.innerHTML = '';
});

const claims: DetectedClaim[] = [
  { id: 'c1', text: 'Inflation fell to 2 percent in May.', score: 0.62, reasons: ['a figure', 'a date'] },
  { id: 'c2', text: 'The minister said 40,000 homes were built.', score: 0.91, reasons: ['attributed statement'] },
  { id: 'c3', text: 'Crime is up.', score: 0.3, reasons: [] },
];

const note: Annotation = {
  id: '00000000-0000-4000-8000-000000000001',
  pageUrl: 'https://news.example/a',
  pageTitle: 'A',
  selectors: [],
  claim: 'Inflation fell to 2 percent',
  verdict: 'unrated',
  note: 'Checking.',
  sources: [{ url: 'https://stats.example/cpi', title: 'CPI', excerpt: 'Kept as is', accessed: 5 }],
  tags: ['economy'],
  created: 1,
  updated: 2,
  deleted: 0,
};

describe('DetectedClaims', () => {
  it('ranks claims strongest first and calls back with the claim', () => {
    expect(rankClaims(claims).map((c) => c.id)).toEqual(['c2', 'c1', 'c3']);
    const onFactCheck = vi.fn();
    const onDismiss = vi.fn();
    const el = mount(<DetectedClaims claims={claims} onFactCheck={onFactCheck} onDismiss={onDismiss} />);
    const items = [...el.querySelectorAll('li.fm-claim')];
    expect(items.map((li) => li.getAttribute('data-claim-id'))).toEqual(['c2', 'c1', 'c3']);
    expect(items[0].textContent).toContain('claimScore'); // text comes from browser.i18n (keys in tests)
    act(() => (items[1].querySelectorAll('button')[0] as HTMLButtonElement).click());
    act(() => (items[2].querySelectorAll('button')[1] as HTMLButtonElement).click());
    expect(onFactCheck).toHaveBeenCalledWith(claims[0]);
    expect(onDismiss).toHaveBeenCalledWith(claims[2]);
    expect(items[0].querySelector('button')?.getAttribute('aria-label')).toContain('claimFactCheckLabel');
  });

  it('says when there are none', () => {
    const el = mount(<DetectedClaims claims={[]} onFactCheck={() => {}} onDismiss={() => {}} />);
    expect(el.querySelector('.fm-empty')).not.toBeNull();
  });
});

describe('NoteEditor', () => {
  it('builds the patch: blank source rows dropped, excerpts kept, tags split and deduplicated', () => {
    expect(parseTags(' a, b ,, a ,c ')).toEqual(['a', 'b', 'c']);
    const rows = [
      { key: 1, url: ' https://x.example/1 ', title: ' X ', rest: { excerpt: 'e' } },
      { key: 2, url: '', title: '', rest: {} },
      { key: 3, url: 'https://y.example', title: '', rest: {} },
    ];
    expect(patchFromForm('false', 'n', rows, 'a, b')).toEqual({
      verdict: 'false',
      note: 'n',
      sources: [{ url: 'https://x.example/1', title: 'X', excerpt: 'e' }, { url: 'https://y.example' }],
      tags: ['a', 'b'],
    });
  });

  it('shows the message of a refused save as an alert, and saves the edited fields', async () => {
    const onSave = vi.fn().mockRejectedValueOnce(new Error('A verdict other than "unrated" needs at least one http(s) source')).mockResolvedValueOnce(undefined);
    const el = mount(<NoteEditor note={note} onSave={onSave} onCancel={() => {}} />);
    const select = el.querySelector('select')!;
    expect(document.activeElement).toBe(select);
    await act(async () => {
      select.value = 'false';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(el.querySelector('[role=alert]')?.textContent).toBe('A verdict other than "unrated" needs at least one http(s) source');
    await act(async () => {
      el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onSave).toHaveBeenLastCalledWith({
      verdict: 'false',
      note: 'Checking.',
      sources: [{ url: 'https://stats.example/cpi', title: 'CPI', excerpt: 'Kept as is', accessed: 5 }],
      tags: ['economy'],
    });
  });

  it('cancels on Escape', () => {
    const onCancel = vi.fn();
    const el = mount(<NoteEditor note={note} onSave={async () => {}} onCancel={onCancel} />);
    act(() => void el.querySelector('select')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('library helpers', () => {
  it('turns date fields into inclusive local-day bounds and back', () => {
    const from = dayToTime('2024-03-05', false)!;
    const to = dayToTime('2024-03-05', true)!;
    expect(to - from).toBe(24 * 3600 * 1000 - 1);
    expect(timeToDay(from)).toBe('2024-03-05');
    expect(timeToDay(to)).toBe('2024-03-05');
    expect(dayToTime('', false)).toBeUndefined();
    expect(timeToDay(undefined)).toBe('');
  });

  it.each([
    ['example.com', 'example.com'],
    ['https://www.Example.com/path?q=1', 'example.com'],
    ['  news.example.org ', 'news.example.org'],
    ['localhost', 'localhost'],
    ['not a site', null],
    ['', null],
  ])('reads the site %j as %j', (input, site) => {
    expect(siteFromInput(input)).toBe(site);
  });

  it('selects notes by id or all results', () => {
    let s = toggle(EMPTY_SELECTION, ['a', 'b'], true);
    expect(selectedCount(s, 10)).toBe(2);
    s = toggle(s, ['a'], false);
    expect(isSelected(s, 'a')).toBe(false);
    expect(isSelected({ kind: 'all' }, 'z')).toBe(true);
    expect(selectedCount({ kind: 'all' }, 10)).toBe(10);
    // Unticking one note of "all results" keeps the rest of the visible page.
    const back = toggle({ kind: 'all' }, ['b'], false, ['a', 'b', 'c']);
    expect(back.kind === 'ids' && [...back.ids]).toEqual(['a', 'c']);
  });

  it('groups a page of results by page, in order of first appearance', () => {
    const n = (id: string, pageUrl: string) => ({ ...note, id, pageUrl });
    expect(groupByPage([n('1', 'p'), n('2', 'q'), n('3', 'p')]).map(([u, ns]) => [u, ns.map((x) => x.id)])).toEqual([
      ['p', ['1', '3']],
      ['q', ['2']],
    ]);
  });

  it('starts a page in the theme the settings last gave, before they are read', () => {
    localStorage.removeItem('factmark:theme');
    const root = document.createElement('html');
    applyRememberedTheme(root);
    expect(root.dataset.theme).toBeUndefined();
    localStorage.setItem('factmark:theme', 'dark');
    applyRememberedTheme(root);
    expect(root.dataset.theme).toBe('dark');
    localStorage.setItem('factmark:theme', '<b>x</b>');
    const other = document.createElement('html');
    applyRememberedTheme(other);
    expect(other.dataset.theme).toBeUndefined();
    localStorage.removeItem('factmark:theme');
  });

  it('applies the theme once the settings are read, and remembers it for the next page', () => {
    localStorage.setItem('factmark:theme', 'dark');
    applyRememberedTheme();
    const Page = ({ settings }: { settings?: Settings }) => {
      useTheme(settings);
      return null;
    };
    const host = document.createElement('div');
    act(() => render(<Page />, host));
    // Not read yet: the remembered theme stays.
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => render(<Page settings={{ ...DEFAULT_SETTINGS, theme: 'light' }} />, host));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem('factmark:theme')).toBe('light');
    act(() => render(<Page settings={{ ...DEFAULT_SETTINGS, theme: 'system' }} />, host));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('factmark:theme')).toBe('system');
    render(null, host);
    localStorage.removeItem('factmark:theme');
  });

  it('sets data-theme for a forced theme and removes it for the system theme', () => {
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
