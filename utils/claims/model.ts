/**
 * The check-worthiness model at run time: decoding the committed weights file and scoring one
 * sentence. Named-cue weights are kept as floats; the 2^18 hashed n-gram weights are int8 with one
 * scale (quantised by scripts/train-claims.ts), which keeps the bundle small and the lookups cheap.
 */
import { createBuffers, extractFeatures, HASH_BITS, HASH_SIZE, NAMED, NAMED_COUNT, type FeatureBuffers } from './features';

/** The JSON written by `npm run train:claims` (utils/claims/data/weights.json). */
export interface WeightsFile {
  format: 'factmark-claims/1';
  hashBits: number;
  /** Default decision threshold, as a probability. */
  threshold: number;
  /** Float weights of the named cues, in the order of `names`. */
  names: string[];
  named: number[];
  /** Hashed weights = int8 * scale; `hashed` is base64 of HASH_SIZE bytes. */
  scale: number;
  hashed: string;
  /** Provenance (data, options, cross-validated metrics); not used for scoring. */
  meta?: Record<string, unknown>;
}

export interface ClaimModel {
  threshold: number;
  named: Float32Array;
  hashed: Int8Array;
  scale: number;
}

function base64ToBytes(b64: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function decodeModel(file: WeightsFile): ClaimModel {
  if (file.format !== 'factmark-claims/1' || file.hashBits !== HASH_BITS) {
    throw new Error(`claim weights do not match this code (format ${file.format}, ${file.hashBits} hash bits)`);
  }
  const named = new Float32Array(NAMED_COUNT);
  NAMED.forEach(([name], i) => {
    const j = file.names.indexOf(name);
    named[i] = j >= 0 ? file.named[j] : 0;
  });
  const bytes = base64ToBytes(file.hashed);
  if (bytes.length !== HASH_SIZE) throw new Error('claim weights: wrong table size');
  return { threshold: file.threshold, named, hashed: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), scale: file.scale };
}

const sharedBuf = createBuffers();

/** Raw linear score (log-odds) of one sentence. */
export function logit(model: ClaimModel, sentence: string, buf: FeatureBuffers = sharedBuf): number {
  const n = extractFeatures(sentence, buf);
  const { ids, values } = buf;
  const { named, hashed } = model;
  let zNamed = 0;
  let zHashed = 0;
  for (let k = 0; k < n; k++) {
    const id = ids[k];
    if (id < NAMED_COUNT) zNamed += named[id] * values[k];
    else zHashed += hashed[id - NAMED_COUNT] * values[k];
  }
  return zNamed + zHashed * model.scale;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Probability that `sentence` is a check-worthy factual claim. */
export function score(model: ClaimModel, sentence: string): number {
  return sigmoid(logit(model, sentence));
}

/**
 * Human-readable reasons: the named cues that pushed this sentence's score up the most
 * ("a figure", "an attribution" …), strongest first, without repeats.
 */
export function reasons(model: ClaimModel, sentence: string, max = 3, buf: FeatureBuffers = sharedBuf): string[] {
  const n = extractFeatures(sentence, buf);
  const found: { reason: string; weight: number }[] = [];
  for (let k = 0; k < n; k++) {
    const id = buf.ids[k];
    if (id >= NAMED_COUNT) break; // named cues come first
    const reason = NAMED[id][1];
    const weight = model.named[id] * buf.values[k];
    if (reason && weight > 0.05) found.push({ reason, weight });
  }
  found.sort((a, b) => b.weight - a.weight);
  const out: string[] = [];
  for (const f of found) if (!out.includes(f.reason) && out.length < max) out.push(f.reason);
  return out;
}
