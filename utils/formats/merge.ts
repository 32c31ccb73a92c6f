/**
 * Merge planning (pure): which incoming records to add, which to update, which to skip and why.
 *
 * Rules, per id:
 *  - not present locally            → add (tombstones too, so a deletion travels with the file)
 *  - identical                      → skip "identical (already present)"
 *  - newer `updated` wins; a tombstone counts as a write at its deletion time, and wins ties:
 *      local live,  incoming tombstone deleted ≥ local.updated → update (deleted)
 *      local tombstone, incoming live edited after the deletion → update (restored, reported)
 *      otherwise the older side is skipped with the reason
 *  - same time, different content   → skip "conflict": nothing is silently overwritten
 *  - the same id twice in one file  → the newer copy is used, the other skipped
 */
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';

export interface Mergeable {
  id: string;
  updated: number;
  deleted?: number;
}

export interface SkippedItem {
  id: string;
  reason: string;
}

export interface MergePlan<T extends Mergeable> {
  add: T[];
  update: T[];
  skip: SkippedItem[];
}

export interface ImportPlan {
  annotations: MergePlan<Annotation>;
  knownClaims: MergePlan<KnownClaim>;
}

/** When a record last changed, counting a deletion as a change. */
const changedAt = (r: Mergeable) => Math.max(r.updated, r.deleted ?? 0);
const isTombstone = (r: Mergeable) => (r.deleted ?? 0) > 0;

/** Structural equality of plain JSON data (key order ignored). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameRecord(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function decide<T extends Mergeable>(local: T, incoming: T): { action: 'update' } | { action: 'skip'; reason: string } {
  if (sameRecord(local, incoming)) return { action: 'skip', reason: 'identical (already present)' };
  const l = changedAt(local), i = changedAt(incoming);
  if (isTombstone(incoming) && !isTombstone(local)) {
    return i >= local.updated
      ? { action: 'update' }
      : { action: 'skip', reason: 'edited here after the deletion in the file; kept the local note' };
  }
  if (isTombstone(local) && !isTombstone(incoming)) {
    return incoming.updated > l
      ? { action: 'update' }
      : { action: 'skip', reason: 'deleted here after the version in the file was edited; stays deleted' };
  }
  if (i > l) return { action: 'update' };
  if (i < l) return { action: 'skip', reason: 'the local copy is newer' };
  return { action: 'skip', reason: 'conflict: same update time, different content; kept the local copy' };
}

export function planMerge<T extends Mergeable>(existing: ReadonlyMap<string, T>, incoming: readonly T[]): MergePlan<T> {
  const plan: MergePlan<T> = { add: [], update: [], skip: [] };
  // The newest copy of each id in the file; older duplicates are skipped.
  const newest = new Map<string, T>();
  for (const r of incoming) {
    const prev = newest.get(r.id);
    if (!prev) newest.set(r.id, r);
    else if (changedAt(r) > changedAt(prev) || (changedAt(r) === changedAt(prev) && isTombstone(r) && !isTombstone(prev))) {
      plan.skip.push({ id: prev.id, reason: 'duplicate in the file; a newer copy was used' });
      newest.set(r.id, r);
    } else plan.skip.push({ id: r.id, reason: 'duplicate in the file; a newer copy was used' });
  }
  for (const r of newest.values()) {
    const local = existing.get(r.id);
    if (!local) {
      plan.add.push(r);
      continue;
    }
    const d = decide(local, r);
    if (d.action === 'update') plan.update.push(r);
    else plan.skip.push({ id: r.id, reason: d.reason });
  }
  return plan;
}

/** "N added, M updated, K skipped". */
export function summarizePlan(plan: MergePlan<Mergeable> | ImportPlan): string {
  const counts = 'add' in plan
    ? { add: plan.add.length, update: plan.update.length, skip: plan.skip.length }
    : {
        add: plan.annotations.add.length + plan.knownClaims.add.length,
        update: plan.annotations.update.length + plan.knownClaims.update.length,
        skip: plan.annotations.skip.length + plan.knownClaims.skip.length,
      };
  return `${counts.add} added, ${counts.update} updated, ${counts.skip} skipped`;
}

/** Skipped items grouped by reason, for the summary toast: [["identical (already present)", 12], …]. */
export function skipReasons(plan: MergePlan<Mergeable> | ImportPlan): [string, number][] {
  const skips = 'add' in plan ? plan.skip : [...plan.annotations.skip, ...plan.knownClaims.skip];
  const counts = new Map<string, number>();
  for (const s of skips) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
