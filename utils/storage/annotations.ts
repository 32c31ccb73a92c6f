/**
 * The annotation repository: the only code that reads or writes the `annotations` table
 * (imports go through utils/storage/import.ts, which runs in one transaction of its own).
 * Every function takes the database explicitly so tests can use a private one.
 */
import Dexie from 'dexie';
import type { Annotation, AnnotationDraft, AnnotationPatch, Verdict } from '../model/annotation';
import type { FactmarkDB } from './db';
import { NEEDS_SOURCE_MESSAGE, hasRequiredSource } from '../model/schema';

/** A write that would break a rule of the model (e.g. a verdict without sources). */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

export class NoteNotFoundError extends Error {
  constructor(id: string) {
    super(`No note with id ${id}`);
    // Not 'NotFoundError': Dexie rewraps errors that carry that DOM exception name.
    this.name = 'NoteNotFound';
  }
}

const now = () => Date.now();

export async function createAnnotation(db: FactmarkDB, draft: AnnotationDraft): Promise<Annotation> {
  const t = now();
  const annotation: Annotation = {
    ...draft,
    id: draft.id ?? crypto.randomUUID(),
    created: t,
    updated: t,
    deleted: 0,
  };
  await db.annotations.add(annotation);
  return annotation;
}

export async function updateAnnotation(db: FactmarkDB, id: string, patch: AnnotationPatch): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current || current.deleted) throw new NoteNotFoundError(id);
    // `updated` must grow even when two edits fall in the same millisecond: merges compare it.
    const updated: Annotation = { ...current, ...patch, id, updated: Math.max(now(), current.updated + 1) };
    if (!hasRequiredSource(updated)) throw new RuleError(NEEDS_SOURCE_MESSAGE);
    await db.annotations.put(updated);
    return updated;
  });
}

/** Deletes softly: the tombstone stays so an import of an older copy cannot resurrect the note. */
export async function deleteAnnotation(db: FactmarkDB, id: string): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current || current.deleted) throw new NoteNotFoundError(id);
    const t = Math.max(now(), current.updated + 1);
    const tombstone: Annotation = { ...current, deleted: t, updated: t };
    await db.annotations.put(tombstone);
    return tombstone;
  });
}

/** Undo of a delete: the note comes back with a fresh `updated`, so it wins over its own tombstone. */
export async function restoreAnnotation(db: FactmarkDB, id: string): Promise<Annotation> {
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!current) throw new NoteNotFoundError(id);
    const restored: Annotation = { ...current, deleted: 0, updated: Math.max(now(), current.updated + 1) };
    await db.annotations.put(restored);
    return restored;
  });
}

export function getAnnotation(db: FactmarkDB, id: string): Promise<Annotation | undefined> {
  return db.annotations.get(id);
}

/** A page's live notes, oldest first (the content script re-sorts them in reading order). */
export async function listByPage(db: FactmarkDB, pageUrl: string): Promise<Annotation[]> {
  const notes = await db.annotations.where('[pageUrl+deleted]').equals([pageUrl, 0]).toArray();
  return notes.sort((a, b) => a.created - b.created);
}

/** Live notes of several page URLs (a page known under its canonical and its own URL). */
export async function listByPages(db: FactmarkDB, pageUrls: string[]): Promise<Annotation[]> {
  const keys = [...new Set(pageUrls)].map((u) => [u, 0] as [string, number]);
  const notes = await db.annotations.where('[pageUrl+deleted]').anyOf(keys).toArray();
  return notes.sort((a, b) => a.created - b.created);
}

export interface ListOptions {
  limit?: number;
  offset?: number;
}

/** All live notes, newest first. */
export function listAll(db: FactmarkDB, { limit = Infinity, offset = 0 }: ListOptions = {}): Promise<Annotation[]> {
  return db.annotations
    .where('[deleted+updated]')
    .between([0, Dexie.minKey], [0, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray();
}

export interface Counts {
  total: number;
  pages: number;
  byVerdict: Record<Verdict, number>;
}

export async function countAnnotations(db: FactmarkDB): Promise<Counts> {
  const byVerdict = {} as Record<Verdict, number>;
  const pages = new Set<string>();
  let total = 0;
  await db.annotations
    .where('[deleted+updated]')
    .between([0, Dexie.minKey], [0, Dexie.maxKey])
    .each((a) => {
      total++;
      pages.add(a.pageUrl);
      byVerdict[a.verdict] = (byVerdict[a.verdict] ?? 0) + 1;
    });
  return { total, pages: pages.size, byVerdict };
}

export function countByPage(db: FactmarkDB, pageUrl: string): Promise<number> {
  return db.annotations.where('[pageUrl+deleted]').equals([pageUrl, 0]).count();
}
