import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_VERSION, SCHEMA_VERSIONS, createDb } from '@/utils/storage/db';
import { listAll, listByPage } from '@/utils/storage/annotations';

const NAME = 'factmark-upgrade-test';
afterEach(() => Dexie.delete(NAME));

/** A record exactly as version 1 wrote it: deletion was an optional `deletedAt`. */
const v1Record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  pageUrl: 'https://news.example/a',
  pageTitle: 'A',
  selectors: [{ type: 'TextQuoteSelector', exact: 'quote' }],
  claim: 'quote',
  verdict: 'unrated',
  note: '',
  sources: [],
  tags: ['t'],
  created: 1000,
  updated: 2000,
  ...extra,
});

describe('schema upgrades', () => {
  it('opens data written by version 1 with the current schema', async () => {
    const v1 = new Dexie(NAME);
    v1.version(1).stores(SCHEMA_VERSIONS[1]);
    await v1.table('annotations').bulkAdd([
      v1Record('00000000-0000-4000-8000-000000000001'),
      v1Record('00000000-0000-4000-8000-000000000002', { deletedAt: 3000, updated: 3000 }),
    ]);
    v1.close();

    const db = createDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const live = await listByPage(db, 'https://news.example/a');
    expect(live.map((a) => a.id)).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(live[0]).not.toHaveProperty('deletedAt');
    expect(live[0].deleted).toBe(0);
    const tomb = await db.annotations.get('00000000-0000-4000-8000-000000000002');
    expect(tomb?.deleted).toBe(3000);
    expect(await listAll(db)).toHaveLength(1);
    expect(await db.knownClaims.count()).toBe(0);
    db.close();
  });

  it('declares every version up to the current one', () => {
    expect(Object.keys(SCHEMA_VERSIONS).map(Number)).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1));
  });
});
