/**
 * JSON parsing for untrusted files: size and nesting are checked before JSON.parse (so neither
 * the parser, the reviver nor our walkers can run out of stack), and the keys `__proto__`,
 * `constructor` and `prototype` are dropped by the reviver wherever they occur, so no later
 * spread, merge or Object.assign can reach a prototype through them.
 */
import { notice, type Notice } from './notice';

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type SafeJsonResult =
  | { ok: true; value: unknown; droppedKeys: number }
  | { ok: false; error: Notice };

/**
 * Depth of the deepest array/object, or `limit + 1` as soon as it is exceeded. Strings are
 * skipped with indexOf (most of a file is string content), so a 100 MB file takes ~0.1 s.
 * Also counts arrays and objects into `counter.containers`.
 */
export function jsonDepth(text: string, limit: number, counter?: { containers: number }): number {
  let depth = 0, max = 0, containers = 0;
  if (counter) counter.containers = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Find the closing quote: one preceded by an even number of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) {
          if (counter) counter.containers = containers;
          return max; // unterminated: JSON.parse reports it
        }
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      containers++;
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  if (counter) counter.containers = containers;
  return max;
}

/**
 * @param maxContainers bound on arrays + objects, so a file of millions of `{}` cannot exhaust
 *   memory in JSON.parse (our 100,000-note bundle has ~1.5 million).
 */
export function parseJsonSafely(text: string, maxChars: number, maxDepth: number, maxContainers = Infinity): SafeJsonResult {
  if (typeof text !== 'string') return { ok: false, error: notice('importFileNotText') };
  if (text.length > maxChars) return { ok: false, error: tooLarge(text.length, maxChars) };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { ok: false, error: notice('importFileEmpty') };
  const counter = { containers: 0 };
  if (jsonDepth(text, maxDepth, counter) > maxDepth) return { ok: false, error: notice('importFileTooDeep', maxDepth) };
  if (counter.containers > maxContainers) {
    return { ok: false, error: notice('importFileTooManyContainers', counter.containers, maxContainers) };
  }
  let dropped = 0;
  try {
    const value = mayHoldForbiddenKey(text)
      ? JSON.parse(text, (key, v) => {
          if (FORBIDDEN_KEYS.has(key)) {
            dropped++;
            return undefined;
          }
          return v;
        })
      : JSON.parse(text);
    return { ok: true, value, droppedKeys: dropped };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    // The parser's own words (the engine's language, usually English): a substitution.
    return { ok: false, error: notice('importFileNotJson', detail.slice(0, 160)) };
  }
}

/** A \u escape that decodes to "_" or a lower-case letter (a key could spell a forbidden name with it). */
const LETTER_ESCAPE_RE = /\\u00(?:5[fF]|[67][0-9a-fA-F])/;

/**
 * Whether the text can contain a forbidden key at all. A key is a string literal, so "__proto__"
 * must appear verbatim, or be spelled with \u escapes of "_" or letters (the only JSON escapes
 * that produce them). When neither occurs, the reviver (which doubles JSON.parse's time) is
 * skipped: the result is the same.
 */
export function mayHoldForbiddenKey(text: string): boolean {
  return text.includes('"__proto__"') || text.includes('"constructor"') || text.includes('"prototype"') || LETTER_ESCAPE_RE.test(text);
}

/** "50.0 MB", "12 KB". */
export function formatSize(chars: number): Notice {
  return chars >= 1024 * 1024 ? notice('importSizeMegabytes', (chars / 1024 / 1024).toFixed(1)) : notice('importSizeKilobytes', Math.ceil(chars / 1024));
}

/** "The file is too large (64.2 MB; at most 50.0 MB)." */
export const tooLarge = (size: number, max: number): Notice => notice('importFileTooLarge', formatSize(size), formatSize(max));
