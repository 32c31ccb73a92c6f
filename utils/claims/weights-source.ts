/**
 * The text of the committed claim weights (data/weights.json), read only when the model is
 * decoded.
 *
 * Why a comment: the bundle that carries the model (the background, which scores pages'
 * sentences) is compiled every time it starts, and V8 scans a 470 KB string literal char by char
 * (≈ 12 ms in Chromium, ≈ 22 ms as the template literal the minifier emits), inside the one task
 * that loads the script. A comment is skipped at
 * ≈ 0.7 ms. So in the extension build, weights-plugin.ts (wired in wxt.config.ts) empties the
 * `?raw` import below and writes the JSON into a comment in `holder`'s body; `toString()` returns
 * a function's source text, comments included (ECMAScript's Function.prototype.toString), and in
 * V8 that is a slice of the script's source, not a copy. Tests, tools and `wxt dev` without the
 * plugin read the `?raw` import instead.
 */
import raw from './data/weights.json?raw';

/** The plugin finds this function by its marker string (WEIGHTS_MARKER in weights-plugin.ts). */
export const holder = () => 'factmark:claim-weights';

/** The weights JSON text. */
export function claimWeightsText(): string {
  const source = holder.toString();
  const open = source.indexOf('/*');
  if (open >= 0) return source.slice(open + 2, source.lastIndexOf('*/'));
  // Node loaders that ignore `?raw` (tsx) give the parsed JSON.
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
