/**
 * The few built-ins the in-page UI depends on, captured once when the content script starts.
 *
 * Honest scope: in Chromium the content script runs in an isolated world and in Firefox behind
 * Xray wrappers, so a page that replaces `Range.prototype.getClientRects`, `window.getSelection`
 * or `Element.prototype.attachShadow` in its own world does not reach us anyway (the hostile-page
 * browser test checks exactly that). Capturing them still pins down what we call, keeps a
 * broken or monkey-patched copy in *our* world (a bundled library, a future change to a main-world
 * script) from slipping in, and makes the dependency list explicit. Call `capturePristine()` from
 * `main()` only: WXT evaluates entrypoint modules in Node at build time, where there is no DOM.
 */

interface Pristine {
  getSelection: () => Selection | null;
  clientRects: (range: Range) => DOMRectList;
  boundingRect: (range: Range) => DOMRect;
  attachShadow: (el: Element, init: ShadowRootInit) => ShadowRoot;
}

let captured: Pristine | null = null;

export function capturePristine(win: Window & typeof globalThis = window): void {
  if (captured) return;
  const getSelection = win.getSelection;
  const rects = win.Range.prototype.getClientRects;
  const bounds = win.Range.prototype.getBoundingClientRect;
  const attach = win.Element.prototype.attachShadow;
  captured = {
    getSelection: () => getSelection.call(win),
    clientRects: (range) => rects.call(range),
    boundingRect: (range) => bounds.call(range),
    attachShadow: (el, init) => attach.call(el, init),
  };
}

/** The captured built-ins (captured on first use when `capturePristine` was not called, e.g. in tests). */
export function pristine(): Pristine {
  if (!captured) capturePristine();
  return captured!;
}
