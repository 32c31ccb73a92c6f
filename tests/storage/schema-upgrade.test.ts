import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_VERSION, SCHEMA_VERSIONS, createDb } from '@/utils/storage/db';
import { countMatches, libraryStats, listAll, listByPage, searchAnnotations } from '@/utils/storage/annotations';
import { logicalCounts } from '@/utils/search/counts';

const NAME = 'factmark-upgrade-test';
afterEach(() => Dexie.delete(NAME));

/** A record exactly as version 1 wrote it: deletion was an optional `deletedAt`. */
const v1Record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  pageUrl: 'https://news.example/a',
  pageTitle: 'A',
  selectors: [{ type: 'TextQuoteSelector', exact: 'quote' }],
  claim: 'quote',
  verdict: 'unrated',
  note: '',
  sources: [],
  tags: ['t'],
  created: 1000,
  updated: 2000,
  ...extra,
});

describe('schema upgrades', () => {
  it('opens data written by version 1 with the current schema', async () => {
    const v1 = new Dexie(NAME);
    v1.version(1).stores(SCHEMA_VERSIONS[1]);
    await v1.table('annotations').bulkAdd([
      v1Record('00000000-0000-4000-8000-000000000001'),
      v1Record('00000000-0000-4000-8000-000000000002', { deletedAt: 3000, updated: 3000 }),
    ]);
    v1.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const live = await listByPage(db, 'https://news.example/a');
    expect(live.map((a) => a.id)).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(live[0]).not.toHaveProperty('deletedAt');
    expect(live[0].deleted).toBe(0);
    const tomb = await db.annotations.get('00000000-0000-4000-8000-000000000002');
    expect(tomb?.deleted).toBe(3000);
    expect(await listAll(db)).toHaveLength(1);
    expect(await db.knownClaims.count()).toBe(0);
    db.close();
  });

  it('computes sites and the search index for data written by version 2', async () => {
    const v2 = new Dexie(NAME);
    v2.version(1).stores(SCHEMA_VERSIONS[1]);
    v2.version(2).stores(SCHEMA_VERSIONS[2]);
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    await v2.table('annotations').bulkAdd([
      v1Record(id(1), {
        deleted: 0,
        pageUrl: 'https://www.Zeitung.example/wirtschaft',
        claim: 'Die Ökonomie wuchs um 3,000 Prozent',
        note: 'Übertrieben.',
        sources: [{ url: 'https://destatis.example/pressemitteilung', title: 'Statistisches Bundesamt' }],
        tags: ['Wirtschaft'],
        verdict: 'false',
      }),
      v1Record(id(2), { deleted: 0, pageUrl: 'https://news.example/a', claim: 'Unrelated claim', updated: 2500 }),
      v1Record(id(3), { deleted: 4000, updated: 4000, claim: 'Ökonomie tombstone' }),
    ]);
    await v2.table('knownClaims').add({ id: 'kc-1', text: 'x', verdict: 'true', appearanceUrls: [], updated: 0 });
    v2.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    // The stored rows carry the derived site (and, after version 5, no words)…
    const raw = new Dexie(NAME);
    await raw.open();
    const row = await raw.table('annotations').get(id(1));
    expect(row.site).toBe('zeitung.example');
    expect(row).not.toHaveProperty('words');
    raw.close();
    // …the search index has every word of the live notes (folded), none of the tombstone's…
    for (const word of ['okonomie', '3000', 'ubertrieben', 'destatis', 'statistisches', 'wirtschaft']) {
      expect((await searchAnnotations(db, { text: word, sort: 'recent' })).notes.map((a) => a.id), word).toEqual([id(1)]);
    }
    // …and reads return plain model records.
    const found = await searchAnnotations(db, { text: 'oko', sort: 'recent' });
    expect(found.notes.map((a) => a.id)).toEqual([id(1)]);
    expect(found.notes[0]).not.toHaveProperty('words');
    expect(found.notes[0]).not.toHaveProperty('site');
    expect((await searchAnnotations(db, { site: 'zeitung.example', sort: 'site' })).notes).toHaveLength(1);
    expect((await searchAnnotations(db, { sort: 'recent' })).notes.map((a) => a.id)).toEqual([id(1), id(2)].sort().reverse());
    expect(await db.knownClaims.count()).toBe(1);
    // Counts start from what was there: two live notes on two pages, one of them False.
    expect(await libraryStats(db)).toMatchObject({ notes: 2, pages: 2, byVerdict: { false: 1, unrated: 1 } });
    db.close();
  });

  it('counts the notes written by version 3', async () => {
    const v3 = new Dexie(NAME);
    v3.version(1).stores(SCHEMA_VERSIONS[1]);
    v3.version(2).stores(SCHEMA_VERSIONS[2]);
    v3.version(3).stores(SCHEMA_VERSIONS[3]);
    await v3.open();
    // As version 3 stored them (derived fields present); one tombstone, two pages, two tags.
    await v3.table('annotations').bulkAdd([
      v1Record('a', { deleted: 0, verdict: 'false', tags: ['x', 'y'], site: 'news.example', words: [] }),
      v1Record('b', { deleted: 0, pageUrl: 'https://other.example/b', tags: ['x'], site: 'other.example', words: [] }),
      v1Record('c', { deleted: 0, pageUrl: 'https://other.example/b', verdict: 'true', site: 'other.example', words: [] }),
      v1Record('d', { deleted: 5000, verdict: 'false', site: 'news.example', words: [] }),
    ]);
    v3.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await libraryStats(db)).toMatchObject({ notes: 3, pages: 2, byVerdict: { false: 1, true: 1, unrated: 1 } });
    const counts = Object.fromEntries(logicalCounts(await db.noteCounts.toArray()).map((r) => [r.key.replace('\u0000', ':'), r.n]));
    expect(counts).toMatchObject({ 'tag:x': 2, 'tag:y': 1, 'tag:t': 1, 'site:news.example': 1, 'site:other.example': 2 });
    // …and keeps them on the next write.
    await db.annotations.update('c', { deleted: 6000 });
    expect(await libraryStats(db)).toMatchObject({ notes: 2, pages: 2, byVerdict: { true: 0 } });
    db.close();
  });

  it('moves the search words of version 4 records into the search index', async () => {
    const v4 = new Dexie(NAME);
    for (const v of [1, 2, 3, 4] as const) v4.version(v).stores(SCHEMA_VERSIONS[v]);
    await v4.open();
    // As version 4 stored them: [word, updated] pairs in `words`, `site`, kept counts.
    await v4.table('annotations').bulkAdd([
      v1Record('a', { deleted: 0, claim: 'Inflation fell to 2 percent', site: 'news.example', words: [['inflation', 2000], ['fell', 2000], ['percent', 2000]] }),
      v1Record('b', { deleted: 0, claim: 'Exports rose', pageUrl: 'https://other.example/b', site: 'other.example', words: [['exports', 2000], ['rose', 2000]] }),
      v1Record('c', { deleted: 5000, updated: 5000, claim: 'Inflation tombstone', site: 'news.example', words: [] }),
    ]);
    await v4.table('noteCounts').bulkPut([{ key: 'all', n: 2 }]);
    v4.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const raw = new Dexie(NAME);
    await raw.open();
    for (const row of await raw.table('annotations').toArray()) expect(row).not.toHaveProperty('words');
    raw.close();
    expect((await searchAnnotations(db, { text: 'infl', sort: 'recent' })).notes.map((a) => a.id)).toEqual(['a']);
    expect((await searchAnnotations(db, { text: 'rose', sort: 'recent' })).notes.map((a) => a.id)).toEqual(['b']);
    expect((await searchAnnotations(db, { text: 'tombstone', sort: 'recent' })).total).toBe(0);
    db.close();
  });

  it('moves the page, site and tag counts of version 5 into bucket rows, values unchanged', async () => {
    const v5 = new Dexie(NAME);
    for (const v of [1, 2, 3, 4, 5] as const) v5.version(v).stores(SCHEMA_VERSIONS[v]);
    await v5.open();
    // As version 5 kept them: one row per key.
    const rows = [
      { key: 'all', n: 3 },
      { key: 'pages', n: 2 },
      { key: 'verdict\u0000false', n: 3 },
      { key: 'page\u0000https://news.example/a', n: 2 },
      { key: 'page\u0000https://other.example/b', n: 1 },
      { key: 'site\u0000news.example', n: 2 },
      { key: 'site\u0000other.example', n: 1 },
      { key: 'tag\u0000x', n: 3 },
      { key: 'tag\u0000__proto__', n: 1 },
      { key: 'writes\u0000annotations', n: 7 },
    ];
    await v5.table('noteCounts').bulkPut(rows);
    v5.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const stored = await db.noteCounts.toArray();
    expect(stored.filter((r) => /^(page|site|tag)\u0000/.test(r.key))).toEqual([]);
    expect(stored.filter((r) => r.counts).length).toBeGreaterThan(0);
    expect(logicalCounts(stored).sort((a, b) => a.key.localeCompare(b.key))).toEqual([...rows].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await countMatches(db, { sort: 'recent', tag: 'x' })).toBe(3);
    expect(await countMatches(db, { sort: 'recent', tag: '__proto__' })).toBe(1);
    expect(await countMatches(db, { sort: 'recent', site: 'other.example' })).toBe(1);
    expect(await libraryStats(db)).toMatchObject({ notes: 3, pages: 2 });
    db.close();
  });

  it('adds the index cache to a version 6 database, data unchanged', async () => {
    const v6 = new Dexie(NAME);
    for (const v of [1, 2, 3, 4, 5, 6] as const) v6.version(v).stores(SCHEMA_VERSIONS[v]);
    await v6.open();
    const note = { ...v1Record('n-1', { verdict: 'false' }), deleted: 0, site: 'news.example' };
    await v6.table('annotations').put(note);
    await v6.table('noteCounts').put({ key: 'writes\u0000annotations', n: 4 });
    v6.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.indexCache.count()).toBe(0);
    const { site: _site, ...stored } = note;
    expect(await db.annotations.get('n-1')).toEqual(stored);
    expect(await db.noteCounts.get('writes\u0000annotations')).toEqual({ key: 'writes\u0000annotations', n: 4 });
    db.close();
  });

  it('declares every version up to the current one', () => {
    expect(Object.keys(SCHEMA_VERSIONS).map(Number)).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1));
  });
});
