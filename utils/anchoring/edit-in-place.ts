/**
 * Fast path for a quote edited where it stood (a typo fixed, a number updated): common prefix and
 * suffix with the text at the position hint, exact edit distance of the short middle. Own code:
 * approx-string-match's per-call pattern setup alone costs more than this whole check.
 */

/** Longest middle (chars) compared by full edit distance; larger edits go to the fuzzy search. */
const MAX_MIDDLE = 24;
/** Length changes tried for the end of the edited quote. */
const MAX_SHIFT = 8;

/**
 * If `text` at `hint` holds `quote` with a small local edit, return its end and the number of
 * edits; otherwise null. Only the start at `hint` is tried.
 */
export function editedInPlace(
  text: string,
  quote: string,
  hint: number,
  maxErrors: number,
): { end: number; errors: number } | null {
  const len = quote.length;
  if (hint < 0 || hint >= text.length) return null;
  let l = 0;
  while (l < len && hint + l < text.length && text.charCodeAt(hint + l) === quote.charCodeAt(l)) l++;
  let best: { end: number; errors: number } | null = null;
  const shift = Math.min(MAX_SHIFT, maxErrors);
  for (let d = -shift; d <= shift; d++) {
    const end = hint + len + d;
    if (end > text.length || end < hint + l) continue;
    // Common suffix of quote[l..len) and text[hint+l..end), not overlapping the common prefix.
    let r = 0;
    while (r < len - l && end - r > hint + l && text.charCodeAt(end - 1 - r) === quote.charCodeAt(len - 1 - r)) r++;
    const midQ = len - l - r;
    const midT = end - hint - l - r;
    if (midQ > MAX_MIDDLE || midT > MAX_MIDDLE) continue;
    const errors = distance(quote, l, midQ, text, hint + l, midT);
    if (errors <= maxErrors && (!best || errors < best.errors)) best = { end, errors };
  }
  return best && best.errors > 0 ? best : null;
}

/** Levenshtein distance of a[aFrom, aFrom+m) and b[bFrom, bFrom+n), both at most MAX_MIDDLE. */
function distance(a: string, aFrom: number, m: number, b: string, bFrom: number, n: number): number {
  if (m === 0) return n;
  if (n === 0) return m;
  const row = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let diag = row[0];
    row[0] = i;
    const c = a.charCodeAt(aFrom + i - 1);
    for (let j = 1; j <= n; j++) {
      const up = row[j];
      row[j] = Math.min(up + 1, row[j - 1] + 1, diag + (b.charCodeAt(bFrom + j - 1) === c ? 0 : 1));
      diag = up;
    }
  }
  return row[n];
}
