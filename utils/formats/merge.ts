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
import { notice, noticeId, type Notice } from './notice';

export interface Mergeable {
  id: string;
  updated: number;
  deleted?: number;
}

export interface SkippedItem {
  id: string;
  reason: Notice;
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

const skip = (reason: Notice) => ({ action: 'skip' as const, reason });

function decide<T extends Mergeable>(local: T, incoming: T): { action: 'update' } | { action: 'skip'; reason: Notice } {
  if (sameRecord(local, incoming)) return skip(notice('importSkipIdentical'));
  const l = changedAt(local), i = changedAt(incoming);
  if (isTombstone(incoming) && !isTombstone(local)) {
    return i >= local.updated
      ? { action: 'update' }
      : skip(notice('importSkipEditedAfterDeletion'));
  }
  if (isTombstone(local) && !isTombstone(incoming)) {
    return incoming.updated > l
      ? { action: 'update' }
      : skip(notice('importSkipDeletedAfterEdit'));
  }
  if (i > l) return { action: 'update' };
  if (i < l) return skip(notice('importSkipLocalNewer'));
  return skip(notice('importSkipConflict'));
}

export function planMerge<T extends Mergeable>(existing: ReadonlyMap<string, T>, incoming: readonly T[]): MergePlan<T> {
  const plan: MergePlan<T> = { add: [], update: [], skip: [] };
  // The newest copy of each id in the file; older duplicates are skipped.
  const newest = new Map<string, T>();
  for (const r of incoming) {
    const prev = newest.get(r.id);
    if (!prev) newest.set(r.id, r);
    else if (changedAt(r) > changedAt(prev) || (changedAt(r) === changedAt(prev) && isTombstone(r) && !isTombstone(prev))) {
      plan.skip.push({ id: prev.id, reason: notice('importSkipDuplicate') });
      newest.set(r.id, r);
    } else plan.skip.push({ id: r.id, reason: notice('importSkipDuplicate') });
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
export function summarizePlan(plan: MergePlan<Mergeable> | ImportPlan): Notice {
  const counts = 'add' in plan
    ? { add: plan.add.length, update: plan.update.length, skip: plan.skip.length }
    : {
        add: plan.annotations.add.length + plan.knownClaims.add.length,
        update: plan.annotations.update.length + plan.knownClaims.update.length,
        skip: plan.annotations.skip.length + plan.knownClaims.skip.length,
      };
  return notice('importSummary', counts.add, counts.update, counts.skip);
}

/** Skipped items grouped by reason, most first: [[{key: 'importSkipIdentical'}, 12], …]. */
export function skipReasons(plan: MergePlan<Mergeable> | ImportPlan): [Notice, number][] {
  const skips = 'add' in plan ? plan.skip : [...plan.annotations.skip, ...plan.knownClaims.skip];
  const counts = new Map<string, [Notice, number]>();
  for (const s of skips) {
    const id = noticeId(s.reason);
    const entry = counts.get(id);
    if (entry) entry[1]++;
    else counts.set(id, [s.reason, 1]);
  }
  return [...counts.values()].sort((a, b) => b[1] - a[1]);
}
