/**
 * Small, fast, non-cryptographic string hashes used for shingles and for deterministic ids.
 * Nothing here is a security boundary: ids derived from hashes only make re-imports idempotent.
 */

/** 32-bit FNV-1a over UTF-16 code units, with a final avalanche so low bits are usable. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3 fmix32: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit hashes in an order-sensitive way (for word bigrams). */
export function pair32(a: number, b: number): number {
  return mix32((Math.imul(a, 0x9e3779b1) ^ b) + 0x7f4a7c15);
}

/** 128 bits as four 32-bit lanes (cyrb128-style: four multiplicative lanes, cross-mixed). */
export function hash128(s: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function hashHex(s: string): string {
  return hash128(s).map(hex8).join('');
}

/**
 * A deterministic UUID for a foreign id (e.g. a Hypothesis id or an annotation IRI), so
 * importing the same file twice finds the same records. Version 8 ("custom", RFC 9562) because
 * it is neither random (v4) nor SHA-1 based (v5).
 */
export function uuidFromString(s: string): string {
  const h = hashHex(s);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
