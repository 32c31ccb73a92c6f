/**
 * Prefix/suffix similarity: edit distance anchored at the quote boundary, far end free. Own code:
 * approx-string-match cannot pin a match to a position, and 32×40 cells per side are cheap.
 */

let row = new Int32Array(128);

/**
 * Similarity in [0, 1] of `prefix` to the text just before `start`: 1 − (edits / prefix length),
 * where the prefix must end exactly at `start` and may begin anywhere before it.
 */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  const p = prefix.length;
  if (p === 0) return 1;
  if (start >= p && text.startsWith(prefix, start - p)) return 1;
  const w = Math.min(start, p + slack(p));
  return 1 - anchoredDistance(prefix, text, start, w, -1) / p;
}

/** Similarity in [0, 1] of `suffix` to the text just after `end` (must start exactly at `end`). */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  const p = suffix.length;
  if (p === 0) return 1;
  if (text.startsWith(suffix, end)) return 1;
  const w = Math.min(text.length - end, p + slack(p));
  return 1 - anchoredDistance(suffix, text, end, w, 1) / p;
}

/** Room for a few inserted/deleted chars in the window; more only costs time. */
function slack(p: number): number {
  return 4 + (p >> 2);
}

/**
 * Edit distance between the whole pattern and the best window that starts at the boundary
 * (start-anchored, end free), reading away from the boundary: forwards (dir 1, from text[at]) or
 * backwards (dir −1, from text[at − 1], with the pattern also read from its end). One rolling row.
 */
function anchoredDistance(pattern: string, text: string, at: number, w: number, dir: 1 | -1): number {
  const p = pattern.length;
  if (w <= 0) return p;
  if (row.length < w + 1) row = new Int32Array(2 * (w + 1));
  const d = row;
  for (let j = 0; j <= w; j++) d[j] = j;
  for (let i = 1; i <= p; i++) {
    const c = dir === 1 ? pattern.charCodeAt(i - 1) : pattern.charCodeAt(p - i);
    let diag = d[0];
    d[0] = i;
    for (let j = 1; j <= w; j++) {
      const up = d[j];
      const t = dir === 1 ? text.charCodeAt(at + j - 1) : text.charCodeAt(at - j);
      const sub = diag + (t === c ? 0 : 1);
      const del = up + 1;
      const ins = d[j - 1] + 1;
      d[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      diag = up;
    }
  }
  let best = p;
  for (let j = 0; j <= w; j++) if (d[j] < best) best = d[j];
  return best;
}
