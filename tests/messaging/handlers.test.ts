import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleMessage, type HandlerContext } from '@/entrypoints/background/handlers';
import { PROTOCOL_TAG } from '@/utils/messaging/protocol';
import type { FactmarkDB } from '@/utils/storage/db';
import { draft, dump, makeDb } from '../storage/make-db';

const RUNTIME_ID = 'factmark-test-id';
let db: FactmarkDB;
afterEach(async () => {
  await db?.delete();
});

function context(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    db,
    runtimeId: RUNTIME_ID,
    sender: { id: RUNTIME_ID, tab: { id: 7, url: 'https://news.example/article' } },
    onNotesChanged: vi.fn(),
    onPageStatus: vi.fn(),
    ...overrides,
  };
}
const request = (type: string, data: unknown) => ({ tag: PROTOCOL_TAG, type, data });

describe('background message handling', () => {
  it('creates a note and lists it for its page under any page key', async () => {
    db = makeDb();
    const ctx = context();
    const created = await handleMessage(request('notes/create', { draft: draft() }), ctx);
    expect(created.ok).toBe(true);
    expect(ctx.onNotesChanged).toHaveBeenCalledWith(['https://news.example/article']);
    const listed = await handleMessage(
      request('notes/list-for-page', { pageKeys: ['https://www.news.example/article?utm_source=x#top'] }),
      ctx,
    );
    expect(listed).toMatchObject({ ok: true, value: [{ claim: '141 countries voted' }] });
  });

  it('normalises the page URL of a new note', async () => {
    db = makeDb();
    const r = await handleMessage(request('notes/create', { draft: draft({ pageUrl: 'https://WWW.news.example/article/?fbclid=1#x' }) }), context());
    expect(r).toMatchObject({ ok: true, value: { pageUrl: 'https://news.example/article' } });
  });

  it('updates, deletes and restores through messages', async () => {
    db = makeDb();
    const ctx = context();
    const created = (await handleMessage(request('notes/create', { draft: draft() }), ctx)) as { ok: true; value: { id: string } };
    const id = created.value.id;
    expect(await handleMessage(request('notes/update', { id, patch: { verdict: 'false' } }), ctx)).toMatchObject({ ok: true, value: { verdict: 'false' } });
    expect(await handleMessage(request('notes/delete', { id }), ctx)).toMatchObject({ ok: true });
    expect(await handleMessage(request('notes/delete', { id }), ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await handleMessage(request('notes/restore', { id }), ctx)).toMatchObject({ ok: true, value: { deleted: 0 } });
  });

  it('reports page status to the badge for the sending tab', async () => {
    db = makeDb();
    const ctx = context();
    expect(await handleMessage(request('page/status', { notes: 3, orphans: 1, claims: 5, known: 2 }), ctx)).toEqual({ ok: true, value: null });
    expect(ctx.onPageStatus).toHaveBeenCalledWith(7, { notes: 3, orphans: 1, claims: 5, known: 2 });
    // A content script from before the known count (still open after an update) reports none.
    expect(await handleMessage(request('page/status', { notes: 0, orphans: 0, claims: 1 }), ctx)).toEqual({ ok: true, value: null });
    expect(ctx.onPageStatus).toHaveBeenLastCalledWith(7, { notes: 0, orphans: 0, claims: 1, known: 0 });
  });

  const rejected: [string, unknown, Partial<HandlerContext>, string][] = [
    ['a foreign sender', request('notes/create', { draft: draft() }), { sender: { id: 'evil-extension' } }, 'forbidden-sender'],
    ['a sender without id (web page)', request('notes/create', { draft: draft() }), { sender: {} }, 'forbidden-sender'],
    ['a non-object message', 'notes/create', {}, 'invalid-message'],
    ['null', null, {}, 'invalid-message'],
    ['a message without the protocol tag', { type: 'notes/create', data: { draft: draft() } }, {}, 'invalid-message'],
    ['an unknown type', request('notes/drop-all', {}), {}, 'unknown-type'],
    ['a prototype key as type', request('__proto__', {}), {}, 'unknown-type'],
    ['a missing draft', request('notes/create', {}), {}, 'invalid-data'],
    ['an extra field', request('notes/create', { draft: { ...draft(), isAdmin: true } }), {}, 'invalid-data'],
    ['a wrong verdict', request('notes/create', { draft: draft({ verdict: 'pants-on-fire' as never }) }), {}, 'invalid-data'],
    ['a javascript: source', request('notes/create', { draft: draft({ sources: [{ url: 'javascript:alert(1)' }] }) }), {}, 'invalid-data'],
    ['a graded verdict without sources', request('notes/create', { draft: draft({ sources: [] }) }), {}, 'needs-source'],
    ['a claim over 5,000 characters', request('notes/create', { draft: draft({ claim: 'x'.repeat(5001) }) }), {}, 'invalid-data'],
    ['a non-http page', request('notes/create', { draft: draft({ pageUrl: 'file:///etc/passwd' }) }), {}, 'invalid-data'],
    ['a bad id', request('notes/delete', { id: '../../x' }), {}, 'invalid-data'],
    ['an empty patch', request('notes/update', { id: '00000000-0000-4000-8000-000000000000', patch: {} }), {}, 'invalid-data'],
    ['a wrong type of page keys', request('notes/list-for-page', { pageKeys: 'https://x.example' }), {}, 'invalid-data'],
  ];

  it.each(rejected)('rejects %s with an error reply and writes nothing', async (_name, message, overrides, code) => {
    db = makeDb();
    await handleMessage(request('notes/create', { draft: draft() }), context());
    const before = await dump(db);
    const ctx = context(overrides);
    const reply = await handleMessage(message, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(5);
    expect(await dump(db)).toBe(before);
    expect(ctx.onNotesChanged).not.toHaveBeenCalled();
  });

  it('scores a page’s sentences with the claim model and answers the flagged ones, within bounds', async () => {
    db = makeDb();
    const sentences = [
      { text: 'More than 2 million Ukrainians have fled the country since February 24, the UN said.' },
      { text: 'What a lovely morning it is.' },
      { text: '“Ukraine is strong, Ukraine is fighting,” Kuleba told reporters.', quote: 'Ukraine is strong, Ukraine is fighting,' },
    ];
    const r = (await handleMessage(request('claims/score', { sentences, sensitivity: 0.5 }), context())) as { ok: true; value: { threshold: number; flagged: { index: number; reasons: string[] }[] } };
    expect(r.ok).toBe(true);
    expect(r.value.flagged.map((f) => f.index)).toEqual([0]);
    expect(r.value.flagged[0].reasons).toContain('a figure');
    expect(r.value.threshold).toBeGreaterThan(0);
    // Bounds: sensitivity 0–1, text ≤ 2,000 characters, ≤ 5,000 sentences, nothing else.
    const refused = [
      { sentences, sensitivity: 1.5 },
      { sentences: [{ text: 'x'.repeat(2001) }], sensitivity: 0.5 },
      { sentences: Array.from({ length: 5001 }, () => ({ text: 'A sentence.' })), sensitivity: 0.5 },
      { sentences: [{ text: 'A sentence.', html: '<b>' }], sensitivity: 0.5 },
      { sentences: ['A sentence.'], sensitivity: 0.5 },
    ];
    for (const data of refused) expect(await handleMessage(request('claims/score', data), context())).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
  });

  it('lets only extension pages announce changes made outside the background (imports)', async () => {
    db = makeDb();
    const fromPage = context({ sender: { id: RUNTIME_ID, url: 'https://news.example/article', tab: { id: 3 } } });
    const refused = await handleMessage(request('notes/announce-changes', { pageUrls: ['https://news.example/a'] }), fromPage);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
    expect(fromPage.onNotesChanged).not.toHaveBeenCalled();
    const fromLibrary = context({ sender: { id: RUNTIME_ID, url: 'chrome-extension://abc/library.html' } });
    expect(await handleMessage(request('notes/announce-changes', { pageUrls: ['https://www.news.example/a?utm_source=x'] }), fromLibrary)).toEqual({ ok: true, value: null });
    expect(fromLibrary.onNotesChanged).toHaveBeenCalledWith(['https://news.example/a']);
  });

  it('turns a database failure into an internal error reply', async () => {
    db = makeDb();
    db.close();
    const broken = context();
    const reply = await handleMessage(request('notes/list-for-page', { pageKeys: ['https://news.example/a'] }), broken);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('names the rule a graded verdict without a source breaks, on create and on update', async () => {
    db = makeDb();
    const ctx = context();
    const before = await dump(db);
    const create = await handleMessage(request('notes/create', { draft: draft({ verdict: 'false', sources: [] }) }), ctx);
    expect(create).toMatchObject({ ok: false, error: { code: 'needs-source' } });
    expect(await dump(db)).toEqual(before);
    const created = (await handleMessage(request('notes/create', { draft: draft({ verdict: 'unrated', sources: [] }) }), ctx)) as { ok: true; value: { id: string } };
    const update = await handleMessage(request('notes/update', { id: created.value.id, patch: { verdict: 'false' } }), ctx);
    expect(update).toMatchObject({ ok: false, error: { code: 'needs-source' } });
  });

  it('reports a full disk as storage-full, however Dexie wraps it', async () => {
    db = makeDb();
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(db.annotations, 'add').mockRejectedValue(Object.assign(new Error('AbortError: transaction aborted'), { name: 'AbortError', inner: quota }));
    vi.spyOn(db.annotations, 'put').mockRejectedValue(quota);
    const reply = await handleMessage(request('notes/create', { draft: draft() }), context());
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage-full' } });
  });
});
