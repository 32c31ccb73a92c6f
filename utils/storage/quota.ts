/**
 * Whether an error means the browser refused to store more (disk or origin quota full). IndexedDB
 * reports it as a DOMException named QuotaExceededError; Dexie wraps it (`inner`), transactions
 * abort with it, and other code may carry it as `cause`, so the chain is followed a few steps.
 */
export function isQuotaError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner ?? cause;
  }
  return false;
}
