/**
 * The UAX #29 sentence-break classes of utils/claims/sentence-break.ts, written with Unicode
 * property escapes: the specification that its compiled table (CLASS_TABLE) is checked against.
 * (Run `npx vitest run tests/claims/sentence-break.test.ts`; on a mismatch the failure message is
 * the new table.)
 */
const ATERM = /[\u2024\uFE52\uFF0E]/;
const STERM = /\p{Sentence_Terminal}/u;
const SEP = /[\u0085\u2028\u2029]/;
const SP = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/;
const EXT = /[\p{Grapheme_Extend}\p{Mc}\u200C\u200D\p{Cf}]/u;
const LOWER = /\p{Lowercase}/u;
const UPPER = /[\p{Uppercase}\p{Lt}]/u;
const OLETTER = /[\p{Alphabetic}\u00A0\u05F3]/u;
const NUMERIC = /[\p{Nd}\u066B\u066C]/u;
const SCONT = /[\u055D\u060C\u060D\u07F8\u1802\u1808\u2013\u2014\u3001\uFE10\uFE11\uFE13\uFE31\uFE32\uFE50\uFE51\uFE55\uFE58\uFE63\uFF0C\uFF0D\uFF1A\uFF1B\uFF64]/;
const CLOSE = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Quotation_Mark}\u2E00-\u2E0D\u2E1C\u2E1D\u2E20-\u2E29\u2E42]/u;

/** Class numbers as in sentence-break.ts (`const enum C`). */
export function classOfCodePoint(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return 0;
  const ch = String.fromCodePoint(code);
  return ATERM.test(ch) ? 7
    : STERM.test(ch) ? 8
      : SEP.test(ch) ? 1
        : SP.test(ch) ? 2
          : EXT.test(ch) ? 11
            : LOWER.test(ch) ? 3
              : UPPER.test(ch) ? 4
                : NUMERIC.test(ch) ? 6
                  : OLETTER.test(ch) ? 5
                    : SCONT.test(ch) ? 10
                      : CLOSE.test(ch) ? 9
                        : 0;
}

/** Run-length table of the classes of U+0080…U+10FFFF: per run, 'A' + class, then length in base 36. */
export function buildClassTable(): string {
  let out = '';
  let prev = -1;
  let len = 0;
  for (let c = 0x80; c <= 0x10ffff; c++) {
    const k = classOfCodePoint(c);
    if (k === prev) {
      len++;
      continue;
    }
    if (prev >= 0) out += String.fromCharCode(65 + prev) + len.toString(36);
    prev = k;
    len = 1;
  }
  return out + String.fromCharCode(65 + prev) + len.toString(36);
}
