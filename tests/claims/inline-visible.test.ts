/**
 * `inlineVisible` (article-root.ts) answers what Readability-readerable's default visibility check
 * answers from `node.style`, without building a style object per paragraph: checked against a
 * real CSS parser (jsdom's CSSStyleDeclaration) on the cases pages write.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { inlineVisible } from '@/utils/claims/article-root';

/** Readability-readerable's isNodeVisible, as written there. */
function readabilityVisible(node: HTMLElement): boolean {
  return (
    (!node.style || node.style.display != 'none') &&
    !node.hasAttribute('hidden') &&
    (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') != 'true' || (!!node.className && node.className.includes('fallback-image')))
  );
}

const CASES = [
  '<p>plain</p>',
  '<p style="display:none">x</p>',
  '<p style="display: none;">x</p>',
  '<p style="DISPLAY : NONE">x</p>',
  '<p style="color: red; display:none !important">x</p>',
  '<p style="display:none; display:block">x</p>',
  '<p style="display:block; display:none">x</p>',
  '<p style="display:flex">x</p>',
  '<p style="--display: none">x</p>',
  '<p style="visibility:hidden">x</p>',
  '<p style="">x</p>',
  '<p hidden>x</p>',
  '<p aria-hidden="true">x</p>',
  '<p aria-hidden="false">x</p>',
  '<p aria-hidden="true" class="lazy fallback-image">x</p>',
  '<article style="display:none" aria-hidden="true">x</article>',
  '<pre style="margin:0">x</pre>',
];

describe('inlineVisible', () => {
  it.each(CASES)('agrees with Readability-readerable on %s', (html) => {
    const el = new JSDOM(`<body>${html}</body>`).window.document.body.firstElementChild as HTMLElement;
    expect(inlineVisible(el)).toBe(readabilityVisible(el));
  });

  it('covers both answers', () => {
    const answers = CASES.map((html) => inlineVisible(new JSDOM(`<body>${html}</body>`).window.document.body.firstElementChild!));
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });
});
