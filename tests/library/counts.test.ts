/**
 * Count rows as stored: the few keys read alone keep a row each, page/site/tag keys share bucket
 * rows, and storing then reading gives the values back (user-chosen keys like `__proto__` too).
 */
import { describe, expect, it } from 'vitest';
import { COUNT_BUCKETS, COUNT_KEYS, countAll, countIn, logicalCounts, rowKeyOf, storeCounts, type CountRow } from '@/utils/search/counts';
import { generateNotes } from '../../bench/generate-notes';

const byKey = (rows: CountRow[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe('bucketed note counts', () => {
  it('stores many keys in at most COUNT_BUCKETS rows plus the plain ones, and reads them back', () => {
    const values = countAll(generateNotes(3_000, 4, { pages: 400 }));
    expect(values.length).toBeGreaterThan(500);
    const { put, remove } = storeCounts(values, new Map());
    expect(remove).toEqual([]);
    expect(put.length).toBeLessThanOrEqual(COUNT_BUCKETS + 10); // buckets + all, pages and the verdicts
    expect(byKey(logicalCounts(put))).toEqual(byKey(values));
    const rows = new Map(put.map((r) => [r.key, r]));
    for (const { key, n } of values) expect(countIn(rows.get(rowKeyOf(key)), key)).toBe(n);
    expect(rowKeyOf(COUNT_KEYS.all)).toBe(COUNT_KEYS.all);
    expect(rowKeyOf(COUNT_KEYS.verdict('false'))).toBe(COUNT_KEYS.verdict('false'));
  });

  it('updates a bucket without losing its other keys, and drops keys and buckets that reach zero', () => {
    const tag = COUNT_KEYS.tag('__proto__');
    const first = storeCounts([{ key: tag, n: 2 }, { key: COUNT_KEYS.all, n: 2 }], new Map());
    const stored = new Map(first.put.map((r) => [r.key, r]));
    const neighbour = Array.from({ length: 500 }, (_, i) => COUNT_KEYS.page(`https://p.example/${i}`)).find((k) => rowKeyOf(k) === rowKeyOf(tag))!;
    const second = storeCounts([{ key: neighbour, n: 1 }], stored);
    const bucket = second.put.find((r) => r.key === rowKeyOf(tag))!;
    expect(countIn(bucket, tag)).toBe(2);
    expect(countIn(bucket, neighbour)).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const third = storeCounts([{ key: tag, n: 0 }, { key: neighbour, n: 0 }, { key: COUNT_KEYS.all, n: 0 }], new Map([[bucket.key, bucket], ...stored]));
    expect(third.put).toEqual([]);
    expect(third.remove.sort()).toEqual([COUNT_KEYS.all, rowKeyOf(tag)].sort());
  });
});
