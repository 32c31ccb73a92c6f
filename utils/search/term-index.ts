/**
 * The library's full-text index in memory: the search segments read from the database (oldest
 * first) plus the tail of recent writes, answering a whole library query — words, filters and
 * sort — with the exact, ordered list of matching notes. The storage layer
 * (utils/storage/search-index.ts) reads the segments and caches them; this module only decides
 * which entries count and orders them. Pure.
 *
 * The newest entry of an id wins: an id in the tail hides it in every segment; otherwise the
 * newest segment holding the id (`newestSegmentOf`) is the one whose entry counts.
 */
import { VERDICTS, type Verdict } from '../model/annotation';
import { siteOf } from './fields';
import { matchOrdinals, type TermSegment } from './term-segment';
import type { LibraryQuery, SortOrder } from './query';

export interface TermSource {
  /** Position in write order (segments and tail records never share one). */
  order: number;
  seg: TermSegment;
  /** siteOf(pages[i]), computed once per source. */
  sites?: string[];
}

/** A library query with its text already split into search tokens. */
export type TermQuery = Omit<LibraryQuery, 'text'> & { tokens: readonly string[] };

export interface TermHit {
  id: string;
  updated: number;
  verdict: Verdict;
  pageUrl: string;
  site: string;
}

/** id → order of the newest segment that holds it. */
export function newestSegmentOf(segmentsOldestFirst: readonly TermSource[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const s of segmentsOldestFirst) for (const id of s.seg.ids) map.set(id, s.order);
  return map;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const VERDICT_RANK = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));
const byRecent = (a: TermHit, b: TermHit) => b.updated - a.updated || cmpStr(b.id, a.id);

/** The library's sort orders on hits; the same as utils/search/query.ts planQuery().compare on records. */
export const HIT_ORDER: Record<SortOrder, (a: TermHit, b: TermHit) => number> = {
  recent: byRecent,
  verdict: (a, b) => VERDICT_RANK.get(a.verdict)! - VERDICT_RANK.get(b.verdict)! || byRecent(a, b),
  site: (a, b) => cmpStr(a.site, b.site) || cmpStr(a.pageUrl, b.pageUrl) || a.updated - b.updated || cmpStr(a.id, b.id),
};

export class TermSnapshot {
  private readonly tailIds: Set<string>;

  constructor(
    /** Segments, oldest first. */
    readonly segments: readonly TermSource[],
    /** The recent writes not yet packed into a segment, as one segment (newer than every segment). */
    readonly tail: TermSource | null,
    /** newestSegmentOf(segments), kept by the caller while the segment list is unchanged. */
    private readonly newest: Map<string, number>,
  ) {
    this.tailIds = new Set(tail?.seg.ids ?? []);
  }

  /** Every live note matching the query, in the query's order (its length is the exact total). */
  search(q: TermQuery): TermHit[] {
    const hits: TermHit[] = [];
    const sources = this.tail ? [...this.segments, this.tail] : this.segments;
    for (const source of sources) this.collect(source, q, source === this.tail, hits);
    return hits.sort(HIT_ORDER[q.sort]);
  }

  /** The number of live notes the index holds. */
  get size(): number {
    let n = 0;
    const sources = this.tail ? [...this.segments, this.tail] : this.segments;
    for (const source of sources) {
      const { seg } = source;
      for (let o = 0; o < seg.ids.length; o++) if (seg.live[o] && this.counts(source, o, source === this.tail)) n++;
    }
    return n;
  }

  private counts(source: TermSource, o: number, isTail: boolean): boolean {
    const id = source.seg.ids[o];
    return isTail || (!this.tailIds.has(id) && this.newest.get(id) === source.order);
  }

  private collect(source: TermSource, q: TermQuery, isTail: boolean, out: TermHit[]): void {
    const { seg } = source;
    const sites = (source.sites ??= seg.pages.map(siteOf));
    const verdictCode = q.verdict === undefined ? -1 : VERDICTS.indexOf(q.verdict);
    const tagSlot = q.tag === undefined ? -1 : seg.tags.indexOf(q.tag);
    if (q.tag !== undefined && tagSlot < 0) return;
    for (const o of matchOrdinals(seg, q.tokens)) {
      if (!seg.live[o]) continue;
      const updated = seg.updated[o];
      if (q.from !== undefined && updated < q.from) continue;
      if (q.to !== undefined && updated > q.to) continue;
      if (verdictCode >= 0 && seg.verdict[o] !== verdictCode) continue;
      const page = seg.page[o];
      if (q.site !== undefined && sites[page] !== q.site) continue;
      if (tagSlot >= 0 && !hasTag(seg, o, tagSlot)) continue;
      if (!this.counts(source, o, isTail)) continue;
      out.push({ id: seg.ids[o], updated, verdict: VERDICTS[seg.verdict[o]], pageUrl: seg.pages[page], site: sites[page] });
    }
  }
}

function hasTag(seg: TermSegment, o: number, slot: number): boolean {
  for (let t = seg.tagStart[o]; t < seg.tagStart[o + 1]; t++) if (seg.tagIds[t] === slot) return true;
  return false;
}
