/**
 * The scorer's fast paths (issue 4) give the very same logits as the in-place reads the content
 * script starts with: tables decoded after enough lookups (`countReads`), remembered vocabulary
 * rows, the per-token table and hand-written tokenizer of features.ts. And the logits themselves
 * are the recorded ones.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import weights from '../../utils/claims/data/weights.json';
import { createBuffers, extractFeatures, lastTokens, tokenEnd } from '../../utils/claims/features';
import { decodeCoded, decodeModel, logitParts, parts, type ClaimModel, type WeightsFile } from '../../utils/claims/model';
import { segmentSentences } from '../../utils/claims/segment';
import { SHARED_DIR } from '../shared-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = segmentSentences(readFileSync(resolve(ROOT, 'tests/fixtures/seed-article/article.txt'), 'utf8')).map((s) => s.text);
/** Edge cases of the tokenizer, the lower-casing and the n-gram loops. */
const EXTRA = [
  '',
  '   ',
  'İstanbul’s mayor said 1,200 people didn’t vote in 2019.',
  'We’ll cut taxes by 5% next year!',
  'O’Brien’s ’90s hits: 3.5 million barrels at 12:30, $5 a pound, £4.2bn, €7.',
  'Über café naïve résumé ÀÉÎ — “quoted”, "plain" and it\'s fine?',
  'a\tb\nc\rd 100% 🙂 ok',
  'Unemployment fell 3 per cent last year, according to the ONS, more than the 2.1% forecast.',
  `${'The council said the budget of $400 million would add 1,200 teachers by 2025, '.repeat(9)}end.`,
  'Why would anyone believe that? I think we’re going to win.',
];
const DEV = resolve(SHARED_DIR, 'claims/ct24_english_dev.tsv');
const CT24 = existsSync(DEV) ? readFileSync(DEV, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean) : [];

function freshModel(): ClaimModel {
  return decodeModel(weights as WeightsFile);
}

/** A model that never leaves the in-place reads. */
function slowModel(): ClaimModel {
  const m = freshModel();
  m.hashed.budget = Infinity;
  m.dense!.table.budget = Infinity;
  return m;
}

/** A model with both tables decoded up front. */
function fastModel(): ClaimModel {
  const m = freshModel();
  decodeCoded(m.hashed);
  decodeCoded(m.dense!.table);
  return m;
}

/** [logit, linear, dense] of each sentence. */
function scores(model: ClaimModel, sentences: string[]): Float64Array {
  const out = new Float64Array(sentences.length * 3);
  sentences.forEach((s, i) => {
    out[3 * i] = logitParts(model, s);
    out[3 * i + 1] = parts[0];
    out[3 * i + 2] = parts[1];
  });
  return out;
}

function digest(a: Float64Array): string {
  return createHash('sha256').update(new Uint8Array(a.buffer)).digest('hex');
}

/**
 * Logits of SEED + EXTRA as recorded before the fast paths (commit 84bd391's scorer), for the
 * committed weights. Retraining changes them: record the new digest (and the weights') then.
 */
const WEIGHTS_SHA256 = '173feaff0a29884bfdd43862a5d0a168d1c1d727237eeaa42a6c9914e9e26871';
const LOGITS_SHA256 = 'a591b311e3f10d102794f05c520fd5bfa132918e4a15f3db27111fc2893b1302';

describe('claim scorer: fast and in-place paths', () => {
  const sentences = [...SEED, ...EXTRA, ...CT24];

  it('decoded tables give the logits of in-place reads, to the last bit', () => {
    const slow = slowModel();
    const fast = fastModel();
    // Twice: the second pass meets every token in the caches.
    for (let pass = 0; pass < 2; pass++) {
      const a = scores(slow, sentences);
      const b = scores(fast, sentences);
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, b[i]]).toEqual([i, a[i]]);
    }
    expect(slow.hashed.ints).toBeNull();
    expect(slow.dense!.table.ints).toBeNull();
  });

  it('decodes a table in chunks once its lookups add up to its size, without changing a score', () => {
    const sentences = [...SEED, ...EXTRA];
    const expected = Array.from(scores(slowModel(), sentences));
    const m = freshModel();
    expect(m.hashed.budget).toBe(m.hashed.length);
    m.hashed.budget = 5_000;
    m.dense!.table.budget = 2_000;
    for (let pass = 0; pass < 40 && !(m.hashed.ints && m.dense!.table.ints); pass++) {
      expect(Array.from(scores(m, sentences))).toEqual(expected);
      if (pass === 0) expect(m.hashed.decoded).toBeGreaterThan(0);
    }
    const full = fastModel();
    expect(Buffer.compare(Buffer.from(m.hashed.ints!.buffer), Buffer.from(full.hashed.ints!.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(m.dense!.table.ints!.buffer), Buffer.from(full.dense!.table.ints!.buffer))).toBe(0);
    expect(Array.from(scores(m, sentences))).toEqual(expected);
  });

  it('gives the recorded logits', () => {
    const raw = readFileSync(resolve(ROOT, 'utils/claims/data/weights.json'));
    const weightsSha = createHash('sha256').update(raw).digest('hex');
    if (weightsSha !== WEIGHTS_SHA256) {
      console.warn(`scorer-paths: weights.json changed (${weightsSha}); record LOGITS_SHA256 for it`);
      return;
    }
    expect(digest(scores(slowModel(), [...SEED, ...EXTRA]))).toBe(LOGITS_SHA256);
    expect(digest(scores(fastModel(), [...SEED, ...EXTRA]))).toBe(LOGITS_SHA256);
  });

  it('extracts the same features for a token met for the first time and met again', () => {
    const s = 'Zorblat’s Quuxville council said 12,345 fribbles cost $7.5bn in 2031, up 4% — “flurb”.';
    const a = createBuffers();
    const b = createBuffers();
    const n = extractFeatures(s, a);
    expect(extractFeatures(s, b)).toBe(n);
    expect(Array.from(b.ids.slice(0, n))).toEqual(Array.from(a.ids.slice(0, n)));
    expect(Array.from(b.values.slice(0, n))).toEqual(Array.from(a.values.slice(0, n)));
  });
});

describe('tokenizer', () => {
  const TOKEN_RE = /[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*%?|[$£€%?!"“”]/g;

  it('finds the matches of the token regular expression', () => {
    const chars = ['a', 'Z', 'é', 'İ', '×', 'ɏ', 'ɐ', '0', '9', "'", '’', '.', ',', ':', '%', '$', '£', '€', '?', '!', '"', '“', '”', ' ', '-', '\n', '🙂', 'ß'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const texts = [...SEED, ...EXTRA, ...CT24.slice(0, 300)];
    for (let k = 0; k < 3000; k++) texts.push(Array.from({ length: 1 + rnd(24) }, () => chars[rnd(chars.length)]).join(''));
    const buf = createBuffers();
    for (const text of texts) {
      const expected = [...text.slice(0, 600).matchAll(TOKEN_RE)].map((m) => m[0]);
      const found: string[] = [];
      const codes = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      for (let i = 0; i < text.length; ) {
        const end = tokenEnd(codes, text.length, i);
        if (end < 0) i++;
        else (found.push(text.slice(i, end)), (i = end));
      }
      expect(found, text).toEqual([...text.matchAll(TOKEN_RE)].map((m) => m[0]));
      extractFeatures(text, buf);
      expect(lastTokens, text).toEqual(expected.map((t) => t.toLowerCase().replace('’', "'")));
    }
  });
});
