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

/**
 * Two indexes, each rebuilt only when its own source changed (the write counters the storage
 * layer keeps, utils/search/counts.ts): the imported reviews (often many, rarely written) and the
 * reader's own graded notes (written often). A note saved does not re-index 100,000 imported
 * reviews, and an import of reviews does not re-read every note.
 */
type Source = 'knownClaims' | 'annotations';
const cached = new Map<Source, { signature: string; index: KnownClaimIndex<KnownClaim> | null }>();

async function signatures(db: FactmarkDB): Promise<Record<Source, string>> {
  const rows = await db.noteCounts.bulkGet([COUNT_KEYS.writes('knownClaims'), COUNT_KEYS.writes('annotations')]);
  return { knownClaims: `${db.name}:${rows[0]?.n ?? 0}`, annotations: `${db.name}:${rows[1]?.n ?? 0}` };
}

const readers: Record<Source, (db: FactmarkDB) => Promise<KnownClaim[]>> = {
  knownClaims: (db) => db.knownClaims.toArray(),
  annotations: async (db) =>
    (await db.annotations.where(INDEX.verdict).between([0, MIN_KEY, MIN_KEY], [0, maxKey(), maxKey()]).toArray())
      .filter((a) => a.verdict !== 'unverifiable')
      .map(knownClaimFromAnnotation)
      .filter((k): k is KnownClaim => !!k),
};

async function currentIndexes(db: FactmarkDB): Promise<KnownClaimIndex<KnownClaim>[]> {
  const sig = await signatures(db);
  const indexes = await Promise.all(
    (['knownClaims', 'annotations'] as const).map(async (source) => {
      const hit = cached.get(source);
      if (hit?.signature === sig[source]) return hit.index;
      const claims = await readers[source](db);
      const index = claims.length ? KnownClaimIndex.build(claims) : null;
      cached.set(source, { signature: sig[source], index });
      return index;
    }),
  );
  return indexes.filter((i): i is KnownClaimIndex<KnownClaim> => i !== null);
}

export async function matchKnownClaims(db: FactmarkDB, sentences: string[]): Promise<KnownClaimHit[]> {
  const indexes = sentences.length ? await currentIndexes(db) : [];
  // Best match per sentence, over both indexes.
  const best = new Map<number, KnownClaimHit>();
  for (const m of indexes.flatMap((index) => index.match(sentences))) {
    const prev = best.get(m.sentenceIndex);
    if (prev && prev.score >= m.score) continue;
    const { id, text, verdict, ratingName, reviewUrl, publisher } = m.claim;
    best.set(m.sentenceIndex, { sentenceIndex: m.sentenceIndex, score: m.score, claim: { id, text, verdict, ratingName, reviewUrl, publisher } });
  }
  return [...best.values()].sort((a, b) => a.sentenceIndex - b.sentenceIndex);
}
