/**
 * The known-claim index of the background: every imported review plus the reader's own graded
 * notes, indexed once and reused while nothing changed. A cache, not state: after a service
 * worker restart it is rebuilt from the database on the first request (≈ 1 s for 100,000 claims).
 */
import type { FactmarkDB } from './db';
import { COUNT_KEYS } from '../search/counts';
import { INDEX, MIN_KEY, maxKey } from '../search/query';
import type { KnownClaim } from '../known-claims/types';
import { KnownClaimIndex } from '../known-claims/claim-index';
import { knownClaimFromAnnotation } from '../known-claims/from-annotation';
import type { KnownClaimHit } from '../messaging/protocol';

let cached: { signature: string; index: KnownClaimIndex<KnownClaim> | null } | null = null;

/**
 * Changes whenever a known claim or a note is written: the write counters the storage layer
 * keeps (utils/search/counts.ts). Two key reads; counting the tables would walk every entry.
 */
async function signature(db: FactmarkDB): Promise<string> {
  const rows = await db.noteCounts.bulkGet([COUNT_KEYS.writes('knownClaims'), COUNT_KEYS.writes('annotations')]);
  return [db.name, ...rows.map((r) => r?.n ?? 0)].join(':');
}

async function currentIndex(db: FactmarkDB): Promise<KnownClaimIndex<KnownClaim> | null> {
  const sig = await signature(db);
  if (cached?.signature === sig) return cached.index;
  const [imported, notes] = await Promise.all([
    db.knownClaims.toArray(),
    db.annotations.where(INDEX.verdict).between([0, MIN_KEY, MIN_KEY], [0, maxKey(), maxKey()]).toArray(),
  ]);
  const own = notes
    .filter((a) => a.verdict !== 'unverifiable')
    .map(knownClaimFromAnnotation).filter((k): k is KnownClaim => !!k);
  const all = [...imported, ...own];
  cached = { signature: sig, index: all.length ? KnownClaimIndex.build(all) : null };
  return cached.index;
}

export async function matchKnownClaims(db: FactmarkDB, sentences: string[]): Promise<KnownClaimHit[]> {
  const index = await currentIndex(db);
  if (!index || sentences.length === 0) return [];
  // Best match per sentence.
  const best = new Map<number, KnownClaimHit>();
  for (const m of index.match(sentences)) {
    const prev = best.get(m.sentenceIndex);
    if (prev && prev.score >= m.score) continue;
    const { id, text, verdict, ratingName, reviewUrl, publisher } = m.claim;
    best.set(m.sentenceIndex, { sentenceIndex: m.sentenceIndex, score: m.score, claim: { id, text, verdict, ratingName, reviewUrl, publisher } });
  }
  return [...best.values()].sort((a, b) => a.sentenceIndex - b.sentenceIndex);
}
