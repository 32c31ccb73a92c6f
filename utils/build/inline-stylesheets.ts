/**
 * Build step (a Vite plugin, used by wxt.config.ts): the popup's stylesheets are written into its
 * HTML instead of linked. Every file an extension page loads is a request the browser process
 * serves before the page can paint; the popup is opened often and judged by how fast it shows,
 * and inlining its two small stylesheets measured 7–21 ms earlier first paints in
 * bench/library-browser.ts (same run, interleaved with the linked version). The CSS files stay
 * in the build for the other pages that link them. Extension pages' CSP restricts scripts, not
 * inline styles. Runs in Node (the WXT config), never in the extension.
 */
import type { Plugin } from 'vite';

const LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g;

/** `html` with each linked stylesheet that `cssOf` knows replaced by a <style> element holding it. */
export function inlineStylesheetLinks(html: string, cssOf: (path: string) => string | undefined): string {
  return html.replace(LINK, (link, path: string) => {
    const css = cssOf(path);
    // Text that would end the element early stays linked.
    return css === undefined || /<\/style/i.test(css) ? link : `<style>${css}</style>`;
  });
}

/** `pages`: the HTML files as the bundle names them (WXT moves `entrypoints/popup/index.html` to `popup.html` afterwards). */
export function inlineStylesheets(pages: readonly string[]): Plugin {
  return {
    name: 'factmark:inline-stylesheets',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !pages.includes(file.fileName)) continue;
        file.source = inlineStylesheetLinks(String(file.source), (path) => {
          const css = bundle[path];
          return css?.type === 'asset' ? String(css.source) : undefined;
        });
      }
    },
  };
}
