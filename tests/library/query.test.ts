/**
 * The library query: the plan picks the right indexes, and the indexed execution returns exactly
 * what filtering and sorting every note in memory would (the plan's own `matches`/`compare`,
 * checked independently below), on every path: plain paged scan, small and large candidate sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICTS, type Annotation } from '@/utils/model/annotation';
import { INDEX, isFiltered, planQuery, type LibraryQuery } from '@/utils/search/query';
import { siteOf } from '@/utils/search/fields';
import { STOP_WORDS } from '@/utils/search/tokens';
import { SEARCH_LIMITS, countMatches, distinctSites, distinctTags, libraryStats, searchAnnotations, type SearchLimits } from '@/utils/storage/annotations';
import type { FactmarkDB } from '@/utils/storage/db';
import { generateNotes } from '../../bench/generate-notes';
import { makeDb } from '../storage/make-db';

describe('query plan', () => {
  it('pages the recency index directly when nothing is filtered', () => {
    const p = planQuery({ sort: 'recent' });
    expect(p.driverIsExact).toBe(true);
    expect(p.driver).toEqual([{ index: INDEX.recent, lower: [0, -Infinity], upper: [0, [[]]], reverse: true }]);
  });

  it('puts verdict, site and dates inside the driver range when the sort allows it', () => {
    expect(planQuery({ sort: 'recent', verdict: 'false', from: 10, to: 20 }).driver).toEqual([
      { index: INDEX.verdict, lower: [0, 'false', 10], upper: [0, 'false', 20], reverse: true },
    ]);
    const site = planQuery({ sort: 'recent', site: 'WWW.News.example', to: 5 });
    expect(site.driver).toEqual([{ index: INDEX.siteRecent, lower: [0, 'news.example', -Infinity], upper: [0, 'news.example', 5], reverse: true }]);
    expect(site.driverIsExact).toBe(true);
    expect(planQuery({ sort: 'site', site: 'news.example' }).driver[0].index).toBe(INDEX.site);
  });

  it('concatenates one range per verdict, in the scale’s order, to sort by verdict', () => {
    const p = planQuery({ sort: 'verdict' });
    expect(p.driver.map((s) => s.lower[1])).toEqual([...VERDICTS]);
    expect(p.driverIsExact).toBe(true);
  });

  it('leaves what no range applies to the records: site with verdict, tags, words', () => {
    expect(planQuery({ sort: 'recent', site: 'a.example', verdict: 'true' }).driverIsExact).toBe(false);
    expect(planQuery({ sort: 'site', from: 5 }).driverIsExact).toBe(false);
    expect(planQuery({ sort: 'recent', tag: 'x' }).driverIsExact).toBe(false);
    const text = planQuery({ sort: 'recent', text: 'the Öko inflation' });
    expect(text.tokens).toEqual(['oko', 'inflation']);
    expect(text.textDriver).toBe('inflation');
    expect(text.driverIsExact).toBe(false);
  });

  it('knows when a query filters', () => {
    expect(isFiltered({ sort: 'site', text: '  ' })).toBe(false);
    expect(isFiltered({ sort: 'site', from: 0 })).toBe(true);
  });
});

describe('query execution', () => {
  let db: FactmarkDB;
  let all: Annotation[];
  beforeAll(async () => {
    db = makeDb();
    // 600 notes on 40 pages spread over 4 sites, 10% tombstones.
    all = generateNotes(600, 11, { pages: 40, tombstones: 0.1 }).map((a, i) => ({
      ...a,
      pageUrl: a.pageUrl.replace('news.example.com', ['news.example.com', 'www.daily.example', 'blog.example', 'Zeitung.example'][i % 4]),
      // Equal `updated` times on purpose: ties must sort like IndexedDB (by id).
      updated: i % 7 === 0 ? 1_700_000_000_000 : a.updated,
    }));
    await db.annotations.bulkAdd(all);
  });
  afterAll(() => db?.delete());

  /**
   * Independent reference: filter and sort every note in plain code. It shares only the list of
   * function words with the index (prose words minus STOP_WORDS; URLs by host and path).
   */
  function reference(q: LibraryQuery): Annotation[] {
    const fold = (text: string) =>
      text
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/(\d)[,.](?=\d{3})/g, '$1')
        .replace(/(\p{L})['’](?=\p{L})/gu, '$1')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
    const words = (a: Annotation) => [
      ...[a.claim, a.note, ...a.sources.map((s) => s.title ?? '')].flatMap(fold).filter((w) => !STOP_WORDS.has(w)),
      ...a.tags.flatMap(fold),
      ...a.sources.flatMap((s) => fold(s.url.replace(/^https?:\/\//, '').replace(/[?#].*$/, ''))),
    ];
    const queryWords = fold(q.text ?? '');
    const content = queryWords.filter((t) => !STOP_WORDS.has(t));
    const tokens = [...new Set(content.length ? content : queryWords)];
    const rank = (v: string) => VERDICTS.indexOf(v as never);
    return all
      .filter(
        (a) =>
          a.deleted === 0 &&
          (!q.verdict || a.verdict === q.verdict) &&
          (!q.tag || a.tags.includes(q.tag)) &&
          (!q.site || siteOf(a.pageUrl) === q.site) &&
          (q.from === undefined || a.updated >= q.from) &&
          (q.to === undefined || a.updated <= q.to) &&
          tokens.every((t) => words(a).some((w) => w.startsWith(t))),
      )
      .sort((a, b) => {
        const recent = b.updated - a.updated || (b.id < a.id ? -1 : 1);
        if (q.sort === 'recent') return recent;
        if (q.sort === 'verdict') return rank(a.verdict) - rank(b.verdict) || recent;
        return siteOf(a.pageUrl).localeCompare(siteOf(b.pageUrl)) || (a.pageUrl < b.pageUrl ? -1 : a.pageUrl > b.pageUrl ? 1 : 0) || a.updated - b.updated || (a.id < b.id ? -1 : 1);
      });
  }

  const common = () => all[3].tags[0] ?? 'the';
  const queries = (): LibraryQuery[] => [
    { sort: 'recent' },
    { sort: 'verdict' },
    { sort: 'site' },
    { sort: 'recent', verdict: 'false' },
    { sort: 'verdict', verdict: 'mixed', from: Date.UTC(2024, 6, 1) },
    { sort: 'site', site: 'blog.example' },
    { sort: 'recent', site: 'daily.example', verdict: 'true' },
    { sort: 'site', verdict: 'unrated', to: Date.UTC(2025, 0, 1) },
    { sort: 'site', from: Date.UTC(2024, 3, 1), to: Date.UTC(2025, 3, 1) },
    { sort: 'recent', text: 'the' },
    { sort: 'recent', text: 'of the' },
    { sort: 'recent', text: 'the reuters' },
    { sort: 'recent', text: 'doc' },
    { sort: 'verdict', text: 'reuters' },
    { sort: 'site', text: 'apnews doc' },
    { sort: 'recent', tag: common() },
    { sort: 'verdict', tag: common(), site: 'zeitung.example' },
    { sort: 'recent', text: 'zzzzqqq' },
    { sort: 'recent', text: all[5].claim.split(' ').slice(2, 4).join(' ').toLowerCase().replace(/[^a-z ]/g, '') },
  ];

  /** Limits that force every path: tiny chunks, a tag is never "small", prefixes fall back to scans. */
  const variants: [string, SearchLimits][] = [
    ['default', SEARCH_LIMITS],
    ['tiny chunks, no small sets', { ...SEARCH_LIMITS, chunk: 3, smallTag: 0, probe: 0 }],
    ['every word small', { ...SEARCH_LIMITS, probe: 100_000 }],
    ['scan fallback', { ...SEARCH_LIMITS, maxRuns: 0, probe: 0 }],
  ];

  it('returns what a full in-memory filter and sort returns, on every plan path', async () => {
    for (const q of queries()) {
      const expected = reference(q).map((a) => a.id);
      for (const [name, limits] of variants) {
        const page = await searchAnnotations(db, q, { offset: 0, limit: 1000 }, limits);
        const label = `${name} ${JSON.stringify(q)}`;
        expect(page.notes.map((a) => a.id), label).toEqual(expected);
        expect(page.hasMore, label).toBe(false);
        if (page.total !== undefined) expect(page.total, label).toBe(expected.length);
      }
      const counted = await countMatches(db, q, 10_000);
      if (counted) expect(counted, JSON.stringify(q)).toEqual({ count: expected.length, capped: false });
    }
  });

  it('pages: offset and limit slice the same order, across concatenated ranges too', async () => {
    for (const q of [{ sort: 'verdict' }, { sort: 'recent', text: 'doc' }, { sort: 'site', site: 'blog.example' }, { sort: 'verdict', text: 'reuters' }, { sort: 'recent', tag: common() }] as LibraryQuery[]) {
      const expected = reference(q).map((a) => a.id);
      for (const offset of [0, 7, 60, expected.length - 3, expected.length + 5]) {
        for (const [name, limits] of variants) {
          const page = await searchAnnotations(db, q, { offset, limit: 25 }, limits);
          const label = `${name} ${offset} ${JSON.stringify(q)}`;
          expect(page.notes.map((a) => a.id), label).toEqual(expected.slice(Math.max(0, offset), offset + 25));
          expect(page.hasMore, label).toBe(offset + 25 < expected.length);
        }
      }
    }
  });

  it('says when a read stopped early, and caps counts', async () => {
    const q: LibraryQuery = { sort: 'recent', text: 'zzzzqqq doc', verdict: 'true' };
    const narrow: LibraryQuery = { sort: 'recent', site: 'blog.example', verdict: 'mixed', text: 'doc' };
    const page = await searchAnnotations(db, narrow, {}, { ...SEARCH_LIMITS, maxRuns: 0, scanBudget: 10 });
    expect(page).toMatchObject({ hasMore: false, partial: true });
    expect(page.notes.length).toBeLessThan(reference(narrow).length);
    // A word no note has: no runs, so the answer is exact at once.
    expect(await searchAnnotations(db, { ...narrow, text: 'nothingmatches' }, {}, { ...SEARCH_LIMITS, maxRuns: 0 })).toEqual({ notes: [], hasMore: false, total: 0 });
    expect((await searchAnnotations(db, q)).notes).toEqual([]);
    const all = reference({ sort: 'recent' }).length;
    expect(await countMatches(db, { sort: 'recent', text: 'doc' }, 5)).toMatchObject({ capped: true });
    expect(await countMatches(db, { sort: 'recent' }, 5)).toEqual({ count: all, capped: false });
    // Cheap counts only: kept counts (one filter at most) or one word's entries; otherwise unknown.
    for (const q of [{ sort: 'site', verdict: 'false' }, { sort: 'recent', site: 'blog.example' }, { sort: 'recent', tag: common() }] as LibraryQuery[]) {
      expect(await countMatches(db, q), JSON.stringify(q)).toEqual({ count: reference(q).length, capped: false });
    }
    expect(await countMatches(db, { sort: 'recent', text: 'reuters' }, 10_000)).toEqual({ count: reference({ sort: 'recent', text: 'reuters' }).length, capped: false });
    expect(await countMatches(db, { sort: 'recent', verdict: 'true', site: 'blog.example' })).toBeUndefined();
    expect(await countMatches(db, { sort: 'recent', text: 'doc apnews' })).toBeUndefined();
  });

  it('returns plain model records (no derived search fields)', async () => {
    const page = await searchAnnotations(db, { sort: 'recent', text: 'doc' }, { limit: 3 });
    expect(page.notes).toHaveLength(3);
    for (const a of page.notes) expect(Object.keys(a)).not.toContain('words');
  });

  it('counts notes, pages and verdicts from the indexes', async () => {
    const live = all.filter((a) => a.deleted === 0);
    const stats = await libraryStats(db);
    expect(stats.notes).toBe(live.length);
    expect(stats.pages).toBe(new Set(live.map((a) => a.pageUrl)).size);
    for (const v of VERDICTS) expect(stats.byVerdict[v]).toBe(live.filter((a) => a.verdict === v).length);
  });

  it('lists distinct sites and tags with a bound', async () => {
    expect(await distinctSites(db)).toEqual(['blog.example', 'daily.example', 'news.example.com', 'zeitung.example']);
    expect(await distinctSites(db, 2)).toEqual(['blog.example', 'daily.example']);
    const tags = [...new Set(all.flatMap((a) => a.tags))].sort();
    expect(await distinctTags(db, 10_000)).toEqual(tags);
    expect(await distinctTags(db, 3)).toEqual(tags.slice(0, 3));
  });
});
