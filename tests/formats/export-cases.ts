/**
 * The note lists the streamed exports are checked on (tests/formats/export-stream.test.ts): empty,
 * one note, tombstones only, every hostile snippet in every text field, and sizes either side of
 * the 1,000-item line where the JSON formats stop indenting. Deterministic (seeded), so the
 * digests pinned in the test keep meaning the same notes.
 */
import { HOSTILE_SNIPPETS, generateNotes } from '../../bench/generate-notes';
import type { Annotation } from '../../utils/model/annotation';

/** Every field that holds user text, set to each hostile snippet in turn. */
function hostileNotes(): Annotation[] {
  const [base] = generateNotes(1, 77, { tombstones: 0 });
  return HOSTILE_SNIPPETS.map((h, i) => ({
    ...base,
    id: `hostile-${String(i).padStart(2, '0')}-${h.length}`,
    pageUrl: `https://news.example.com/hostile/${i}?q=${encodeURIComponent(h)}`,
    pageTitle: h,
    selectors: i % 3 === 2 ? [] : [{ type: 'TextQuoteSelector', exact: h, prefix: h, suffix: h }, { type: 'TextPositionSelector', start: i, end: i + h.length }],
    claim: i % 4 === 3 ? '' : h,
    verdict: i % 2 ? 'false' : 'mostly-true',
    note: `${h}\n\n${h}`,
    sources: [{ url: `https://src.example/${i}`, title: h, excerpt: h, accessed: 1_700_000_000_000 + i }],
    tags: [h.slice(0, 20), 'tag'],
    author: h,
    created: 1_700_000_000_000 + i,
    updated: 1_700_000_000_000 + (i % 2) * 5,
  }));
}

export function exportCases(): { name: string; notes: Annotation[]; authorName?: string }[] {
  const mixed = generateNotes(2_600, 5, { tombstones: 0.2, pages: 90 });
  const live = generateNotes(1_100, 6, { tombstones: 0 });
  return [
    { name: 'empty', notes: [] },
    { name: 'one note', notes: generateNotes(1, 3, { tombstones: 0 }) },
    { name: 'one tombstone', notes: generateNotes(1, 3, { tombstones: 1 }) },
    { name: 'tombstones only', notes: generateNotes(30, 4, { tombstones: 1 }) },
    { name: 'hostile text', notes: hostileNotes(), authorName: HOSTILE_SNIPPETS.join(' ') },
    { name: '1,000 live notes', notes: live.slice(0, 1_000) },
    { name: '1,001 live notes', notes: live.slice(0, 1_001) },
    { name: '1,000 live notes and tombstones', notes: [...live.slice(0, 1_000), ...generateNotes(40, 9, { tombstones: 1 })] },
    { name: '2,600 notes, a fifth tombstones', notes: mixed, authorName: 'Ana' },
  ];
}
