import { describe, expect, it } from 'vitest';
import { inlineStylesheetLinks } from '@/utils/build/inline-stylesheets';

const html = `<head>
    <script type="module" crossorigin src="/chunks/popup-1.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/shared-2.css">
    <link rel="stylesheet" href="/assets/popup-3.css">
    <link rel="stylesheet" crossorigin href="/assets/missing.css">
  </head>`;

describe('inlineStylesheetLinks', () => {
  const css: Record<string, string> = { 'assets/shared-2.css': ':root{--a:1}', 'assets/popup-3.css': 'body{width:400px}' };

  it('replaces each linked stylesheet it has with a <style> holding it, in order, and keeps the scripts', () => {
    const out = inlineStylesheetLinks(html, (p) => css[p]);
    expect(out).toContain('<style>:root{--a:1}</style>');
    expect(out.indexOf(':root{--a:1}')).toBeLessThan(out.indexOf('body{width:400px}'));
    expect(out).toContain('<script type="module" crossorigin src="/chunks/popup-1.js"></script>');
    expect(out).not.toContain('href="/assets/shared-2.css"');
  });

  it('keeps the link of a stylesheet it does not have, or one whose text would close the element', () => {
    const out = inlineStylesheetLinks(html, (p) => (p === 'assets/popup-3.css' ? 'a{content:"</style><script>x</script>"}' : css[p]));
    expect(out).toContain('<link rel="stylesheet" crossorigin href="/assets/missing.css">');
    expect(out).toContain('<link rel="stylesheet" href="/assets/popup-3.css">');
    expect(out).not.toContain('<script>x</script>');
  });
});
