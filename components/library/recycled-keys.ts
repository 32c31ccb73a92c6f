/**
 * Keys for the rows of a list that is replaced wholesale (a new search, a filter, the next page):
 * a row whose item stays keeps its key, so its component (and an open editor) moves with it;
 * a new item takes a key freed by an item that left, in order, so Preact patches that row's
 * elements in place instead of removing one row and building another. A page of results is
 * ~1,400 elements: reusing them spares creating, inserting and collecting them on every query.
 * Pure; components keep one recycler per list in a ref.
 */
export class KeyRecycler {
  private previous = new Map<string, string>();
  private minted = 0;

  /** A key per id, in order. Idempotent for the same ids; a repeated id gets a key of its own. */
  assign(ids: readonly string[]): string[] {
    const kept = new Set<string>();
    for (const id of ids) {
      const key = this.previous.get(id);
      if (key !== undefined) kept.add(key);
    }
    const freed = [...this.previous.values()].filter((k) => !kept.has(k));
    let nextFreed = 0;
    const current = new Map<string, string>();
    const keys = ids.map((id) => {
      const own = current.has(id) ? undefined : this.previous.get(id);
      const key = own ?? freed[nextFreed++] ?? `k${this.minted++}`;
      if (!current.has(id)) current.set(id, key);
      return key;
    });
    this.previous = current;
    return keys;
  }
}
