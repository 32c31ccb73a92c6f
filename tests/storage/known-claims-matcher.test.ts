import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnownClaimIndex } from '@/utils/known-claims/claim-index';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/utils/storage/annotations';
import { hasKnownClaims, matchKnownClaims, notesIndexActivity } from '@/utils/storage/known-claims-matcher';
import { draft, makeDb } from './make-db';
import type { FactmarkDB } from '@/utils/storage/db';
import type { Annotation } from '@/utils/model/annotation';

const CLAIM = 'More than 2 million people have fled the country since February 24, the agency said.';
const PAGE = ['An unrelated opening sentence about the weather.', CLAIM];
let db: FactmarkDB;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const verdictOf = async () => (await matchKnownClaims(db, PAGE)).map((h) => [h.sentenceIndex, h.claim.verdict]);

describe('known-claim matching in the background', () => {
  it('says whether there is any known claim at all: a graded live note or an imported review', async () => {
    db = makeDb();
    expect(await hasKnownClaims(db)).toBe(false);
    const unrated = await createAnnotation(db, draft({ claim: CLAIM, verdict: 'unrated', sources: [] }));
    expect(await hasKnownClaims(db)).toBe(false);
    await updateAnnotation(db, unrated.id, { verdict: 'false', sources: [{ url: 'https://un.org/record' }] });
    expect(await hasKnownClaims(db)).toBe(true);
    await deleteAnnotation(db, unrated.id);
    expect(await hasKnownClaims(db)).toBe(false);
    await db.knownClaims.put({ id: 'kc-1', text: CLAIM, verdict: 'mostly-true', appearanceUrls: [], updated: 1 } as never);
    expect(await hasKnownClaims(db)).toBe(true);
  });

  it('follows every write: a new graded note, an edit, a deletion, an imported review', async () => {
    db = makeDb();
    expect(await verdictOf()).toEqual([]);
    const note = await createAnnotation(db, draft({ claim: CLAIM, verdict: 'true' }));
    expect(await verdictOf()).toEqual([[1, 'true']]);
    // The cached index is rebuilt after an edit, not served stale.
    await updateAnnotation(db, note.id, { verdict: 'false' });
    expect(await verdictOf()).toEqual([[1, 'false']]);
    await updateAnnotation(db, note.id, { verdict: 'unverifiable' });
    expect(await verdictOf()).toEqual([]);
    await updateAnnotation(db, note.id, { verdict: 'misleading' });
    await deleteAnnotation(db, note.id);
    expect(await verdictOf()).toEqual([]);
    await db.knownClaims.put({ id: 'kc-1', text: CLAIM, verdict: 'mostly-true', appearanceUrls: [], updated: 1 } as never);
    expect(await verdictOf()).toEqual([[1, 'mostly-true']]);
    await db.knownClaims.delete('kc-1');
    expect(await verdictOf()).toEqual([]);
  });

  it('re-indexes only the source that changed: a saved note leaves the imported reviews’ index alone', async () => {
    db = makeDb();
    await db.knownClaims.bulkPut(
      Array.from({ length: 50 }, (_, i) => ({ id: `kc-${i}`, text: `Review number ${i} says the river rose by ${i} metres in 2020.`, verdict: 'false', appearanceUrls: [], updated: 1 })) as never,
    );
    await db.knownClaims.put({ id: 'kc-x', text: CLAIM, verdict: 'mostly-true', appearanceUrls: [], updated: 1 } as never);
    expect(await verdictOf()).toEqual([[1, 'mostly-true']]);
    const build = vi.spyOn(KnownClaimIndex, 'build');
    try {
      await createAnnotation(db, draft({ claim: 'An unrelated opening sentence about the weather.', verdict: 'true' }));
      expect(await verdictOf()).toEqual([
        [0, 'true'],
        [1, 'mostly-true'],
      ]);
      // Only the notes' index was rebuilt, from one note.
      expect(build.mock.calls.map(([claims]) => claims.length)).toEqual([1]);
    } finally {
      build.mockRestore();
    }
  });

  it('catches up after note writes by reading only the notes written since, and rebuilds when the log does not reach back', async () => {
    db = makeDb();
    const towns = 'Arden Bexley Corby Dunmore Elgin Fenwick Galway Hexham Ilford Jarrow Keswick Lerwick Morpeth Newry Oban Penrith'.split(' ');
    const others = towns.map((town, i) => `Officials in ${town} said the ${towns[(i + 5) % towns.length]} bridge was repaired by the ${towns[(i + 9) % towns.length]} council.`);
    const saved: Annotation[] = [];
    for (const claim of others) saved.push(await createAnnotation(db, draft({ claim, verdict: 'mostly-true' })));
    const page = [...PAGE, others[3]];
    const hits = async () => (await matchKnownClaims(db, page)).map((h) => [h.sentenceIndex, h.claim.verdict]);
    const activity = () => ({ ...notesIndexActivity });
    expect(await hits()).toEqual([[2, 'mostly-true']]);
    const start = activity();

    // An edit moves a note's claim: the new text matches, the old one no longer does.
    await updateAnnotation(db, saved[3].id, { claim: CLAIM, verdict: 'false' });
    expect(await hits()).toEqual([[1, 'false']]);
    // A new note, a verdict that is no claim, a deletion.
    await createAnnotation(db, draft({ claim: PAGE[0], verdict: 'true' }));
    expect(await hits()).toEqual([[0, 'true'], [1, 'false']]);
    await updateAnnotation(db, saved[3].id, { verdict: 'unverifiable' });
    expect(await hits()).toEqual([[0, 'true']]);
    await updateAnnotation(db, saved[3].id, { claim: others[3], verdict: 'misleading' });
    expect(await hits()).toEqual([[0, 'true'], [2, 'misleading']]);
    await deleteAnnotation(db, saved[3].id);
    expect(await hits()).toEqual([[0, 'true']]);
    // Five catch-ups, each reading the one note written, and no rebuild.
    expect(activity()).toEqual({ ...start, catchUps: start.catchUps + 5, notesRead: start.notesRead + 5 });

    // One write of more notes than the log holds: the next request rebuilds from every note.
    await db.annotations.bulkAdd(Array.from({ length: 1100 }, (_, i) => ({ ...saved[0], id: `bulk-${i}`, claim: `Bulk claim number ${i} about ${i} things.` })));
    expect(await hits()).toEqual([[0, 'true']]);
    expect(activity().rebuilds).toBe(start.rebuilds + 1);
  });

  it('starts a fresh service worker from the kept index and catches up, without reading every note', async () => {
    db = makeDb();
    const first = await createAnnotation(db, draft({ claim: CLAIM, verdict: 'true' }));
    await db.knownClaims.put({ id: 'kc-1', text: PAGE[0], verdict: 'mostly-false', appearanceUrls: [], updated: 1 } as never);
    expect(await verdictOf()).toEqual([[0, 'mostly-false'], [1, 'true']]);
    // The kept copies are written after the reply.
    await vi.waitFor(async () => expect(await db.indexCache.count()).toBe(2));
    await updateAnnotation(db, first.id, { verdict: 'false' });

    // A new worker: the module's memory is gone, the database is not.
    vi.resetModules();
    const fresh = await import('@/utils/storage/known-claims-matcher');
    const { KnownClaimIndex: FreshIndex } = await import('@/utils/known-claims/claim-index');
    const build = vi.spyOn(FreshIndex, 'build');
    const reviewsRead = vi.spyOn(db.knownClaims, 'toArray');
    try {
      expect((await fresh.matchKnownClaims(db, PAGE)).map((h) => [h.sentenceIndex, h.claim.verdict])).toEqual([[0, 'mostly-false'], [1, 'false']]);
      expect(fresh.notesIndexActivity).toEqual({ rebuilds: 0, restores: 1, catchUps: 1, notesRead: 1 });
      expect(reviewsRead).not.toHaveBeenCalled();
      // Only the delta of the one note written since was indexed.
      expect(build.mock.calls.map(([claims]) => claims.length)).toEqual([1]);
    } finally {
      build.mockRestore();
      reviewsRead.mockRestore();
    }
  });

  it('rebuilds when the kept index does not fit its claims', async () => {
    db = makeDb();
    await createAnnotation(db, draft({ claim: CLAIM, verdict: 'true' }));
    expect(await verdictOf()).toEqual([[1, 'true']]);
    await vi.waitFor(async () => expect(await db.indexCache.get('known-claims:notes')).toBeDefined());
    const row = (await db.indexCache.get('known-claims:notes'))!;
    const value = row.value as { claims: string };
    await db.indexCache.put({ ...row, value: { ...value, claims: value.claims.replace('2 million', '3 million') } });
    vi.resetModules();
    const fresh = await import('@/utils/storage/known-claims-matcher');
    expect((await fresh.matchKnownClaims(db, PAGE)).map((h) => h.claim.text)).toEqual([CLAIM]);
    expect(fresh.notesIndexActivity).toMatchObject({ rebuilds: 1, restores: 0 });
  });
});
