import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { DomWatcher } from '@/utils/highlighting/dom-watcher';

/** A controllable MutationObserver stand-in: `emit` delivers records like the browser would. */
function fakeObserver() {
  let cb: MutationCallback | null = null;
  const api = {
    observing: false,
    observe: vi.fn(() => {
      api.observing = true;
    }),
    disconnect: vi.fn(() => {
      api.observing = false;
    }),
    takeRecords: vi.fn(() => []),
    create: (c: MutationCallback) => {
      cb = c;
      return api;
    },
    emit(records: Partial<MutationRecord>[]) {
      if (api.observing) cb!(records as MutationRecord[], api as unknown as MutationObserver);
    },
  };
  return api;
}

const text = (target: Node = document.body): Partial<MutationRecord> => ({
  type: 'characterData',
  target,
  addedNodes: [] as unknown as NodeList,
  removedNodes: [] as unknown as NodeList,
});
const added = (target: Node, ...nodes: Node[]): Partial<MutationRecord> => ({
  type: 'childList',
  target,
  addedNodes: nodes as unknown as NodeList,
  removedNodes: [] as unknown as NodeList,
});

let obs: ReturnType<typeof fakeObserver>;
let onChange: Mock<() => number | void>;
let host: HTMLElement;

function watcher(opts: Partial<ConstructorParameters<typeof DomWatcher>[0]> = {}) {
  return new DomWatcher({
    root: document.documentElement,
    onChange,
    isOwnNode: (n) => n === host,
    createObserver: obs.create,
    now: () => Date.now(),
    ...opts,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  obs = fakeObserver();
  onChange = vi.fn<() => number | void>();
  host = document.createElement('factmark-ui');
  document.documentElement.append(host);
});
afterEach(() => {
  host.remove();
  vi.useRealTimers();
});

describe('DomWatcher', () => {
  it('coalesces a burst of mutations into one pass after a quiet moment', () => {
    const w = watcher();
    w.start();
    for (let i = 0; i < 20; i++) {
      obs.emit([text()]);
      vi.advanceTimersByTime(20);
    }
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('runs at most one pass per 500 ms, however often the page mutates', () => {
    const w = watcher();
    w.start();
    obs.emit([text()]);
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
    // Mutations every 50 ms for 2 s.
    for (let t = 0; t < 2000; t += 50) {
      obs.emit([text()]);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(1000);
    const calls = onChange.mock.calls.length;
    // ≤ 1 + 2000/500, and the page that never pauses still gets passes (max wait).
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('keeps passes at least 500 ms apart', () => {
    const times: number[] = [];
    onChange.mockImplementation(() => void times.push(Date.now()));
    const w = watcher();
    w.start();
    for (let t = 0; t < 3000; t += 10) {
      obs.emit([text()]);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(2000);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(500);
  });

  it('honours a longer delay returned by the pass (back-off)', () => {
    onChange.mockReturnValue(4000);
    const w = watcher();
    w.start();
    obs.emit([text()]);
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
    obs.emit([text()]);
    vi.advanceTimersByTime(3000);
    expect(onChange).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1100);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('ignores mutations of and inside its own UI hosts', () => {
    const inner = document.createElement('div');
    const w = watcher({ isOwnNode: (n) => n === host || n === inner });
    w.start();
    obs.emit([added(document.documentElement, host)]); // a host was added
    obs.emit([text(inner)]);
    obs.emit([added(document.documentElement)]); // nothing added or removed
    vi.advanceTimersByTime(5000);
    expect(onChange).not.toHaveBeenCalled();
    // A record that also touched page nodes counts.
    obs.emit([added(document.body, host, document.createElement('p'))]);
    vi.advanceTimersByTime(200);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('filters records whose target is inside a host (ancestor walk)', () => {
    const w = watcher();
    const child = document.createElement('span');
    host.append(child);
    expect(w.isRelevant(text(child) as MutationRecord)).toBe(false);
    expect(w.isRelevant(text(document.body) as MutationRecord)).toBe(true);
  });

  it('stop() disconnects and drops a pending pass; start() is idempotent', () => {
    const w = watcher();
    w.start();
    w.start();
    expect(obs.observe).toHaveBeenCalledTimes(1);
    expect(w.active).toBe(true);
    obs.emit([text()]);
    w.stop();
    expect(obs.disconnect).toHaveBeenCalled();
    expect(w.active).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('works with the real MutationObserver (happy-dom)', async () => {
    const w = new DomWatcher({ root: document.body, onChange, isOwnNode: (n) => n === host, now: () => Date.now() });
    w.start();
    const p = document.createElement('p');
    p.textContent = 'A sentence arrives later.';
    document.body.append(p);
    await Promise.resolve(); // mutation records are delivered in a microtask
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenCalledTimes(1);
    w.stop();
    p.remove();
  });
});
