/**
 * The packed full-text index, pure parts: segments keep every note's words and facets, merge
 * keeping the newest entry of an id, match AND-of-prefixes; the snapshot counts only the newest
 * entry of each id; the merge policy rewrites large segments only when enough have gathered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildSegment, matchOrdinals, mergeSegments, segmentEntries, wordsWithPrefix, type TermEntry } from '@/utils/search/term-segment';
import { HIT_ORDER, TermSnapshot, newestSegmentOf, type TermHit } from '@/utils/search/term-index';
import { SEARCH_INDEX_POLICY, loadSegment, mergeRun, storeSegment } from '@/utils/storage/search-index';

const entry = (id: string, updated: number, words: string[], extra: Partial<TermEntry> = {}): TermEntry => ({
  id,
  updated,
  live: true,
  verdict: 'true',
  pageUrl: `https://${id}.example/p`,
  tags: [],
  words: [...words].sort(),
  ...extra,
});

describe('term segments', () => {
  it('packs entries newest first and lists each word’s notes in that order', () => {
    const seg = buildSegment([entry('a', 1, ['inflation', 'rose']), entry('b', 3, ['inflation']), entry('c', 2, ['exports', 'inform'])]);
    expect(seg.ids).toEqual(['b', 'c', 'a']);
    expect(seg.words).toEqual(['exports', 'inflation', 'inform', 'rose']);
    expect([...matchOrdinals(seg, ['inflation'])].map((o) => seg.ids[o])).toEqual(['b', 'a']);
    // Prefixes, AND across tokens, one note matching a token through two words counted once.
    expect([...matchOrdinals(seg, ['inf'])].map((o) => seg.ids[o])).toEqual(['b', 'c', 'a']);
    expect([...matchOrdinals(seg, ['inf', 'ro'])].map((o) => seg.ids[o])).toEqual(['a']);
    expect([...matchOrdinals(seg, ['zz'])]).toEqual([]);
    expect(wordsWithPrefix(seg, 'in')).toEqual(['inflation', 'inform']);
  });

  it('round-trips entries, with tags, pages, verdicts and dead entries', () => {
    const entries = [
      entry('a', 5, ['one', 'two'], { tags: ['x', 'y'], verdict: 'false' }),
      entry('b', 4, [], { live: false, verdict: 'mixed', pageUrl: 'https://a.example/p' }),
      entry('c', 3, ['two'], { tags: ['y'], pageUrl: 'https://a.example/p' }),
    ];
    expect(segmentEntries(buildSegment(entries))).toEqual(entries);
  });

  it('merges keeping the newest entry of an id, dropping dead entries only when asked', () => {
    const older = buildSegment([entry('a', 1, ['old']), entry('b', 1, ['gone'])]);
    const newer = buildSegment([entry('a', 2, ['new']), entry('b', 2, [], { live: false })]);
    const kept = mergeSegments([older, newer], false);
    expect(segmentEntries(kept).map((e) => [e.id, e.updated, e.live, e.words])).toEqual([
      ['b', 2, false, []],
      ['a', 2, true, ['new']],
    ]);
    expect(segmentEntries(mergeSegments([older, newer], true)).map((e) => e.id)).toEqual(['a']);
  });
});

describe('stored segments', () => {
  it('join their string lists for cheap cloning and split them back, keeping odd strings as arrays', () => {
    const plain = buildSegment([entry('a', 2, ['one', 'two'], { tags: ['x'] }), entry('b', 1, [])]);
    const stored = storeSegment(plain);
    expect(typeof stored.ids).toBe('string');
    expect(typeof stored.words).toBe('string');
    expect(loadSegment(structuredClone(stored))).toEqual(plain);
    const odd = buildSegment([entry('id\u001fwith separator', 1, ['w'], { tags: [''] })]);
    expect(loadSegment(structuredClone(storeSegment(odd)))).toEqual(odd);
    const empty = buildSegment([]);
    expect(loadSegment(structuredClone(storeSegment(empty)))).toEqual(empty);
  });
});

describe('term snapshot', () => {
  const segments = [
    { order: 10, seg: buildSegment([entry('a', 1, ['alpha']), entry('b', 1, ['alpha']), entry('c', 1, ['alpha'])]) },
    { order: 20, seg: buildSegment([entry('b', 5, ['beta']), entry('c', 5, [], { live: false })]) },
  ];
  const tail = { order: 30, seg: buildSegment([entry('a', 9, ['alpha', 'gamma'], { verdict: 'false', tags: ['t'] })]) };
  const snapshot = new TermSnapshot(segments, tail, newestSegmentOf(segments));

  it('counts only the newest entry of each id: tail over segments, newer segments over older', () => {
    expect(snapshot.search({ tokens: ['alpha'], sort: 'recent' }).map((h) => h.id)).toEqual(['a']);
    expect(snapshot.search({ tokens: ['beta'], sort: 'recent' }).map((h) => h.id)).toEqual(['b']);
    expect(snapshot.search({ tokens: [], sort: 'recent' }).map((h) => [h.id, h.updated])).toEqual([
      ['a', 9],
      ['b', 5],
    ]);
    expect(snapshot.size).toBe(2);
  });

  it('applies every filter from the entries', () => {
    const ids = (q: Parameters<TermSnapshot['search']>[0]) => snapshot.search(q).map((h) => h.id);
    expect(ids({ tokens: [], verdict: 'false', sort: 'recent' })).toEqual(['a']);
    expect(ids({ tokens: [], tag: 't', sort: 'recent' })).toEqual(['a']);
    expect(ids({ tokens: [], tag: 'none', sort: 'recent' })).toEqual([]);
    expect(ids({ tokens: [], site: 'b.example', sort: 'recent' })).toEqual(['b']);
    expect(ids({ tokens: [], from: 6, sort: 'recent' })).toEqual(['a']);
    expect(ids({ tokens: [], to: 6, sort: 'recent' })).toEqual(['b']);
  });

  it('sorts like the library: recency (ties by id), verdict scale, site then page', () => {
    const hit = (id: string, updated: number, verdict: TermHit['verdict'], site: string): TermHit => ({ id, updated, verdict, site, pageUrl: `https://${site}/${id}` });
    const hits = [hit('a', 1, 'false', 'b.example'), hit('b', 2, 'true', 'a.example'), hit('c', 2, 'true', 'b.example')];
    expect([...hits].sort(HIT_ORDER.recent).map((h) => h.id)).toEqual(['c', 'b', 'a']);
    expect([...hits].sort(HIT_ORDER.verdict).map((h) => h.id)).toEqual(['c', 'b', 'a']);
    expect([...hits].sort(HIT_ORDER.site).map((h) => h.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('merge policy', () => {
  const policy = { ...SEARCH_INDEX_POLICY };
  afterEach(() => void Object.assign(SEARCH_INDEX_POLICY, policy));

  it('merges the newest segments when they are of one size tier, and everything past the cap', () => {
    Object.assign(SEARCH_INDEX_POLICY, { tailEntries: 2000, mergeFactor: 4, maxSegments: 24 });
    expect(mergeRun([2000, 2000, 2000])).toBe(0);
    expect(mergeRun([2000, 2000, 2000, 2000])).toBe(4);
    expect(mergeRun([32_000, 8000, 2000, 2000, 2000, 1500])).toBe(4);
    // A large segment is not rewritten to absorb small ones.
    expect(mergeRun([32_000, 2000, 2000, 2000])).toBe(0);
    expect(mergeRun(Array.from({ length: 25 }, (_, i) => 100 * (25 - i)))).toBe(25);
  });
});
