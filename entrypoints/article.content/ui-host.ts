/**
 * A host element for in-page UI with a *closed* shadow root: page scripts cannot reach into it and
 * page CSS cannot style it. Own code rather than WXT's createShadowRootUi because the UI must also
 * survive pages that
 *  - apply `* { all: unset !important }`: the host's own box is set with inline `!important`
 *    declarations (element-attached styles beat every selector at equal importance);
 *  - send `style-src 'none'`: styles go in through CSSOM (a constructable sheet adopted by the
 *    shadow root, `el.style.setProperty`), which CSP does not govern, instead of <style>/<link>;
 *  - re-render <body>: hosts hang off <html>, outside the article's text and the page's app root.
 * Hosts are created lazily, the first time a toolbar, editor or card is shown.
 */
import { render, type ComponentChild } from 'preact';
import { PAGE_CSS } from '@/components/page/page-css';
import { pristine } from './pristine';

export const HOST_TAG = 'factmark-ui';

let sheet: CSSStyleSheet | null | undefined;
const hosts = new WeakSet<Node>();

function sharedSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(PAGE_CSS);
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

const HOST_BASE: [string, string][] = [
  // `all` first: later longhands override what it reset.
  ['all', 'initial'],
  ['position', 'fixed'],
  ['z-index', '2147483647'],
  ['display', 'block'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['transform', 'none'],
  ['filter', 'none'],
  ['pointer-events', 'auto'],
  ['overflow', 'visible'],
];

export interface Position {
  left: number;
  top?: number;
  bottom?: number;
  width?: number;
}

export class UiHost {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;

  constructor(part: string, doc: Document = document) {
    this.host = doc.createElement(HOST_TAG);
    this.host.setAttribute('data-part', part);
    hosts.add(this.host);
    for (const [k, v] of HOST_BASE) this.host.style.setProperty(k, v, 'important');
    this.hide();
    this.root = pristine().attachShadow(this.host, { mode: 'closed' });
    const s = sharedSheet();
    let adopted = false;
    if (s) {
      try {
        this.root.adoptedStyleSheets = [s];
        adopted = this.root.adoptedStyleSheets.length === 1;
      } catch {
        // Firefox content scripts may refuse a sheet built in the sandbox: fall back to <style>.
      }
    }
    if (!adopted) {
      const style = doc.createElement('style');
      style.textContent = PAGE_CSS;
      this.root.append(style);
    }
    // Keys typed into our fields are not the page's business (site shortcuts on "j", "/"...).
    for (const type of ['keydown', 'keyup', 'keypress', 'input']) {
      this.root.addEventListener(type, (e) => e.stopPropagation());
    }
  }

  /** Renders `vnode` into the shadow root and shows the host at `pos`. */
  show(vnode: ComponentChild, pos: Position): void {
    if (!this.host.isConnected) (document.documentElement ?? document).append(this.host);
    this.place(pos);
    // Visible before rendering, so components can move focus in during their first render.
    this.host.style.setProperty('display', 'block', 'important');
    render(vnode, this.root);
  }

  place(pos: Position): void {
    const set = (k: string, v: string) => this.host.style.setProperty(k, v, 'important');
    set('left', `${Math.round(pos.left)}px`);
    if (pos.top !== undefined) {
      set('top', `${Math.round(pos.top)}px`);
      set('bottom', 'auto');
    } else {
      set('bottom', `${Math.round(pos.bottom ?? 0)}px`);
      set('top', 'auto');
    }
    set('width', pos.width ? `${Math.round(pos.width)}px` : 'auto');
  }

  hide(): void {
    this.host.style.setProperty('display', 'none', 'important');
  }

  get visible(): boolean {
    return this.host.isConnected && this.host.style.getPropertyValue('display') !== 'none';
  }

  /** True when focus is inside this host's shadow root. */
  get hasFocus(): boolean {
    return document.activeElement === this.host;
  }

  /** Unmounts the UI (runs component cleanups) and hides the host. */
  clear(): void {
    render(null, this.root);
    this.hide();
  }

  destroy(): void {
    render(null, this.root);
    this.host.remove();
  }
}

/** True for the hosts this content script created (and only them). */
export function isUiHost(node: Node | null | undefined): boolean {
  return !!node && hosts.has(node);
}
