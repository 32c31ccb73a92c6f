/**
 * Import, the storage half: plan against what is stored, then apply the plan in ONE read-write
 * transaction over `annotations` and `knownClaims`. If anything fails half-way (a quota error,
 * a bug, the reader cancelling through the AbortSignal, a progress callback that throws), the
 * transaction aborts and the database is exactly as before.
 *
 * Inside the transaction the plan is re-checked against the records as they are then (another
 * tab may have written since the preview), so the merge rule holds at commit time; the outcome
 * returned is what was actually written.
 *
 * Dexie rule observed here: no non-Dexie await inside the transaction (it would commit early).
 */
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import { planMerge, type ImportPlan, type MergePlan, type Mergeable } from '../formats/merge';
import type { ParsedImport } from '../formats/types';
import type { FactmarkDB } from './db';

/** The two tables an import writes; FactmarkDB satisfies it. */
export type ImportDb = Pick<FactmarkDB, 'transaction' | 'annotations' | 'knownClaims'>;

export interface ApplyOptions {
  /** Records per bulkGet/bulkPut (also the progress granularity). */
  chunkSize?: number;
  /** Fraction of the write done (0–1), called between chunks inside the transaction. */
  onProgress?: (fraction: number) => void;
  /** Aborting rolls the whole import back. */
  signal?: AbortSignal;
}

type AnyTable = FactmarkDB['annotations'] | FactmarkDB['knownClaims'];
const CHUNKS_IN_FLIGHT = 2;

/**
 * The stored records among `ids`. A long list first reads the table's keys (one getAllKeys) and
 * then fetches only the ids present: a file of new notes, the usual import, then costs no get at
 * all, where one get per id cost a request each (in Chromium, bulkGet of 100,000 absent ids
 * inside the write transaction took longer than the write box of bench/share-browser.ts).
 * The key scan reads every key of the table, so it is only taken for lists longer than a chunk.
 */
async function loadExisting<T extends Mergeable>(table: AnyTable, ids: string[], chunk: number): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  let wanted = ids;
  if (ids.length > chunk) {
    const stored = new Set(await table.toCollection().primaryKeys());
    wanted = ids.filter((id) => stored.has(id));
  }
  for (let i = 0; i < wanted.length; i += chunk) {
    const slice = wanted.slice(i, i + chunk);
    const rows = (await table.bulkGet(slice)) as (T | undefined)[];
    rows.forEach((r, j) => {
      if (r) map.set(slice[j], r);
    });
  }
  return map;
}

/** Plans an import against the database (read-only): the preview shown before applying. */
export async function planImport(db: ImportDb, parsed: Pick<ParsedImport, 'annotations' | 'knownClaims'>, chunkSize = 2000): Promise<ImportPlan> {
  return db.transaction('r', db.annotations, db.knownClaims, async () => {
    const a = await loadExisting<Annotation>(db.annotations, [...new Set(parsed.annotations.map((x) => x.id))], chunkSize);
    const k = await loadExisting<KnownClaim>(db.knownClaims, [...new Set(parsed.knownClaims.map((x) => x.id))], chunkSize);
    return {
      annotations: planMerge(a, parsed.annotations),
      knownClaims: planMerge(k, parsed.knownClaims),
    };
  });
}

/** Writes a plan atomically; returns the plan as applied (re-checked inside the transaction). */
export async function applyImport(db: ImportDb, plan: ImportPlan, options: ApplyOptions = {}): Promise<ImportPlan> {
  const chunk = Math.max(1, options.chunkSize ?? 2000);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const annotationsIn = [...plan.annotations.add, ...plan.annotations.update];
  const claimsIn = [...plan.knownClaims.add, ...plan.knownClaims.update];
  const total = annotationsIn.length + claimsIn.length;
  let done = 0;

  return db.transaction('rw', db.annotations, db.knownClaims, async () => {
    const write = async <T extends Mergeable>(table: AnyTable, incoming: T[], planned: MergePlan<T>): Promise<MergePlan<T>> => {
      const existing = await loadExisting<T>(table, incoming.map((r) => r.id), chunk);
      const fresh = planMerge(existing, incoming);
      const t = table as FactmarkDB['annotations'];
      // New records are added, not put: this transaction has just seen that their ids are free
      // (so an add cannot fail but for a bug, which then rolls everything back), and an add
      // spares the storage middleware its read of the record being replaced.
      // Two chunks in flight: while IndexedDB writes one, this thread prepares the next (the
      // storage middleware runs the derived updates of each in order).
      const inFlight: Promise<unknown>[] = [];
      for (const [rows, method] of [[fresh.add, 'bulkAdd'], [fresh.update, 'bulkPut']] as const) {
        for (let i = 0; i < rows.length; i += chunk) {
          signal?.throwIfAborted();
          const size = Math.min(chunk, rows.length - i);
          const written = t[method](rows.slice(i, i + chunk) as unknown as Annotation[]).then(() => {
            done += size;
            onProgress?.(total ? done / total : 1);
          });
          // Awaited below; if the import fails first, the transaction's abort is the one error reported.
          written.catch(() => undefined);
          inFlight.push(written);
          if (inFlight.length >= CHUNKS_IN_FLIGHT) await inFlight.shift();
        }
      }
      await Promise.all(inFlight);
      done += incoming.length - fresh.add.length - fresh.update.length; // re-planned as skips
      return { add: fresh.add, update: fresh.update, skip: [...planned.skip, ...fresh.skip] };
    };
    const annotations = await write<Annotation>(db.annotations, annotationsIn, plan.annotations);
    const knownClaims = await write<KnownClaim>(db.knownClaims, claimsIn, plan.knownClaims);
    signal?.throwIfAborted();
    onProgress?.(1);
    return { annotations, knownClaims };
  });
}
