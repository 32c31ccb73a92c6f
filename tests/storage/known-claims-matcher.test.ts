import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnownClaimIndex } from '@/utils/known-claims/claim-index';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/utils/storage/annotations';
import { matchKnownClaims } from '@/utils/storage/known-claims-matcher';
import { draft, makeDb } from './make-db';
import type { FactmarkDB } from '@/utils/storage/db';

const CLAIM = 'More than 2 million people have fled the country since February 24, the agency said.';
const PAGE = ['An unrelated opening sentence about the weather.', CLAIM];
let db: FactmarkDB;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const verdictOf = async () => (await matchKnownClaims(db, PAGE)).map((h) => [h.sentenceIndex, h.claim.verdict]);

describe('known-claim matching in the background', () => {
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
});
