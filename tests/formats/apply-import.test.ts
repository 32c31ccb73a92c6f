import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateKnownClaims, generateNotes } from '../../bench/generate-notes';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import { exportClaimReviews } from '../../utils/formats/claim-review';
import { parseImport } from '../../utils/formats/import';
import { summarizePlan, type ImportPlan } from '../../utils/formats/merge';
import { createDb, type FactmarkDB } from '../../utils/storage/db';
import { applyImport, planImport } from '../../utils/storage/import';
import { dumpDb } from './storage-dump';
import { english } from '../english-messages';

/** "N added, M updated, K skipped", as the library says it in English. */
const summary = (plan: ImportPlan) => english(summarizePlan(plan));

let db: FactmarkDB;
let n = 0;
const freshDb = () => (db = createDb(`import-test-${Date.now()}-${n++}`));
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
});

/** Seeds a database with notes and known claims, so "unchanged" is a meaningful check. */
async function seeded(): Promise<FactmarkDB> {
  freshDb();
  await db.annotations.bulkPut(generateNotes(300, 77));
  await db.knownClaims.bulkPut(generateKnownClaims(50, 78));
  return db;
}

describe('applyImport (fake-indexeddb)', () => {
  // 2,000 here because fake-indexeddb writes ~0.5k records/s with these indexes; the 10,000-note
  // lossless round trip of the format itself is in native-bundle.test.ts.
  it('export → import into an empty profile gives identical records (2,000 notes, tombstones included)', async () => {
    const notes = generateNotes(2_000, 5);
    freshDb();
    const parsed = parseImport(exportNativeBundle(notes).content);
    const plan = await planImport(db, parsed);
    expect(summary(plan)).toBe('2000 added, 0 updated, 0 skipped');
    const progress: number[] = [];
    const applied = await applyImport(db, plan, { onProgress: (f) => progress.push(f), chunkSize: 200 });
    expect(summary(applied)).toBe('2000 added, 0 updated, 0 skipped');
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const stored = await db.annotations.toArray();
    const byId = new Map(notes.map((x) => [x.id, x]));
    expect(stored).toHaveLength(notes.length);
    for (const s of stored) expect(s).toStrictEqual(byId.get(s.id));
    // Importing the same file again changes nothing.
    const before = await dumpDb(db);
    const again = await planImport(db, parsed);
    expect(summary(again)).toBe('0 added, 0 updated, 2000 skipped');
    await applyImport(db, again);
    expect(await dumpDb(db)).toBe(before);
  });

  it('plans and applies the same whether stored records are found by key scan (long lists) or one get per id', async () => {
    await seeded();
    const stored = await db.annotations.toArray();
    const edits = stored.slice(0, 40).map((a) => ({ ...a, note: 'edited', updated: a.updated + 10, deleted: 0 }));
    const older = stored.slice(40, 60).map((a) => ({ ...a, note: 'older', updated: a.updated - 1, deleted: 0 }));
    const parsed = parseImport(exportNativeBundle([...edits, ...older, ...stored.slice(60, 80), ...generateNotes(150, 31)]).content);
    const byGets = await planImport(db, parsed, 5_000);
    const byScan = await planImport(db, parsed, 50);
    expect(byScan).toEqual(byGets);
    expect(summary(byScan)).toBe('150 added, 40 updated, 40 skipped');
    const applied = await applyImport(db, byScan, { chunkSize: 50 });
    expect(summary(applied)).toBe('150 added, 40 updated, 40 skipped');
    expect((await db.annotations.get(edits[0].id))?.note).toBe('edited');
    expect((await db.annotations.get(older[0].id))?.note).toBe(stored[40].note);
  });

  it('imports known claims from ClaimReview into their own table', async () => {
    freshDb();
    const notes = generateNotes(100, 6, { tombstones: 0 }).map((x) => ({ ...x, verdict: 'false' as const, sources: [{ url: 'https://s.example/' }] }));
    const parsed = parseImport(exportClaimReviews(notes).content);
    await applyImport(db, await planImport(db, parsed));
    expect(await db.knownClaims.count()).toBe(100);
    expect(await db.annotations.count()).toBe(0);
  });

  it('a failure half-way through the transaction leaves the database byte-for-byte unchanged', async () => {
    await seeded();
    const before = await dumpDb(db);
    // A file that updates some stored notes and adds many new ones.
    const stored = await db.annotations.toArray();
    const edits = stored.slice(0, 100).map((a) => ({ ...a, note: 'edited', updated: a.updated + 10, deleted: 0 }));
    const parsed = parseImport(exportNativeBundle([...edits, ...generateNotes(1_500, 8)]).content);
    const plan = await planImport(db, parsed);
    expect(plan.annotations.update.length).toBeGreaterThan(50);
    // New notes are added (bulkAdd), edited ones put (bulkPut): fail the third write, whichever.
    let calls = 0;
    for (const method of ['bulkAdd', 'bulkPut'] as const) {
      const real = db.annotations[method].bind(db.annotations);
      vi.spyOn(db.annotations, method).mockImplementation(((rows: never) => {
        if (++calls === 3) return Promise.reject(new Error('disk full (injected)'));
        return real(rows);
      }) as never);
    }
    await expect(applyImport(db, plan, { chunkSize: 500 })).rejects.toThrow(/disk full/);
    // Two chunks were written inside the transaction before the failure (a fourth may have been
    // sent already: two chunks are in flight at a time).
    expect(calls).toBeGreaterThanOrEqual(3);
    vi.restoreAllMocks();
    expect(await dumpDb(db)).toBe(before);
    // The dump does see changes: the same plan without the failure changes it.
    await applyImport(db, plan, { chunkSize: 500 });
    expect(await dumpDb(db)).not.toBe(before);
  });

  it('cancelling (AbortSignal) or a throwing progress callback rolls everything back', async () => {
    await seeded();
    const before = await dumpDb(db);
    const parsed = parseImport(exportNativeBundle(generateNotes(1_500, 9)).content);
    const plan = await planImport(db, parsed);
    const ctrl = new AbortController();
    await expect(applyImport(db, plan, { chunkSize: 500, signal: ctrl.signal, onProgress: (f) => f > 0.5 && ctrl.abort() })).rejects.toThrow();
    expect(await dumpDb(db)).toBe(before);
    await expect(applyImport(db, plan, { chunkSize: 500, onProgress: (f) => { if (f > 0.3) throw new Error('UI gone'); } })).rejects.toThrow(/UI gone/);
    expect(await dumpDb(db)).toBe(before);
  });

  it('re-checks the plan inside the transaction: a note edited after the preview is not overwritten', async () => {
    await seeded();
    const [target] = await db.annotations.toArray();
    const incoming = { ...target, note: 'from file', updated: target.updated + 5 };
    const plan = await planImport(db, parseImport(exportNativeBundle([incoming]).content));
    expect(plan.annotations.update).toHaveLength(1);
    // Meanwhile the reader edits the note in another tab.
    await db.annotations.put({ ...target, note: 'edited meanwhile', updated: target.updated + 50 });
    const applied = await applyImport(db, plan);
    expect(summary(applied)).toBe('0 added, 0 updated, 1 skipped');
    expect(applied.annotations.skip[0].reason).toEqual({ key: 'importSkipLocalNewer' });
    expect((await db.annotations.get(target.id))?.note).toBe('edited meanwhile');
  });

  it('a refused file changes nothing (the pipeline stops before the database)', async () => {
    await seeded();
    const before = await dumpDb(db);
    for (const text of ['{"format":"factmark-bundle","version":1,"annotations":[', '[[[[[[', '{"__proto__":{"x":1}}']) {
      const parsed = parseImport(text);
      if (parsed.ok) await applyImport(db, await planImport(db, parsed));
      expect(parsed.ok).toBe(false);
    }
    expect(await dumpDb(db)).toBe(before);
  });
});
