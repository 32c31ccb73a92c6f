/**
 * Sentence boundaries of one line of text by the default rules of Unicode UAX #29 (SB1–SB11) —
 * the rules that `Intl.Segmenter(…, {granularity: 'sentence'})` applies through ICU.
 *
 * Own code instead of Intl.Segmenter because the first Segmenter of a page costs 30–90 ms of
 * ICU start-up in one uninterruptible task (Chromium 156 on this 2-core machine, measured in a
 * blank page: `new Intl.Segmenter('en', {granularity: 'sentence'})` took 52, 87 and 74 ms in three
 * fresh pages; any granularity pays it), more than the whole claims budget (≤ 50 ms per page).
 * This scanner costs well under a millisecond per article and gives the same boundaries as ICU on
 * every line of the 95-page corpus (tests/claims/sentence-break.test.ts compares the two).
 *
 * Input is one block without line breaks (segment.ts splits on "\n" first); a paragraph separator
 * (U+2028/U+2029/U+0085) still ends a sentence (SB4).
 */

/** Classes of UAX #29 that the rules look at; everything else is Other. */
const enum C {
  Other,
  Sep,
  Sp,
  Lower,
  Upper,
  OLetter,
  Numeric,
  ATerm,
  STerm,
  Close,
  SContinue,
  /** Extend and Format: transparent (SB5). */
  Ext,
}

/** ASCII classes, by char code. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII[c] =
    c === 0x0a || c === 0x0d ? C.Sep
      : c === 0x09 || c === 0x0b || c === 0x0c || c === 0x20 ? C.Sp
        : c >= 0x61 && c <= 0x7a ? C.Lower
          : c >= 0x41 && c <= 0x5a ? C.Upper
            : c >= 0x30 && c <= 0x39 ? C.Numeric
              : ch === '.' ? C.ATerm
                : ch === '!' || ch === '?' ? C.STerm
                  : '"\'()[]{}'.includes(ch) ? C.Close
                    : ch === ',' || ch === '-' || ch === ':' || ch === ';' ? C.SContinue
                      : C.Other;
}

/**
 * Classes of U+0080…U+10FFFF, run-length encoded: per run, 'A' + class, then the run's length in
 * base 36. Compiled from Unicode property escapes (tests/claims/sentence-break-classes.ts, checked
 * by tests/claims/sentence-break.test.ts): testing those regexes at run time costs 1–15 ms of ICU
 * property loading per regex on the first use in a page.
 */
export const CLASS_TABLE =
  'A5B1AqC1A9D1J1A1L1A7D1A4D1J1A4EnA1E7DoA1D8E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D2E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D2E1D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E2D1E1D1E1' +
  'D3E2D1E1D1E2D1E3D2E4D1E2D1E3D3E2D1E2D1E1D1E1D1E2D1E1D2E1D1E2D1E3D1E1D1E2D2F1E1D3F4E2D1E2D1E2D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D2E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D2E2D1E1D1E3D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D7E2D1E2D2E1D1E4D1E1D1E1D1E1D1E1D1xF2DzF7D2A4FcAeD5A7F1A1F1AhL34E1D1E1D1F1A1E1D1A2D4A1E1A6E1A1E3' +
  'A1E1A1E2D1EhA1E9DzE1D2E3D3E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D5E1D1A1E1D1E2D2E1fD1cE1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1A1L7E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E2D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D2E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1A1E12A2F1A3K1A2D15I1A7L19A1L1A1L2A1L2A1L1A8FrA4F5AcL6A6K2A2LbA1L1I3F17LlGaA1G2A1F2' +
  'L1F2rI1F1L8A1L6F2L2A1L4F2GaF3A2F1I3AcL1F1L1FuLrA2F2hLbF1AeGaFxL9F2A2K1I1F1A2L1A2FmL4F1L9F1L3F1L5' +
  'A9I1A1I1A3I2A1FpL3A4FbA5FoA1F7L2A5L9F16L1mF1iL3F1LiF1L7FaL2I2GaA1FgL3A1F8A2F2A2FmA1F7A1F1A3F4A2L' +
  '1F1L7A2L2A2L3F1A8L1A4F2A1F3L2A2GaF2AaF1A1L1A2L3A1F6A4F2A2FmA1F7A1F2A1F2A1F2A2L1A1L5A4L2A2L3A3L1A' +
  '7F4A1F1A7GaL2F3L1AbL3A1F9A1F3A1FmA1F7A1F2A1F5A2L1F1L8A1L3A1L3A2F1AfF2L2A2GaA9F1L6A1L3A1F8A2F2A2F' +
  'mA1F7A1F2A1F5A2L1F1L7A2L2A2L3A7L3A4F2A1F3L2A2GaA1F1AgL1F1A1F6A3F3A1F4A3F2A1F1A1F2A3F2A3F3A3FcA4L' +
  '5A3L3A1L4A2F1A6L1AeGaAgL5F8A1F3A1FnA1FgA2L1F1L7A1L3A1L4A7L2A1F3A1F2A2F2L2A2GaAgF1L3A1F8A1F3A1FnA' +
  '1FaA1F5A2L1F1L7A1L3A1L4A7L2A5F3A1F2L2A2GaA1F2L1AcL4F9A1F3A1F15L2F1L7A1L3A1L4F1A5F3L1A7F3L2A2GaAa' +
  'F6A1L3A1FiA3FoA1F9A1F1A2F7A3L1A4L6A1L1A1L8A6GaA2L2AdF1cL1F2L7A5F7L8A1GaA13F2A1F1A1F5A1FoA1F1A1Fa' +
  'L1F2L9F1A2F5A1F1A1L7A1GaA2F4AwF1AnL2A6GaAbL1A1L1A1L1J4L2F8A1F10A4LkA1L2F5LbA1L10A9L1A1lF17LkF1Ga' +
  'I2A4F6L4F4L3F1L3F2L7F3L4FdLcF1L1GaL4A2E12A1E1A5E1A2D17A1D4F95A1F4A2F7A1F1A1F4A2F15A1F4A2FxA1F4A2' +
  'F7A1F1A1F4A2FfA1F1lA1F4A2F1vA2L3A2I1A4I2AnFgAgE2eA2D6A3Fh8A1I1FhC1FqJ2A3F23A3FbA7FiL4A9FjL3I2A9F' +
  'iL2AcFdA1F3A1L2AcF1gLwI2A1F1A4F1L1A2GaAoK1I1A4K1I1A1L5GaA6F2hA7F5L2FyL1F1A5F1yAaFvA1LcA4LcA8I2Ga' +
  'FuA2F5AbF18A4FqA6GaA12FnL5A4F1hLaA1LtA2L1GaA6GaAdF1I4A4L1aA2LcAkL5F1bLhF8A1I2GaI2A2I2AbL9A9I3L3F' +
  'uLdF2GaF18LeAcF10LkA3I2A3GaA3F3GaF10I2D9E1D1A5E17A2E3AgL3A1LlF4L1F6L1F2L3F1A5D5cL1sE1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D9E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D9E8D6A2E6A2D8E8D8E8D6A2E6A2D8A1E1A1E1A1E1A1E1D8E8DeA2D8E8D8E8D8E8D5A1D2E5A1D1A3D3A1D2E5A3D4A2D' +
  '2E4A4D8E5A5D3A1D2E5A3CbL5A3K2A3J8A4H1A3B2L5C1A9J2A1I2A7J2I3AlC1L5A1LaA1D1AbJ2D1AdJ2A1DdA1fLxAhE1' +
  'A4E1A2D1E3D2E3D1A1E1A3E5A6E1A1E1A1E1A1E4A1D1E4D1F4D1A2D2E2A5E1D4A4D1AhEgDgF3E1D1F4AanJ4AtJ2AazEq' +
  'DqAhqJeA27J2AvJaAb7JmA1rJ4AwJ2AeaE1cD1cE1D1E3D2E1D1E1D1E1D1E4D1E1D2E1D8E3D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D2A6E1D1E1D1L3E1D1A' +
  '5I3A4D12A1D1A5D1A2F1kA7F1AfL1FnA9F7A1F7A1F7A1F7A1F7A1F7A1F7A1F7A1LwJeAeJ2A2JaA4I1F1AcI1A5J1AgI2J' +
  '8AbnC1K1I1A2F3JaA2J8A1J3A1F9L6A1F5A2F5A4F2eA2L2A2F3A1F2iA1F4A5F17A1F2mAhFwA1cFgAe8F534A1sFh3hA1v' +
  'F1aA1I1F7hA1I2FgGaF2AkE1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1' +
  'D1E1D1E1D1E1D1E1D1F1L4A1LaA1F1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D3L2F28L2A1I' +
  '1A3I1AvF9A2E1D1E1D1E1D1E1D1E1D1E1D1E1D3E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E' +
  '1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1DaE1D1E1D1E2D1E1D1E1D1E1D1E1D1F' +
  '1A2E1D1E1D1F1E1D1E1D3E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E5D1E5D1E1D1E1D1E1D1E1D1E1D1E1D1E1D' +
  '1E4D1E1D1E2D1E1D1E1D1E1D1E1D1E1D1E1D1E1D1E1AkD4E1D1F1D3F7L1F3L1F4L1FnL5A4L1AjF1gA2I2A8L2F1eLiA8I' +
  '2GaA6LiF6A3F1A1F2L1GaFsL8A1I1FnLdAcFtA3L4F1bLeA7I2A5F1GaA6F5L1FaGaF5A1F15LeA9F3L1F8L2A2GaA3I3FnA' +
  '3F1L3F1eL1F1L3F2L2F5L2F1L1F1AoF3A2FbL5I2F3L2AaF6A2F6A2F6A9F7A1F7A1D17A1DeA6D28FzL8I1L2A2GaA6F8mc' +
  'AcFnA4F1dA6isFa6A2F2yA12D7AcD5A5F1L1FaA1FdA1F5A1F1A1F2A1F2A1F30AxFa3J2AgF1sA2F1iA14FcA4LgK2I1K1A' +
  '1I2J2A7LgA1K2A2JgA2J2A7K2H1A2K1I2K1J6A4K1AcF5A1F3rA2L1A1I1J1A4J3A2K2H1A1GaK2A3I1A1EqJ1A1J1A3DqJ1' +
  'A1J1A1J2I1J2K1A1F1kL2FvA3F6A2F6A2F6A2F3AsL3A4FcA1FqA1FjA1F2A1FfA2FeAyF3fA1xF1hA3sL1A3mFtA3F1dAfL' +
  '1AvFwAdFuA5F12L5A5FuA2F10A4F8A1F5A16E14D14F26A2GaA6E10A4D10A4F14A8F1gAcEbA1EfA1E7A1E2A1DbA1DfA1D' +
  '7A1D2A3F1gAcF8nA9FmAaF8AoD1F2D3A1D16A1D9A1xF6A2F1A1F18A1F2A3F1A2FnAaFnA9FvA1tFjA1F2AaFmAaFqA6FqA' +
  '12F1kA6F2A1sF1L3A1L2A5L4F4A1F3A1FtA2L3A4L1AmI2A8FtA3FtAzF8A1FsL2ApF1iAaFmAaFjAdFiA32F21A1jE1fAdD' +
  '1fAdF10L4A8GaA6GaF6EmA3L5A1F1DmA6yF16A1L2A3F2AgF6A1eL6FtAaF1A8FmLbA4I5AmFiL4I4A12FlArFnA9L3F1hLf' +
  'I2AtGaL1F2L2F1A9L4F19LbA2L1I4L1AaL1A2FpA7GaA6L3F10LeA1GaA1I3F1L2F1A8FzL1A2F1A9L3F1cLeF4I2A2L4I1L' +
  '2GaF1A1F1A1I2AwFiA1FpLcI2A1I2A1L1F2L1A1qF7A1F1A1F4A1FfA1FaI1A6F1bLcA5GaA6L4A1F8A2F2A2FmA1F7A1F2A' +
  '1F5A1L2F1L7A2L2A2L3A2F1A6L1A5F5L2A2L7A3L5AbFaA1F1A2F1A1F12A1F1L9A1L1A2L1A1L4A1L5F1L1F1I2AbL2AtF1' +
  'hLiF4I2A3GaA4L1F3AuF1cLkF2A1F1A8GaA4mF1bL7A2L9A1I2A5IfF4L2AyF1cLhI2A1F1AbGaA12F17LdF1A7GaA6GkAsF' +
  'rA2LfA4GaA2I3A1F7A55F18LfA2tEwDwGaAlF8A2F1A2F8A1F2A1FoL6A1L2A2L4F1L1F1L2I1A1I1A9GaA1yF8A2F13L7A2' +
  'L7F1A1F1L1ArF1LaF14L7F1L4A3I2A3L1A8F1LbF1aLgA1I2F1AiF21A2vL8A2gFxAfGaA6F9A1F11L8A1L8F1I2AdGaAoFu' +
  'A2LmA1LeA21F7A1F2A1F12L6A3L1A1L2A1L7F1L1A8GaA6F6A1F2A1FwL5A1L2A1L5F1A7GaA6F18A4GaA6uFjL4I2A7L2F1' +
  'L1FdA1FyL7A3L5I2AbGaL1A2dF1A27FpmA2uF33AhF5gA218F2pAfFtsLhF6LfAaF32zA5Fg7A5a1FuLiGaA1c6FftA7FvA1' +
  'GaA4I2F27A1GaA6FuA2L5I1AaF1cL7I2A7F4I1AbGaA9FlA5FjAc0F19A1I2GaA5iEwDwAoI1A7EpA2DpA18F23A4L1F1L1j' +
  'A7L4FdA1sF2A1F1L1AbL2F5A9F5p2A15FwA2pF37A6ppF4A1F7A1F2A1F83AfF1AtF3A2F1AeF4A8Fb0A1s4F2zA5FdA3F9A' +
  '7FaA3L2I1L4A37wGaAeeL1aA2LnAf2L5A3LmA2L7AuL4A44L3AcbEqDqEqD7A1DiEqDqE1A1E2A2E1A2E2A2E4A1E8D4A1D1' +
  'A1D7A1DbEqDqE2A1E4A2E8A1E7A1DqE2A1E4A1E5A1E1A3E7A1DqEqDqEqDqEqDqEqDqEqDqEqDsA2EpA1DpA1D6EpA1DpA1' +
  'D6EpA1DpA1D6EpA1DpA1D6EpA1DpA1D6E1D1A2G1eAe8L1jA4L1eA8L1AeL1A3I1AiL5A1LfAuoDaF1DkA6D6A5xL7A1LhA2' +
  'L7A1L2A1L5A5D1qAxL1A34F19A3L7F7A2GaA4F1A8xFuL1AhF18L4GaAd2FsL4GaA5yFuL2F1GaA5hFvA1F3L1F2L1F7L2F5' +
  'L1A8F2A68F7A1F4A1F2A1FfA1F5hAbL7A15EyDyL7F1A4GaAx2F4A1FrA1F2A1F1A2F1A1FaA1F4A1F1A1F1A6F1A4F1A1F1' +
  'A1F1A1F3A1F2A1F1A2F1A1F1A1F1A1F1A1F1A1F2A1F1A2F4A1F7A1F4A1F4A1F1A1FaA1FhA5F3A1F5A1FhAhgEqA6EqA6E' +
  'qA21yGaAsmFwyoAwF3dqA2F4geA2F5rlAfFhaA1wiFf2A15uF3t7A5F6juAf5vrL1AuL2oA3kL6oA47bk';

let runStarts: Int32Array | null = null;
let runClasses: Uint8Array | null = null;
function decodeTable(): void {
  const starts = new Int32Array(CLASS_TABLE.length);
  const classes = new Uint8Array(CLASS_TABLE.length);
  let runs = 0;
  let at = 0x80;
  for (let k = 0; k < CLASS_TABLE.length; ) {
    starts[runs] = at;
    classes[runs] = CLASS_TABLE.charCodeAt(k++) - 65;
    let len = 0;
    for (let c = CLASS_TABLE.charCodeAt(k); k < CLASS_TABLE.length && !(c >= 65 && c <= 76); c = CLASS_TABLE.charCodeAt(++k)) {
      len = len * 36 + (c <= 57 ? c - 48 : c - 87);
    }
    at += len;
    runs++;
  }
  runStarts = starts.subarray(0, runs);
  runClasses = classes.subarray(0, runs);
}

/** Class of a code point (binary search in the runs). */
function classOf(code: number): C {
  if (code < 128) return ASCII[code];
  if (!runStarts) decodeTable();
  const starts = runStarts!;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= code) lo = mid;
    else hi = mid - 1;
  }
  return runClasses![lo] as C;
}

/**
 * The classes of `s`, one per UTF-16 unit (a surrogate pair's second unit gets Ext, so it is
 * skipped like a combining mark and never starts or ends a rule).
 */
function classify(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 128) {
      out[i] = ASCII[code];
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      out[i] = classOf(s.codePointAt(i)!);
      out[++i] = C.Ext;
    } else {
      out[i] = classOf(code);
    }
  }
  return out;
}

/**
 * End offsets of the sentences of `s` (the last one is `s.length`); sentence k spans
 * [ends[k-1] ?? 0, ends[k]). Trailing closing punctuation and spaces stay with the sentence they
 * follow, as in ICU.
 */
export function sentenceEnds(s: string): number[] {
  const n = s.length;
  const cls = classify(s);
  const ends: number[] = [];
  // Next index at or after i that is not Extend/Format (SB5).
  const skipExt = (i: number) => {
    while (i < n && cls[i] === C.Ext) i++;
    return i;
  };
  for (let i = 0; i < n; i++) {
    const c = cls[i];
    if (c === C.Sep) {
      // SB3/SB4: break after a paragraph separator (CR × LF).
      let j = i + 1;
      if (s.charCodeAt(i) === 0x0d && s.charCodeAt(j) === 0x0a) j++;
      if (j < n) ends.push(j);
      i = j - 1;
      continue;
    }
    if (c !== C.ATerm && c !== C.STerm) continue;
    // The character before this terminator (for SB7), skipping Extend/Format backwards.
    let p = i - 1;
    while (p >= 0 && cls[p] === C.Ext) p--;
    const before = p >= 0 ? cls[p] : C.Other;
    let j = skipExt(i + 1);
    if (c === C.ATerm && j < n) {
      const next = cls[j];
      if (next === C.Numeric) continue; // SB6: "3.5"
      if (next === C.Upper && (before === C.Upper || before === C.Lower)) continue; // SB7: "U.S"
    }
    // SATerm Close* Sp*
    while (j < n && cls[j] === C.Close) j = skipExt(j + 1);
    while (j < n && cls[j] === C.Sp) j = skipExt(j + 1);
    if (j >= n) break;
    const next = cls[j];
    if (next === C.Sep) {
      // SB9/SB10 keep the separator with this sentence; SB4 breaks after it.
      let k = j + 1;
      if (s.charCodeAt(j) === 0x0d && s.charCodeAt(k) === 0x0a) k++;
      if (k < n) ends.push(k);
      i = k - 1;
      continue;
    }
    if (next === C.SContinue || next === C.ATerm || next === C.STerm) {
      i = j - 1; // SB8a: the next terminator is looked at on its own
      continue;
    }
    if (c === C.ATerm) {
      // SB8: no break if the next letter-ish character is lower case ("etc. and", "No. 5 is").
      let k = j;
      while (k < n) {
        const x = cls[k];
        if (x === C.OLetter || x === C.Upper || x === C.Lower || x === C.Sep || x === C.ATerm || x === C.STerm) break;
        k++;
      }
      if (k < n && cls[k] === C.Lower) {
        i = j - 1;
        continue;
      }
    }
    ends.push(j); // SB11
    i = j - 1;
  }
  if (n > 0) ends.push(n);
  return ends;
}
