/**
 * Library result rows across queries: keys recycled so a new page of results reuses the rows on
 * screen, while a note that stays keeps its row (and an open editor); a reused row never shows
 * another note's editor.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyRecycler } from '@/components/library/recycled-keys';
import { ResultList } from '@/components/library/ResultList';
import type { Annotation } from '@/utils/model/annotation';

describe('KeyRecycler', () => {
  it('keeps the key of an id that stays and gives freed keys to new ids, in order', () => {
    const r = new KeyRecycler();
    const first = r.assign(['a', 'b', 'c']);
    expect(new Set(first).size).toBe(3);
    expect(r.assign(['a', 'b', 'c'])).toEqual(first); // idempotent
    // c stays; a and b leave, x and y take their keys in order.
    expect(r.assign(['x', 'c', 'y'])).toEqual([first[0], first[2], first[1]]);
    // A longer list mints new keys once the freed ones are used.
    const longer = r.assign(['p', 'q', 'r', 's']);
    expect(longer.slice(0, 3).sort()).toEqual([...first].sort());
    expect(first).not.toContain(longer[3]);
    expect(new Set(longer).size).toBe(4);
  });

  it('never gives two rows the same key, even for a repeated id', () => {
    const r = new KeyRecycler();
    r.assign(['a', 'b']);
    const keys = r.assign(['a', 'a', 'c']);
    expect(new Set(keys).size).toBe(3);
  });
});

const note = (id: string, page: string, claim: string): Annotation => ({
  id,
  pageUrl: `https://news.example/${page}`,
  pageTitle: `Page ${page}`,
  selectors: [],
  claim,
  verdict: 'false',
  note: `Note on ${claim}`,
  sources: [{ url: `https://source.example/${id}`, title: `Source ${id}` }],
  tags: ['t'],
  created: 1,
  updated: 2,
  deleted: 0,
});

let host: HTMLElement | undefined;
const noop = () => undefined;
const show = (notes: Annotation[], grouped: boolean) =>
  act(() =>
    render(
      <ResultList notes={notes} groupByPage={grouped} isSelected={() => false} onSelect={noop} onSave={async () => undefined} onDelete={noop} />,
      host!,
    ),
  );
afterEach(() => {
  if (!host) return;
  render(null, host);
  host.remove();
  host = undefined;
});

describe.each([true, false])('ResultList (grouped: %s)', (grouped) => {
  it('patches the rows on screen for a new page of results and shows the new notes', () => {
    host = document.body.appendChild(document.createElement('div'));
    show([note('1', 'a', 'First claim'), note('2', 'a', 'Second claim'), note('3', 'b', 'Third claim')], grouped);
    const before = [...host!.querySelectorAll('article.fm-note')];
    show([note('7', 'c', 'Seventh claim'), note('8', 'c', 'Eighth claim'), note('9', 'd', 'Ninth claim')], grouped);
    const after = [...host!.querySelectorAll('article.fm-note')];
    after.forEach((el, i) => expect(el).toBe(before[i])); // the same elements, reused
    expect(after.map((a) => a.getAttribute('data-note-id'))).toEqual(['7', '8', '9']);
    expect(after.map((a) => a.querySelector('.fm-note__claim')!.textContent)).toEqual(['Seventh claim', 'Eighth claim', 'Ninth claim']);
    expect(host!.textContent).not.toContain('First claim');
    expect(host!.querySelector('.fm-sources a')!.getAttribute('href')).toBe('https://source.example/7');
  });

  it('keeps an open editor with its note when the list changes around it, and never on another note', () => {
    host = document.body.appendChild(document.createElement('div'));
    const kept = note('2', 'a', 'Kept claim');
    show([note('1', 'a', 'First claim'), kept], grouped);
    const editButton = host!.querySelector<HTMLButtonElement>('[data-note-id="2"] .fm-note__actions button')!;
    act(() => editButton.click());
    expect(host!.querySelector('[data-note-id="2"].fm-note--editing')).not.toBeNull();
    // A note arrives above it (a live update): the editor stays open on the kept note.
    show([note('0', 'a', 'New claim'), note('1', 'a', 'First claim'), kept], grouped);
    expect(host!.querySelectorAll('.fm-note--editing')).toHaveLength(1);
    expect(host!.querySelector('.fm-note--editing')!.getAttribute('data-note-id')).toBe('2');
    // The edited note leaves the results: its row is reused, and no note shows an editor.
    show([note('5', 'a', 'Fifth claim'), note('6', 'a', 'Sixth claim'), note('4', 'a', 'Fourth claim')], grouped);
    expect(host!.querySelectorAll('.fm-note--editing')).toHaveLength(0);
    expect(host!.textContent).not.toContain('Kept claim');
  });
});

describe('ResultList: open at the quote', () => {
  it("links a quoted note to its page at the quote (a text fragment, new tab), and a page note to nothing extra", () => {
    host = document.body.appendChild(document.createElement('div'));
    const quoted = { ...note('1', 'a', 'Unemployment fell to 3.5%'), selectors: [{ type: 'TextQuoteSelector' as const, exact: 'Unemployment fell to 3.5%' }] };
    show([quoted, note('2', 'b', '')], false);
    const link = host!.querySelector<HTMLAnchorElement>('[data-note-id="1"] .fm-note__actions a')!;
    expect(link.getAttribute('href')).toBe('https://news.example/a#:~:text=Unemployment%20fell%20to%203.5%25');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(host!.querySelector('[data-note-id="2"] .fm-note__actions a')).toBeNull();
  });
});
