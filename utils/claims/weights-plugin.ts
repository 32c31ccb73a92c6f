/**
 * Build step (a Vite plugin, used by wxt.config.ts) that ships the claim weights in a comment
 * instead of a string literal; weights-source.ts says why and reads them back.
 *
 * Two hooks: `load` turns the `data/weights.json?raw` import into an empty string, so the text is
 * not bundled as a literal, and `generateBundle` (after minification, which would drop comments)
 * replaces the marker string in weights-source.ts's `holder` with the JSON in a comment. A build
 * that loaded the weights but lost the marker fails rather than ship a background without a
 * model. Runs in Node (the WXT config), never in the extension.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** The string in `holder` (weights-source.ts) that the JSON replaces. */
export const WEIGHTS_MARKER = 'factmark:claim-weights';
const MARKER_RE = new RegExp(`(["'\`])${WEIGHTS_MARKER}\\1`, 'g');

export function claimWeightsInComment(): Plugin {
  let text: string | null = null;
  return {
    name: 'factmark:claim-weights-in-comment',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      text = null;
    },
    load(id) {
      const [path, query] = id.split('?');
      if (query !== 'raw' || !path.replace(/\\/g, '/').endsWith('/utils/claims/data/weights.json')) return null;
      text = readFileSync(path, 'utf8').trim();
      return 'export default "";';
    },
    generateBundle(_options, bundle) {
      let placed = false;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = putWeightsInComment(chunk.code, text, chunk.fileName);
        placed ||= code !== chunk.code;
        chunk.code = code;
      }
      if (text !== null && !placed) this.error('claim weights were emptied but their marker is missing from the bundle');
    },
  };
}

/** `code` with the marker literal replaced by `/*<weights>*\/0`; unchanged when it has no marker. */
export function putWeightsInComment(code: string, weights: string | null, fileName = 'chunk'): string {
  const found = code.match(MARKER_RE)?.length ?? 0;
  if (found === 0) return code;
  if (found > 1) throw new Error(`${fileName}: the claim-weights marker appears ${found} times`);
  if (weights === null) throw new Error(`${fileName}: claim-weights marker found, but weights.json?raw was not loaded`);
  if (weights.includes('*/')) throw new Error('claim weights contain "*/" and cannot sit in a comment');
  return code.replace(MARKER_RE, () => `/*${weights}*/0`);
}
