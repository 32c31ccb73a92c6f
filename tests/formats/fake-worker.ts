/**
 * A Web Worker stand-in for the worker protocols' tests: the real message handler runs in this
 * thread, and its answers reach the page's listeners asynchronously, as postMessage delivers them.
 */
type Listener = (event: { data?: unknown; message?: string }) => void;

export interface FakeWorker<In, Out> {
  postMessage(message: In): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: Listener): void;
  /** What the page posted. */
  sent: In[];
  /** What the worker answered (as delivered: cloned when `clone` is set). */
  received: Out[];
  terminated: () => boolean;
  /** Fires an event at the page's listeners (an error, a stray message). */
  emit: (type: string, event: { data?: unknown; message?: string }) => void;
}

/**
 * @param handler the worker's side, given its `post`.
 * @param options.failToStart the script "fails to load": every message gets an error event instead.
 * @param options.clone copies each answer as postMessage would (structuredClone), where the answer can be cloned here.
 */
export function fakeWorker<In, Out>(handler: (post: (message: Out) => void) => (data: unknown) => Promise<void>, options: { failToStart?: boolean; clone?: boolean } = {}): FakeWorker<In, Out> {
  const listeners: Record<string, Listener[]> = {};
  let terminated = false;
  const emit = (type: string, event: { data?: unknown; message?: string }) => listeners[type]?.forEach((l) => l(event));
  const worker: FakeWorker<In, Out> = {
    sent: [],
    received: [],
    emit,
    terminated: () => terminated,
    postMessage(m) {
      worker.sent.push(m);
      if (options.failToStart) queueMicrotask(() => emit('error', { message: 'script failed to load' }));
      else if (!terminated) void handle(m);
    },
    terminate() {
      terminated = true;
    },
    addEventListener(type, listener) {
      (listeners[type] ??= []).push(listener);
    },
  };
  const handle = handler((m) => {
    if (terminated) return;
    const copy = options.clone ? structuredClone(m) : m;
    worker.received.push(copy);
    queueMicrotask(() => emit('message', { data: copy }));
  });
  return worker;
}
