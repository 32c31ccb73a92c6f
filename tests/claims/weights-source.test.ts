/**
 * The weights in a comment (weights-source.ts + weights-plugin.ts): the build step puts the very
 * text of weights.json into `holder`, and reading it back gives that text, so the extension's
 * model is the committed one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putWeightsInComment, WEIGHTS_MARKER } from '../../utils/claims/weights-plugin';
import { claimWeightsText, holder } from '../../utils/claims/weights-source';

const WEIGHTS = readFileSync(resolve(import.meta.dirname, '../../utils/claims/data/weights.json'), 'utf8').trim();

/** What the minifier leaves of `holder` and a call of `claimWeightsText`, as in the built bundle. */
function bundle(quote: string): string {
  return `var a=()=>${quote}${WEIGHTS_MARKER}${quote};function t(){let e=a.toString(),n=e.indexOf("/*");return e.slice(n+2,e.lastIndexOf("*/"))}globalThis.__out=t();`;
}

describe('claim weights in a comment', () => {
  it('holder carries the marker the plugin looks for', () => {
    expect(holder.toString()).toContain(WEIGHTS_MARKER);
  });

  it('reads back the exact weights text from the rewritten bundle, whatever quotes the minifier chose', () => {
    for (const quote of ['`', '"', "'"]) {
      const code = putWeightsInComment(bundle(quote), WEIGHTS);
      expect(code).not.toContain(WEIGHTS_MARKER);
      const g = globalThis as { __out?: string };
      new Function(code)();
      expect(g.__out).toBe(WEIGHTS);
      delete g.__out;
    }
  });

  it('leaves other chunks alone and refuses what it cannot place safely', () => {
    expect(putWeightsInComment('var x=1;', null)).toBe('var x=1;');
    expect(() => putWeightsInComment(bundle('"'), null)).toThrow(/not loaded/);
    expect(() => putWeightsInComment(bundle('"') + bundle('"'), WEIGHTS)).toThrow(/2 times/);
    expect(() => putWeightsInComment(bundle('"'), '{"a":"*/"}')).toThrow(/\*\//);
  });

  it('without the build step (tests, tools) reads the ?raw import: the same text', () => {
    expect(JSON.parse(claimWeightsText())).toEqual(JSON.parse(WEIGHTS));
  });
});
