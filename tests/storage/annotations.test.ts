import { afterEach, describe, expect, it } from 'vitest';
import {
  NoteNotFoundError,
  RuleError,
  countAnnotations,
  countByPage,
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listAll,
  listByPage,
  listByPages,
  restoreAnnotation,
  updateAnnotation,
} from '@/utils/storage/annotations';
import type { FactmarkDB } from '@/utils/storage/db';
import { draft, makeDb } from './make-db';

let db: FactmarkDB;
afterEach(async () => {
  await db?.delete();
});

describe('annotation repository', () => {
  it('creates a note with id, times and a live tombstone field', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft());
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.created).toBe(a.updated);
    expect(a.deleted).toBe(0);
    expect(await getAnnotation(db, a.id)).toEqual(a);
  });

  it('lists a page’s live notes only, oldest first, and by several page keys', async () => {
    db = makeDb();
    const first = await createAnnotation(db, draft());
    const second = await createAnnotation(db, draft({ claim: 'second' }));
    await createAnnotation(db, draft({ pageUrl: 'https://other.example/' }));
    const gone = await createAnnotation(db, draft({ claim: 'gone' }));
    await deleteAnnotation(db, gone.id);
    expect((await listByPage(db, 'https://news.example/article')).map((a) => a.id)).toEqual([first.id, second.id]);
    expect(await countByPage(db, 'https://news.example/article')).toBe(2);
    const both = await listByPages(db, ['https://news.example/article', 'https://other.example/']);
    expect(both).toHaveLength(3);
  });

  it('updates editable fields and always advances `updated`', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft());
    const b = await updateAnnotation(db, a.id, { verdict: 'false', note: 'Wrong figure.' });
    expect(b.verdict).toBe('false');
    expect(b.note).toBe('Wrong figure.');
    expect(b.updated).toBeGreaterThan(a.updated);
    expect(b.created).toBe(a.created);
  });

  it('refuses an update that leaves a graded verdict without sources', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft());
    await expect(updateAnnotation(db, a.id, { sources: [] })).rejects.toBeInstanceOf(RuleError);
    expect((await getAnnotation(db, a.id))?.sources).toHaveLength(1);
  });

  it('deletes softly (tombstone) and restores', async () => {
    db = makeDb();
    const a = await createAnnotation(db, draft());
    const t = await deleteAnnotation(db, a.id);
    expect(t.deleted).toBeGreaterThan(0);
    expect(await listAll(db)).toEqual([]);
    expect(await getAnnotation(db, a.id)).toMatchObject({ id: a.id, deleted: t.deleted });
    await expect(deleteAnnotation(db, a.id)).rejects.toBeInstanceOf(NoteNotFoundError);
    await expect(updateAnnotation(db, a.id, { note: 'x' })).rejects.toBeInstanceOf(NoteNotFoundError);
    const r = await restoreAnnotation(db, a.id);
    expect(r.deleted).toBe(0);
    expect(r.updated).toBeGreaterThan(t.updated);
    expect(await listAll(db)).toHaveLength(1);
  });

  it('lists all live notes newest first with paging, and counts them', async () => {
    db = makeDb();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await createAnnotation(db, draft({ pageUrl: `https://p${i % 2}.example/`, verdict: i % 2 ? 'false' : 'true' }));
      ids.push(a.id);
      await updateAnnotation(db, a.id, { note: `n${i}` });
    }
    const all = await listAll(db);
    expect(all.map((a) => a.id)).toEqual([...ids].reverse());
    expect((await listAll(db, { offset: 1, limit: 2 })).map((a) => a.id)).toEqual([ids[3], ids[2]]);
    const counts = await countAnnotations(db);
    expect(counts.total).toBe(5);
    expect(counts.pages).toBe(2);
    expect(counts.byVerdict).toMatchObject({ true: 3, false: 2 });
  });
});
