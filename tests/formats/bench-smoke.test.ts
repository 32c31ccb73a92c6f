import { describe, expect, it } from 'vitest';
import { benchFormats } from '../../bench/formats';

describe('bench/formats.ts', () => {
  it('runs end to end on small sizes and reports both tables', async () => {
    const [files, claims] = await benchFormats({ notes: 300, claims: 3_000, sentences: 60 });
    expect(files.title).toBe('Sharing formats: 300 notes');
    expect(files.rows).toHaveLength(9);
    expect(files.rows.find((r) => String(r[0]).startsWith('import: parse + validate native'))?.[4]).toBe('300 records');
    expect(claims.rows[0][4]).toMatch(/^(\d+) \/ \1$/); // every planted claim found
    expect(claims.notes?.[0]).toMatch(/same matches as the naive scan: yes/);
  });
});
