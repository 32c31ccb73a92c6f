/**
 * The library query: the plan picks the right indexes, and the indexed execution returns exactly
 * what filtering and sorting every note in memory would (checked against an independent
 * reference below), on every path: paged index ranges and the packed full-text index, the latter
 * in two layouts — everything written at once (one tail record), and written with churn under a
 * tiny packing policy (stale versions in old segments, merges, notes deleted outright and added
 * back), which only the newest-entry rule gets right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICTS, type Annotation } from '@/utils/model/annotation';
import { INDEX, isFiltered, planQuery, type LibraryQuery } from '@/utils/search/query';
import { siteOf } from '@/utils/search/fields';
import { STOP_WORDS } from '@/utils/search/tokens';
import { countMatches, distinctSites, distinctTags, libraryStats, searchAnnotations } from '@/utils/storage/annotations';
import { SEARCH_INDEX_POLICY } from '@/utils/storage/search-index';
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
    expect(text.driverIsExact).toBe(false);
  });

  it('knows when a query filters', () => {
    expect(isFiltered({ sort: 'site', text: '  ' })).toBe(false);
    expect(isFiltered({ sort: 'site', from: 0 })).toBe(true);
  });
});

describe('query execution', () => {
  let db: FactmarkDB;
  let churned: FactmarkDB;
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

    churned = makeDb();
    const policy = { ...SEARCH_INDEX_POLICY };
    Object.assign(SEARCH_INDEX_POLICY, { tailEntries: 16, tailRecords: 4, mergeFactor: 3, maxSegments: 40 });
    try {
      // Stale first versions (other words, verdict, tags), in batches of 9...
      const stale = all.map((a) => ({ ...a, claim: 'zzstale version', note: '', verdict: 'true' as const, tags: ['zzstale'], updated: a.updated - 1, deleted: 0 }));
      for (let i = 0; i < stale.length; i += 9) await churned.annotations.bulkPut(stale.slice(i, i + 9));
      // ...some removed outright and written again...
      await churned.annotations.bulkDelete(stale.slice(0, 40).map((a) => a.id));
      await churned.annotations.bulkAdd(stale.slice(0, 40));
      // ...then the final versions, newest batch first, one note at a time for the last 30.
      const final = [...all].reverse();
      for (let i = 0; i < final.length - 30; i += 5) await churned.annotations.bulkPut(final.slice(i, i + 5));
      for (const a of final.slice(final.length - 30)) await churned.annotations.put(a);
    } finally {
      Object.assign(SEARCH_INDEX_POLICY, policy);
    }
    // Several segments here (older ones hold stale versions); the other database is all tail.
    expect(await churned.searchSegments.count()).toBeGreaterThan(2);
    expect([await db.searchSegments.count(), await db.searchTail.count()]).toEqual([0, 1]);
  });
  afterAll(async () => {
    await db?.delete();
    await churned?.delete();
  });

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

  const variants = (): [string, FactmarkDB][] => [
    ['written at once', db],
    ['written with churn', churned],
  ];

  it('returns what a full in-memory filter and sort returns, on every plan path', async () => {
    for (const q of queries()) {
      const expected = reference(q).map((a) => a.id);
      for (const [name, d] of variants()) {
        const page = await searchAnnotations(d, q, { offset: 0, limit: 1000 });
        const label = `${name} ${JSON.stringify(q)}`;
        expect(page.notes.map((a) => a.id), label).toEqual(expected);
        expect(page.hasMore, label).toBe(false);
        if (page.total !== undefined) expect(page.total, label).toBe(expected.length);
        // Every query's total is known, from the page read or from countMatches.
        const counted = await countMatches(d, q);
        expect(page.total ?? counted, label).toBe(expected.length);
        if (counted !== undefined) expect(counted, label).toBe(expected.length);
      }
    }
  });

  it('pages: offset and limit slice the same order, across concatenated ranges too', async () => {
    for (const q of [{ sort: 'verdict' }, { sort: 'recent', text: 'doc' }, { sort: 'site', site: 'blog.example' }, { sort: 'verdict', text: 'reuters' }, { sort: 'recent', tag: common() }] as LibraryQuery[]) {
      const expected = reference(q).map((a) => a.id);
      for (const offset of [0, 7, 60, expected.length - 3, expected.length + 5]) {
        for (const [name, d] of variants()) {
          const page = await searchAnnotations(d, q, { offset, limit: 25 });
          const label = `${name} ${offset} ${JSON.stringify(q)}`;
          expect(page.notes.map((a) => a.id), label).toEqual(expected.slice(Math.max(0, offset), offset + 25));
          expect(page.hasMore, label).toBe(offset + 25 < expected.length);
        }
      }
    }
  });

  it('gives exact totals: kept counts, the full-text index, or the page read', async () => {
    expect((await searchAnnotations(db, { sort: 'recent', text: 'zzzzqqq doc', verdict: 'true' })).notes).toEqual([]);
    expect(await searchAnnotations(db, { sort: 'recent', site: 'blog.example', verdict: 'mixed', text: 'nothingmatches' })).toEqual({ notes: [], hasMore: false, total: 0 });
    const count = (q: LibraryQuery) => reference(q).length;
    for (const q of [{ sort: 'recent' }, { sort: 'site', verdict: 'false' }, { sort: 'recent', site: 'blog.example' }, { sort: 'recent', tag: common() }] as LibraryQuery[]) {
      expect(await countMatches(db, q), JSON.stringify(q)).toBe(count(q));
    }
    // Dated queries paged from an index range are counted by the full-text index.
    const dated: LibraryQuery = { sort: 'recent', from: Date.UTC(2024, 6, 1) };
    expect(await countMatches(db, dated)).toBe(count(dated));
    // Queries the full-text index answers carry their total; counting them again is left undone.
    const page = await searchAnnotations(db, { sort: 'recent', text: 'doc' }, { limit: 5 });
    expect(page.total).toBe(count({ sort: 'recent', text: 'doc' }));
    expect(await countMatches(db, { sort: 'recent', text: 'doc apnews' })).toBeUndefined();
  });

  it('returns plain model records (no derived search fields)', async () => {
    const page = await searchAnnotations(db, { sort: 'recent', text: 'doc' }, { limit: 3 });
    expect(page.notes).toHaveLength(3);
    for (const a of page.notes) expect(Object.keys(a).filter((k) => k === 'words' || k === 'site')).toEqual([]);
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
