/**
 * A search segment: the library's full-text index for a set of notes, packed into typed arrays
 * so one IndexedDB record holds thousands of notes' words.
 *
 * Why packed segments instead of a multi-entry `*words` index on the notes (schema v3–v4):
 * measured in Chromium (bench/share-browser.ts floor rows), every IndexedDB index entry is a
 * write of its own; with ~39 distinct words per note the `*words` index made each note write
 * 3–4× slower (2,650 → 690 notes/s) and doubled what every read of a note deserialises. A
 * segment costs one record per few thousand notes; searching it is an in-memory binary search
 * over its sorted vocabulary plus a walk of posting lists (utils/search/term-index.ts).
 *
 * Layout (all ordinals index the note arrays; notes are sorted newest first, so every posting
 * list, kept ascending, lists its notes newest first):
 *   ids / updated / live / verdict / page      one slot per note (page → pages[])
 *   tagStart / tagIds → tags[]                 each note's tags (compressed rows)
 *   words (sorted) / wordStart / postings      each word's notes (compressed rows)
 * A note that is deleted is kept with live = 0 while older segments may still hold a live copy
 * of it: the newest entry of an id is the one that counts.
 *
 * Pure: no Dexie, no browser API (typed arrays and strings survive structured cloning as is).
 */
import { VERDICTS, type Verdict } from '../model/annotation';

/** What the index knows of one note: enough to apply every library filter and sort without the record. */
export interface TermEntry {
  id: string;
  updated: number;
  /** False for a tombstone or a note removed outright: the entry then only masks older ones of its id. */
  live: boolean;
  verdict: Verdict;
  pageUrl: string;
  tags: string[];
  /** The note's distinct search words (utils/search/tokens.ts annotationWords); empty when not live. */
  words: string[];
}

export interface TermSegment {
  ids: string[];
  updated: Float64Array;
  live: Uint8Array;
  verdict: Uint8Array;
  page: Uint32Array;
  pages: string[];
  tagStart: Uint32Array;
  tagIds: Uint32Array;
  tags: string[];
  words: string[];
  wordStart: Uint32Array;
  postings: Uint32Array;
}

export const VERDICT_CODE = new Map<Verdict, number>(VERDICTS.map((v, i) => [v, i]));

/** Newest first; equal times: larger id first (the order IndexedDB gives a reversed [.., updated] index). */
export function newestFirst(a: { id: string; updated: number }, b: { id: string; updated: number }): number {
  return b.updated - a.updated || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Interns strings into a table: returns each string's slot. */
function interner(table: string[]): (s: string) => number {
  const slots = new Map<string, number>();
  return (s) => {
    let i = slots.get(s);
    if (i === undefined) {
      i = table.length;
      table.push(s);
      slots.set(s, i);
    }
    return i;
  };
}

/** Packs entries into a segment. For an id given twice, the later entry wins (the write order). */
export function buildSegment(entries: readonly TermEntry[]): TermSegment {
  const latest = new Map<string, TermEntry>();
  for (const e of entries) latest.set(e.id, e);
  const notes = [...latest.values()].sort(newestFirst);
  const n = notes.length;
  const seg: TermSegment = {
    ids: new Array<string>(n),
    updated: new Float64Array(n),
    live: new Uint8Array(n),
    verdict: new Uint8Array(n),
    page: new Uint32Array(n),
    pages: [],
    tagStart: new Uint32Array(n + 1),
    tagIds: new Uint32Array(0),
    tags: [],
    words: [],
    wordStart: new Uint32Array(0),
    postings: new Uint32Array(0),
  };
  const pageSlot = interner(seg.pages);
  const tagSlot = interner(seg.tags);
  const tagIds: number[] = [];
  const byWord = new Map<string, number[]>();
  notes.forEach((e, o) => {
    seg.ids[o] = e.id;
    seg.updated[o] = e.updated;
    seg.live[o] = e.live ? 1 : 0;
    seg.verdict[o] = VERDICT_CODE.get(e.verdict) ?? 0;
    seg.page[o] = pageSlot(e.pageUrl);
    for (const t of e.tags) tagIds.push(tagSlot(t));
    seg.tagStart[o + 1] = tagIds.length;
    if (!e.live) return;
    for (const w of e.words) {
      const list = byWord.get(w);
      if (list) list.push(o);
      else byWord.set(w, [o]);
    }
  });
  seg.tagIds = Uint32Array.from(tagIds);
  seg.words = [...byWord.keys()].sort();
  seg.wordStart = new Uint32Array(seg.words.length + 1);
  let total = 0;
  seg.words.forEach((w, i) => {
    total += byWord.get(w)!.length;
    seg.wordStart[i + 1] = total;
  });
  seg.postings = new Uint32Array(total);
  seg.words.forEach((w, i) => seg.postings.set(byWord.get(w)!, seg.wordStart[i]));
  return seg;
}

/** The entries of a segment again (for merging segments). */
export function segmentEntries(seg: TermSegment): TermEntry[] {
  const n = seg.ids.length;
  const words: string[][] = Array.from({ length: n }, () => []);
  for (let w = 0; w < seg.words.length; w++) {
    for (let p = seg.wordStart[w]; p < seg.wordStart[w + 1]; p++) words[seg.postings[p]].push(seg.words[w]);
  }
  const out: TermEntry[] = new Array(n);
  for (let o = 0; o < n; o++) {
    const tags: string[] = [];
    for (let t = seg.tagStart[o]; t < seg.tagStart[o + 1]; t++) tags.push(seg.tags[seg.tagIds[t]]);
    out[o] = {
      id: seg.ids[o],
      updated: seg.updated[o],
      live: seg.live[o] === 1,
      verdict: VERDICTS[seg.verdict[o]],
      pageUrl: seg.pages[seg.page[o]],
      tags,
      words: words[o],
    };
  }
  return out;
}

/**
 * Merges segments given oldest first into one: the newest entry of each id wins. When nothing
 * older remains outside the merge (`dropDead`), entries of deleted notes are left out: they have
 * nothing left to mask.
 */
export function mergeSegments(oldestFirst: readonly TermSegment[], dropDead: boolean): TermSegment {
  const entries = oldestFirst.flatMap(segmentEntries);
  const latest = new Map<string, TermEntry>();
  for (const e of entries) latest.set(e.id, e);
  return buildSegment(dropDead ? [...latest.values()].filter((e) => e.live) : [...latest.values()]);
}

/** First index in the sorted `words` whose word is ≥ `key`. */
function lowerBound(words: readonly string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ordinals of the notes that have, for every token, a word starting with it (the library's
 * AND-of-prefixes rule, utils/search/tokens.ts matchesTokens), ascending (newest first).
 * No tokens: every ordinal.
 */
export function matchOrdinals(seg: TermSegment, tokens: readonly string[]): Uint32Array {
  const n = seg.ids.length;
  if (!tokens.length) return Uint32Array.from({ length: n }, (_, i) => i);
  // hits[o] counts the tokens matched so far; a note missing one token can never reach the end.
  const hits = new Uint8Array(n);
  let candidates = n;
  for (let t = 0; t < tokens.length && candidates > 0; t++) {
    const token = tokens[t];
    candidates = 0;
    for (let w = lowerBound(seg.words, token); w < seg.words.length && seg.words[w].startsWith(token); w++) {
      for (let p = seg.wordStart[w]; p < seg.wordStart[w + 1]; p++) {
        const o = seg.postings[p];
        if (hits[o] === t) {
          hits[o] = t + 1;
          candidates++;
        }
      }
    }
  }
  const out = new Uint32Array(candidates);
  if (!candidates) return out;
  let k = 0;
  for (let o = 0; o < n; o++) if (hits[o] === tokens.length) out[k++] = o;
  return out;
}

/** The distinct words of the segment that start with `prefix` (the library's suggestions, tests). */
export function wordsWithPrefix(seg: TermSegment, prefix: string): string[] {
  const out: string[] = [];
  for (let w = lowerBound(seg.words, prefix); w < seg.words.length && seg.words[w].startsWith(prefix); w++) out.push(seg.words[w]);
  return out;
}
