/**
 * The only code that paints: CSS Custom Highlight API, one named highlight per kind. The page's
 * DOM is never changed, so page scripts, frameworks and text re-layout are unaffected. Styles are
 * the `::highlight()` rules in the content script's manifest CSS, which page CSP cannot block.
 *
 * Ranges are kept per owner (note id, claim id) so one can be repainted or removed alone.
 */
import { ALL_HIGHLIGHT_NAMES } from './names';

interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  clear(): void;
  priority: number;
}
interface HighlightRegistryLike {
  set(name: string, h: HighlightLike): unknown;
  get(name: string): HighlightLike | undefined;
  delete(name: string): unknown;
}

/** Captured at load, before page scripts can replace them on `window`. */
export interface HighlightApi {
  registry: HighlightRegistryLike;
  Highlight: new () => HighlightLike;
}

export function highlightApi(win: typeof globalThis = globalThis): HighlightApi | null {
  const css = (win as { CSS?: { highlights?: HighlightRegistryLike } }).CSS;
  const Highlight = (win as { Highlight?: new () => HighlightLike }).Highlight;
  if (!css?.highlights || typeof Highlight !== 'function') return null;
  return { registry: css.highlights, Highlight };
}

/** Later names win where ranges overlap: the reader's verdicts over detected claims. */
const PRIORITY: Record<string, number> = { 'factmark-claim': 0, 'factmark-editing': 30, 'factmark-flash': 40 };
const priorityOf = (name: string) =>
  PRIORITY[name] ?? (name.startsWith('factmark-known-') ? 10 : name.startsWith('factmark-note-') ? 20 : 0);

export class Painter {
  private readonly owned = new Map<string, { name: string; ranges: AbstractRange[] }>();
  private readonly highlights = new Map<string, HighlightLike>();

  constructor(private readonly api: HighlightApi) {
    for (const name of ALL_HIGHLIGHT_NAMES) this.ensure(name);
  }

  private ensure(name: string): HighlightLike {
    let h = this.highlights.get(name);
    if (!h) {
      h = new this.api.Highlight();
      h.priority = priorityOf(name);
      this.highlights.set(name, h);
    }
    // Re-register when a page removed it from the shared registry.
    if (this.api.registry.get(name) !== h) this.api.registry.set(name, h);
    return h;
  }

  /** Paints `ranges` under highlight `name` for `owner`, replacing what the owner had. */
  paint(owner: string, name: string, ranges: AbstractRange[]): void {
    this.remove(owner);
    const h = this.ensure(name);
    for (const r of ranges) h.add(r);
    this.owned.set(owner, { name, ranges });
  }

  remove(owner: string): void {
    const prev = this.owned.get(owner);
    if (!prev) return;
    const h = this.highlights.get(prev.name);
    for (const r of prev.ranges) h?.delete(r);
    this.owned.delete(owner);
  }

  /** Removes every owner whose id starts with `prefix` (e.g. all claims). */
  removeAll(prefix = ''): void {
    for (const owner of [...this.owned.keys()]) if (owner.startsWith(prefix)) this.remove(owner);
  }

  rangesOf(owner: string): AbstractRange[] {
    return this.owned.get(owner)?.ranges ?? [];
  }

  owners(prefix = ''): string[] {
    return [...this.owned.keys()].filter((o) => o.startsWith(prefix));
  }

  /** Re-registers names a page script deleted from the shared registry. */
  reassert(): void {
    for (const name of this.highlights.keys()) this.ensure(name);
  }

  dispose(): void {
    this.owned.clear();
    for (const [name, h] of this.highlights) {
      h.clear();
      if (this.api.registry.get(name) === h) this.api.registry.delete(name);
    }
    this.highlights.clear();
  }
}
