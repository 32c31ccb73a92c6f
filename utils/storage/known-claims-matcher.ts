/**
 * The known-claim index of the background: every imported review plus the reader's own graded
 * notes, indexed once and reused while nothing changed. A cache, not state: it lives in memory
 * and, as built, in the `indexCache` store, so the first request after a service-worker restart
 * (MV3 stops an idle worker after 30 s) reads one record instead of every claim and re-indexing
 * them (seconds with 100,000 claims: one IndexedDB read per record, then ~1 s to index).
 */
import type { FactmarkDB } from './db';
import { COUNT_KEYS, type CountRow } from '../search/counts';
import { changedSince } from '../search/change-log';
import { INDEX, MIN_KEY, maxKey } from '../search/query';
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import { KnownClaimIndex, type ClaimMatch, type IndexSnapshot } from '../known-claims/claim-index';
import { knownClaimFromAnnotation, NOTE_CLAIM_PREFIX } from '../known-claims/from-annotation';
import type { KnownClaimHit } from '../messaging/protocol';

/**
 * Two sources, each re-indexed only when its own write counter moved (utils/search/counts.ts):
 * the imported reviews (often many, rarely written) and the reader's own graded notes (written
 * often). A note saved does not re-index 100,000 imported reviews, and an import of reviews does
 * not re-read every note.
 *
 * The notes' index catches up without reading every note: the change log on the notes' write
 * counter (utils/search/change-log.ts) lists the notes written since it was built, and only those
 * are read. They are masked in the full index and indexed again in a small delta index (the
 * prefix-filtered index is immutable: its shingle order depends on every claim); when the delta
 * grows past DELTA_LIMIT, or the log no longer reaches back, everything is rebuilt.
 */
const DELTA_LIMIT = { min: 2_000, fraction: 0.05 };

interface ReviewsIndex {
  signature: string;
  index: KnownClaimIndex<KnownClaim> | null;
}
interface NotesIndex {
  database: string;
  /** The notes' write counter the index is current with. */
  writes: number;
  full: KnownClaimIndex<KnownClaim> | null;
  /** Note ids written since `full` was built: their entries in `full` no longer count. */
  stale: Set<string>;
  /** The current known claim of each note in `stale` that has one. */
  changed: Map<string, KnownClaim>;
  delta: KnownClaimIndex<KnownClaim> | null;
}
let reviews: ReviewsIndex | undefined;
let notes: NotesIndex | undefined;

/** What the requests did to the notes' index (for tests and the bench). */
export const notesIndexActivity = { rebuilds: 0, restores: 0, catchUps: 0, notesRead: 0 };

type Source = 'knownClaims' | 'annotations';
const CACHE_KEY: Record<Source, string> = { knownClaims: 'known-claims:reviews', annotations: 'known-claims:notes' };

/** An index as kept in `indexCache`: the claims as JSON text (one string clones far faster than 100,000 objects) and the index's arrays. */
interface StoredClaimIndex {
  claims: string;
  snapshot: IndexSnapshot | null;
}

/** Keeps a freshly built index for the next service-worker start; after the reply, and a failure only costs a rebuild later. */
function persist(db: FactmarkDB, source: Source, writes: number, index: KnownClaimIndex<KnownClaim> | null): void {
  setTimeout(() => {
    // Serialised here, not before the reply: 100,000 claims are tens of megabytes of JSON.
    const value: StoredClaimIndex = { claims: JSON.stringify(index?.claims ?? []), snapshot: index?.snapshot() ?? null };
    void db.indexCache.put({ key: CACHE_KEY[source], writes, value }).catch(() => undefined);
  }, 0);
}

/** The kept index of a source, with the write count it is current with; undefined if none fits. */
async function restore(db: FactmarkDB, source: Source): Promise<{ writes: number; index: KnownClaimIndex<KnownClaim> | null } | undefined> {
  try {
    const row = await db.indexCache.get(CACHE_KEY[source]);
    const value = row?.value as StoredClaimIndex | undefined;
    if (!row || typeof row.writes !== 'number' || typeof value?.claims !== 'string') return undefined;
    const claims = JSON.parse(value.claims) as KnownClaim[];
    if (!Array.isArray(claims)) return undefined;
    if (claims.length === 0) return { writes: row.writes, index: null };
    // restore() checks the arrays belong to these claims (count and a checksum of every text).
    const index = value.snapshot ? KnownClaimIndex.restore(value.snapshot, claims) : undefined;
    return index ? { writes: row.writes, index } : undefined;
  } catch {
    return undefined;
  }
}

const claimOfNote = (a: Annotation | undefined): KnownClaim | undefined =>
  a && a.verdict !== 'unverifiable' ? knownClaimFromAnnotation(a) : undefined;

async function reviewsIndex(db: FactmarkDB, writes: number): Promise<KnownClaimIndex<KnownClaim> | null> {
  const signature = `${db.name}:${writes}`;
  if (reviews?.signature !== signature) {
    const kept = reviews ? undefined : await restore(db, 'knownClaims');
    if (kept?.writes === writes) reviews = { signature, index: kept.index };
    else {
      const claims = await db.knownClaims.toArray();
      reviews = { signature, index: claims.length ? KnownClaimIndex.build(claims) : null };
      persist(db, 'knownClaims', writes, reviews.index);
    }
  }
  return reviews.index;
}

const notesIndexOf = (db: FactmarkDB, writes: number, full: KnownClaimIndex<KnownClaim> | null): NotesIndex => ({
  database: db.name, writes, full, stale: new Set(), changed: new Map(), delta: null,
});

async function rebuildNotes(db: FactmarkDB, writes: number): Promise<NotesIndex> {
  const live = await db.annotations.where(INDEX.verdict).between([0, MIN_KEY, MIN_KEY], [0, maxKey(), maxKey()]).toArray();
  const claims = live.map(claimOfNote).filter((k): k is KnownClaim => !!k);
  notesIndexActivity.rebuilds++;
  notesIndexActivity.notesRead += live.length;
  const full = claims.length ? KnownClaimIndex.build(claims) : null;
  persist(db, 'annotations', writes, full);
  return notesIndexOf(db, writes, full);
}

async function notesIndex(db: FactmarkDB, counter: CountRow | undefined): Promise<NotesIndex> {
  const writes = counter?.n ?? 0;
  let cached = notes?.database === db.name ? notes : undefined;
  if (!cached) {
    // A fresh service worker: start from the kept index, and catch up below like any other.
    const kept = await restore(db, 'annotations');
    if (kept && kept.writes <= writes) {
      notesIndexActivity.restores++;
      cached = notes = notesIndexOf(db, kept.writes, kept.index);
    }
  }
  if (cached?.writes === writes) return cached;
  const ids = cached ? changedSince(counter?.changes, cached.writes, writes) : null;
  const limit = Math.max(DELTA_LIMIT.min, DELTA_LIMIT.fraction * (cached?.full?.claims.length ?? 0));
  if (!cached || !ids || cached.stale.size + ids.length > limit) return (notes = await rebuildNotes(db, writes));
  const rows = await db.annotations.bulkGet(ids);
  const changed = new Map(cached.changed);
  ids.forEach((id, i) => {
    const claim = claimOfNote(rows[i]);
    if (claim) changed.set(id, claim);
    else changed.delete(id);
  });
  const claims = [...changed.values()];
  notesIndexActivity.catchUps++;
  notesIndexActivity.notesRead += ids.length;
  return (notes = {
    ...cached,
    writes,
    stale: new Set([...cached.stale, ...ids]),
    changed,
    delta: claims.length ? KnownClaimIndex.build(claims) : null,
  });
}

/** The matches of the notes' index: the full index's, but for notes written since, and the delta's. */
function matchNotes(index: NotesIndex, sentences: string[]): ClaimMatch<KnownClaim>[] {
  const current = (index.full?.match(sentences) ?? []).filter((m) => !index.stale.has(m.claim.id.slice(NOTE_CLAIM_PREFIX.length)));
  return index.delta ? current.concat(index.delta.match(sentences)) : current;
}

/**
 * Whether any known claim exists: an imported review, or a live note with a verdict (counts kept
 * by the storage layer, so no table is walked). A graded note without a quote answers yes too,
 * which only costs that page a match request that finds nothing.
 */
export async function hasKnownClaims(db: FactmarkDB): Promise<boolean> {
  const [all, unrated] = await db.noteCounts.bulkGet([COUNT_KEYS.all, COUNT_KEYS.verdict('unrated')]);
  if ((all?.n ?? 0) - (unrated?.n ?? 0) > 0) return true;
  return (await db.knownClaims.limit(1).primaryKeys()).length > 0;
}

export async function matchKnownClaims(db: FactmarkDB, sentences: string[]): Promise<KnownClaimHit[]> {
  if (!sentences.length) return [];
  const [reviewWrites, noteWrites] = await db.noteCounts.bulkGet([COUNT_KEYS.writes('knownClaims'), COUNT_KEYS.writes('annotations')]);
  const [reviewIndex, noteIndex] = await Promise.all([reviewsIndex(db, reviewWrites?.n ?? 0), notesIndex(db, noteWrites)]);
  // Best match per sentence, over both sources.
  const best = new Map<number, KnownClaimHit>();
  for (const m of [...(reviewIndex?.match(sentences) ?? []), ...matchNotes(noteIndex, sentences)]) {
    const prev = best.get(m.sentenceIndex);
    if (prev && prev.score >= m.score) continue;
    const { id, text, verdict, ratingName, reviewUrl, publisher } = m.claim;
    best.set(m.sentenceIndex, { sentenceIndex: m.sentenceIndex, score: m.score, claim: { id, text, verdict, ratingName, reviewUrl, publisher } });
  }
  return [...best.values()].sort((a, b) => a.sentenceIndex - b.sentenceIndex);
}
