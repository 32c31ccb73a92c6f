/**
 * Tells the page session that the page's text may have changed, so orphans can be re-tried and
 * painted ranges that collapsed or were detached can be re-anchored. Bounded cost, in the spirit
 * of uBlock Origin's domWatcher: the observer callback only filters records; the work runs later
 * on a timer, at most once per `minIntervalMs`, and bursts of mutations coalesce into one pass.
 *
 * Mutations inside (or of) the extension's own UI hosts are ignored, so showing a toolbar never
 * triggers a re-anchor. The session stops the watcher when there is nothing to watch for.
 */

export interface DomWatcherOptions {
  /** Usually `document.documentElement`. */
  root: Node;
  /**
   * The re-anchor pass. May return the minimum delay (ms) before the next pass, e.g. a longer one
   * after a pass that found nothing new (back-off on pages that mutate constantly).
   */
  onChange: () => number | void;
  /** True for the extension's own UI hosts: mutations of or inside them are ignored. */
  isOwnNode?: (node: Node) => boolean;
  /** Quiet time after the last mutation before a pass (a burst becomes one pass). Default 100 ms. */
  debounceMs?: number;
  /** At most one pass per this many ms. Default 500 ms. */
  minIntervalMs?: number;
  /** A page that never stops mutating still gets a pass this long after a burst began. Default 1000 ms. */
  maxWaitMs?: number;
  /** Injected for tests. */
  createObserver?: (cb: MutationCallback) => Pick<MutationObserver, 'observe' | 'disconnect' | 'takeRecords'>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class DomWatcher {
  private observer: Pick<MutationObserver, 'observe' | 'disconnect' | 'takeRecords'> | null = null;
  private timer: unknown = null;
  private nextAllowed = 0;
  private lastMutation = 0;
  private burstStart: number | null = null;
  private readonly o: Required<Omit<DomWatcherOptions, 'isOwnNode'>> & Pick<DomWatcherOptions, 'isOwnNode'>;

  constructor(options: DomWatcherOptions) {
    this.o = {
      debounceMs: 100,
      minIntervalMs: 500,
      maxWaitMs: 1000,
      createObserver: (cb) => new MutationObserver(cb),
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get active(): boolean {
    return this.observer !== null;
  }

  /** Starts observing (idempotent). */
  start(): void {
    if (this.observer) return;
    this.observer = this.o.createObserver((records) => this.onRecords(records));
    this.observer.observe(this.o.root, { childList: true, subtree: true, characterData: true });
  }

  /** Stops observing and drops a pending pass (idempotent). */
  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
    this.burstStart = null;
  }

  /** Exposed for tests: the filtering step of the observer callback. */
  isRelevant(record: Pick<MutationRecord, 'type' | 'target' | 'addedNodes' | 'removedNodes'>): boolean {
    const own = this.o.isOwnNode;
    if (!own) return true;
    if (insideOwn(record.target, own)) return false;
    if (record.type !== 'childList') return true;
    const changed = [...record.addedNodes, ...record.removedNodes];
    // A childList record that only added/removed our own hosts is ours.
    return changed.length === 0 ? false : changed.some((n) => !own(n));
  }

  private onRecords(records: MutationRecord[]): void {
    if (!records.some((r) => this.isRelevant(r))) return;
    const now = this.o.now();
    this.lastMutation = now;
    if (this.burstStart === null) this.burstStart = now;
    this.schedule();
  }

  /** When the next pass is due: after a quiet moment (or the burst's max wait), never before the allowed slot. */
  private dueAt(): number {
    const quiet = this.lastMutation + this.o.debounceMs;
    const capped = this.burstStart === null ? quiet : Math.min(quiet, this.burstStart + this.o.maxWaitMs);
    return Math.max(capped, this.nextAllowed);
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = this.o.setTimer(() => this.fire(), Math.max(0, this.dueAt() - this.o.now()));
  }

  private fire(): void {
    this.timer = null;
    if (!this.observer) return;
    const now = this.o.now();
    const due = this.dueAt();
    if (due > now) {
      // More mutations arrived while waiting: wait for them to settle (bounded by maxWaitMs).
      this.timer = this.o.setTimer(() => this.fire(), due - now);
      return;
    }
    this.burstStart = null;
    // Records queued meanwhile are covered by this pass.
    this.observer.takeRecords();
    let delay: number | void = undefined;
    try {
      delay = this.o.onChange();
    } finally {
      this.nextAllowed = this.o.now() + Math.max(this.o.minIntervalMs, typeof delay === 'number' ? delay : 0);
    }
  }
}

function insideOwn(node: Node | null, own: (n: Node) => boolean): boolean {
  for (let n = node; n; n = n.parentNode) if (own(n)) return true;
  return false;
}
