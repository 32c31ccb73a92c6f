/**
 * The committed claim model for the content script, decoded lazily and in pieces.
 *
 * `detect.ts` imports weights.json as a module, which the bundler turns into `JSON.parse` calls
 * that run when the content script loads, on every page. Here the file is bundled as its raw text
 * instead (a string literal costs next to nothing to load), parsed in the first idle slice that
 * needs it (one `JSON.parse`, ≈ 1–3 ms for 470 KB) and decoded by `decodeModelSteps` in 64 K-entry
 * pieces. Same file, same decoder: the model is identical to `getDefaultModel()`.
 */
import raw from './data/weights.json?raw';
import { decodeModelSteps, type ClaimModel, type WeightsFile } from './model';

let cached: ClaimModel | null = null;

/** Decodes the committed weights (once per page), yielding between pieces. */
export function* loadDefaultModel(): Generator<void, ClaimModel, void> {
  if (cached) return cached;
  // Vite gives the text; Node loaders that ignore `?raw` (tsx) give the parsed JSON.
  const file = (typeof raw === 'string' ? JSON.parse(raw) : raw) as WeightsFile;
  yield;
  const model = yield* decodeModelSteps(file);
  cached ??= model;
  return cached;
}
