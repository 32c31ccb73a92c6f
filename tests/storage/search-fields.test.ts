/**
 * What is derived from the notes — the `site` field, the note counts and the full-text index —
 * is kept by a DBCore middleware: every write path updates it in the write's transaction, every
 * read path hides `site`, and live searches wake up.
 */
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation, deleteAnnotations, libraryStats, restoreAnnotation, restoreAnnotations, searchAnnotations, updateAnnotation } from '@/utils/storage/annotations';
import { countAll, logicalCounts } from '@/utils/search/counts';
import type { Annotation } from '@/utils/model/annotation';
import type { FactmarkDB } from '@/utils/storage/db';
import { annotationWords } from '@/utils/search/tokens';
import { readTermSnapshot } from '@/utils/storage/search-index';
import { draft, makeDb } from './make-db';

let db: FactmarkDB;
afterEach(async () => {
  await db?.delete();
});

/** The record as stored, read past the middleware. */
async function raw(id: string): Promise<Annotation & { site: string }> {
  const r = new Dexie(db.name);
  await r.open();
  const row = await r.table('annotations').get(id);
  r.close();
  return row;
}

/** The ids a search for one word finds (the full-text index, read directly). */
async function found(word: string): Promise<string[]> {
  const snapshot = await db.transaction('r', [db.searchTail, db.searchSegments, db.searchCatalog], () => readTermSnapshot(db));
  return snapshot.search({ tokens: [word], sort: 'recent' }).map((h) => h.id);
}

const record = (id: string, claim: string): Annotation => ({
  ...draft({ claim, pageUrl: 'https://www.Example.org/a' }),
  id,
  created: 1,
  updated: 1,
  deleted: 0,
});
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('search fields middleware', () => {
  it('indexes words and computes site on add, put, bulkAdd, bulkPut, update, modify and upsert', async () => {
    db = makeDb();
    await db.annotations.add(record(ID(1), 'alpha one'));
    await db.annotations.put(record(ID(2), 'bravo two'));
    await db.annotations.bulkAdd([record(ID(3), 'charlie three')]);
    await db.annotations.bulkPut([record(ID(4), 'delta four'), record(ID(5), 'echo five')]);
    await db.annotations.update(ID(1), { claim: 'foxtrot six' });
    await db.annotations.where('id').equals(ID(2)).modify((a) => void (a.note = 'golf seven'));
    await db.annotations.upsert(ID(6), { ...record(ID(6), 'hotel eight') });
    const expectations: [number, string][] = [[1, 'foxtrot'], [2, 'golf'], [3, 'charlie'], [4, 'delta'], [5, 'echo'], [6, 'hotel']];
    for (const [n, word] of expectations) {
      const row = await raw(ID(n));
      expect(await found(word), `record ${n}`).toEqual([ID(n)]);
      expect(row.site).toBe('example.org');
      expect(row).not.toHaveProperty('words');
    }
    expect(await found('alpha')).toEqual([]);
  });

  it('never hands the fields out: get, bulkGet, toArray, each, filter and repository reads', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft());
    expect(a).not.toHaveProperty('words');
    const reads: unknown[] = [
      await db.annotations.get(a.id),
      ...(await db.annotations.bulkGet([a.id])),
      ...(await db.annotations.toArray()),
      ...(await db.annotations.filter(() => true).toArray()),
      ...(await db.annotations.orderBy('[deleted+updated]').reverse().offset(0).toArray()),
    ];
    await db.annotations.each((x) => void reads.push(x));
    for (const r of reads) expect(Object.keys(r as object).sort()).toEqual(Object.keys(a).sort());
  });

  it('drops a tombstone from the index and indexes it again on restore (single and bulk)', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft({ claim: 'kilo lima' }));
    await deleteAnnotation(db, a.id);
    expect(await found('kilo')).toEqual([]);
    expect((await searchAnnotations(db, { sort: 'recent', text: 'kilo' })).total).toBe(0);
    await restoreAnnotation(db, a.id);
    expect(await found('kilo')).toEqual([a.id]);
    await deleteAnnotations(db, [a.id]);
    expect(await found('lima')).toEqual([]);
    expect((await restoreAnnotations(db, [a.id])).map((x) => x.id)).toEqual([a.id]);
    expect((await searchAnnotations(db, { sort: 'recent', text: 'kilo' })).total).toBe(1);
  });

  it('follows edits: an updated note is found by its new words only', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft({ claim: 'mike', sources: [{ url: 'https://un.org/x', title: 'November report' }] }));
    await updateAnnotation(db, a.id, { sources: [{ url: 'https://who.int/y', title: 'Oscar bulletin' }] });
    expect((await searchAnnotations(db, { sort: 'recent', text: 'november' })).total).toBe(0);
    expect((await searchAnnotations(db, { sort: 'recent', text: 'oscar' })).total).toBe(1);
    expect((await searchAnnotations(db, { sort: 'recent', text: 'who.int' })).total).toBe(1);
  });

  it('wakes a live search when a matching note is written', async () => {
    db = makeDb();
    const seen: number[] = [];
    const sub = liveQuery(() => searchAnnotations(db, { sort: 'recent', text: 'papa' })).subscribe((p) => seen.push(p.notes.length));
    await expect.poll(() => seen).toEqual([0]);
    await createAnnotation(db, draft({ claim: 'papa quebec' }));
    await expect.poll(() => seen.at(-1)).toBe(1);
    sub.unsubscribe();
  });

  it('keeps the note counts and the search index equal to a recount after every kind of write', async () => {
    db = makeDb();
    const expectCounts = async (label: string) => {
      const notes = await db.annotations.toArray();
      const stored = Object.fromEntries(logicalCounts(await db.noteCounts.toArray()).filter((r) => !r.key.startsWith('writes')).map((r) => [r.key, r.n]));
      const recount = Object.fromEntries(countAll(notes).filter((r) => r.n > 0).map((r) => [r.key, r.n]));
      expect(stored, label).toEqual(recount);
      // Every word of every live note finds exactly the live notes that have it.
      const live = notes.filter((n) => n.deleted === 0);
      const words = new Set(live.flatMap((n) => annotationWords(n)));
      for (const w of [...words, 'one', 'again', 'duplicate']) {
        const expected = live.filter((n) => annotationWords(n).some((x) => x.startsWith(w))).map((n) => n.id).sort();
        expect((await found(w)).sort(), `${label}: ${w}`).toEqual(expected);
      }
    };
    const a = await createAnnotation(db, draft({ tags: ['x', 'y'] }));
    const b = await createAnnotation(db, draft({ pageUrl: 'https://www.other.example/p', verdict: 'false', tags: ['x'] }));
    await expectCounts('created');
    await updateAnnotation(db, a.id, { verdict: 'mixed', tags: ['y', 'z'] });
    await expectCounts('verdict and tags edited');
    await deleteAnnotation(db, b.id);
    await expectCounts('deleted');
    expect(await libraryStats(db)).toMatchObject({ notes: 1, pages: 1, byVerdict: { mixed: 1, false: 0 } });
    await restoreAnnotation(db, b.id);
    await deleteAnnotations(db, [a.id, b.id]);
    await restoreAnnotations(db, [a.id]);
    await expectCounts('bulk delete and restore');
    // What an import does: bulkPut of new and existing records, the same id twice included.
    await db.annotations.bulkPut([
      { ...record(ID(1), 'one'), tags: ['x'] },
      { ...record(ID(1), 'one again'), verdict: 'true', pageUrl: 'https://third.example/' },
      { ...(await db.annotations.get(a.id))!, pageUrl: 'https://moved.example/' },
    ]);
    await expectCounts('bulkPut');
    await db.annotations.bulkAdd([record(ID(1), 'duplicate id'), record(ID(2), 'two')]).catch(() => undefined);
    await expectCounts('bulkAdd with a failing record');
    await db.annotations.where('id').equals(ID(2)).modify((x) => void (x.deleted = 5));
    await db.annotations.delete(ID(1));
    await expectCounts('modify and hard delete');
    expect(await libraryStats(db)).toMatchObject({ notes: 1, pages: 1 });
    // Writes sent together in one transaction (an import keeps two chunks in flight), touching
    // more count keys than are read one by one.
    const many = Array.from({ length: 120 }, (_, i) => ({ ...record(ID(100 + i), `page ${i} word${i % 7}`), pageUrl: `https://many.example/${i % 90}`, tags: [`t${i % 11}`] }));
    await db.transaction('rw', db.annotations, () =>
      Promise.all([
        db.annotations.bulkAdd(many.slice(0, 60)),
        db.annotations.bulkPut(many.slice(60)),
        db.annotations.bulkPut(many.slice(0, 30).map((n) => ({ ...n, verdict: 'false' as const, tags: ['moved'], claim: 'moved claim' }))),
        db.annotations.bulkDelete(many.slice(100, 110).map((n) => n.id)),
      ]),
    );
    expect(await db.annotations.count()).toBe(113); // with two tombstones from before
    await expectCounts('concurrent bulk writes in one transaction');
    expect(await libraryStats(db)).toMatchObject({ notes: 111 });
    const cleared = (await db.annotations.toCollection().primaryKeys()).sort();
    await db.annotations.clear();
    await expectCounts('clear');
    // Only the write counter is left; it went up once per write request, and its change log
    // ends with the write that removed every note.
    const rows = await db.noteCounts.toArray();
    expect(rows).toEqual([{ key: 'writes\u0000annotations', n: expect.any(Number), changes: expect.any(Object) }]);
    const { n, changes } = rows[0];
    expect(changes!.first + changes!.writes.length - 1).toBe(n);
    expect([...changes!.writes.at(-1)!].sort()).toEqual(cleared);
  });
});
