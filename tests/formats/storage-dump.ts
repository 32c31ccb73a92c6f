import type { FactmarkDB } from '../../utils/storage/db';

/**
 * Every object store, every key and stored value, read with the raw IndexedDB API (below
 * Dexie and its middlewares, so derived fields count too), as one string: equal dumps mean
 * the database content is unchanged.
 */
export async function dumpDb(db: FactmarkDB): Promise<string> {
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames].sort();
  const tx = idb.transaction(names, 'readonly');
  const req = <T>(r: IDBRequest<T>) => new Promise<T>((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
  const out: Record<string, { keys: IDBValidKey[]; values: unknown[]; indexes: string[] }> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
    out[name] = { keys, values, indexes: [...store.indexNames].sort() };
  }
  // Maps (the count buckets) as their entries: JSON.stringify would write every Map as {}.
  return JSON.stringify(out, (_, v: unknown) => (v instanceof Map ? { map: [...v] } : v));
}
