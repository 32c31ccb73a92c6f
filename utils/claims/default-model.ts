/**
 * The committed claim model for the extension (the background scores pages' sentences with it),
 * decoded lazily and in pieces.
 *
 * `detect.ts` imports weights.json as a module, which the bundler turns into `JSON.parse` calls
 * that run whenever the bundle loads. Here the text comes from
 * weights-source.ts (a comment in the extension build: next to nothing to load), is parsed in the
 * first idle slice that needs it (one `JSON.parse`, ≈ 1–3 ms for 470 KB) and decoded by
 * `decodeModelSteps` in pieces. Same file, same decoder: the model is identical to
 * `getDefaultModel()`.
 */
import { decodeModelSteps, type ClaimModel, type WeightsFile } from './model';
import { claimWeightsText } from './weights-source';

let cached: ClaimModel | null = null;

/** Decodes the committed weights (once per page), yielding between pieces. */
export function* loadDefaultModel(): Generator<void, ClaimModel, void> {
  if (cached) return cached;
  const file = JSON.parse(claimWeightsText()) as WeightsFile;
  yield;
  const model = yield* decodeModelSteps(file);
  cached ??= model;
  return cached;
}

/** The committed model, decoded in one go (the background: no page is waiting on its thread). */
export function defaultModelNow(): ClaimModel {
  const steps = loadDefaultModel();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
