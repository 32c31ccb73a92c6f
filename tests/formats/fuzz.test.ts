import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateKnownClaims, generateNotes } from '../../bench/generate-notes';
import { checkAnnotation } from '../../utils/formats/annotation-check';
import { parseImport, parseImportFile } from '../../utils/formats/import';
import { mayHoldForbiddenKey, parseJsonSafely } from '../../utils/formats/safe-json';
import { IMPORT_LIMITS } from '../../utils/formats/limits';
import { createDb, type FactmarkDB } from '../../utils/storage/db';
import { applyImport, planImport } from '../../utils/storage/import';
import { generateFuzzFiles } from './fuzz-files';
import { dumpDb } from './storage-dump';
import { english, wellFormed } from '../english-messages';

const files = generateFuzzFiles(1_200, 20261127);
const isHttp = (u: string) => /^https?:$/.test(new URL(u).protocol);

function assertPrototypesClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  expect(Object.keys(Array.prototype)).toEqual([]);
}

describe('fuzz: 1,200 malformed or hostile files', () => {
  it('covers every kind of damage', () => {
    const kinds = new Set(files.map((f) => f.kind.replace(/-.*/, '')));
    expect([...kinds].sort()).toEqual(['combined', 'deep', 'garbage', 'huge', 'junk', 'payload', 'pollution', 'truncated', 'url', 'wrong']);
    expect(files.length).toBeGreaterThanOrEqual(1000);
  });

  it('each is refused or imported clean, with a reason for every refusal and repair; nothing throws or pollutes', () => {
    const tally = { refused: 0, ok: 0, sanitised: 0, rejected: 0 };
    for (const [i, f] of files.entries()) {
      const where = `file ${i} (${f.kind})`;
      let r!: ReturnType<typeof parseImport>;
      expect(() => (r = parseImport(f.text, { now: 0 })), where).not.toThrow();
      // No reader threw internally either (parseImport's last-resort catch says "could not be read").
      expect(r.messages.map((m) => m.key), where).not.toContain('importFileUnreadableDetail');
      // Every notice names a catalogue message with a substitution for each of its placeholders.
      for (const m of r.messages) expect(wellFormed(m), `${where}: ${JSON.stringify(m)}`).toBe(true);
      if (!r.ok) {
        tally.refused++;
        expect(r.messages.length, where).toBeGreaterThan(0);
        expect(english(r.messages.at(-1)!), where).toMatch(/^(The|This|Unknown) [^]*\.$/);
        expect(r.annotations.length + r.knownClaims.length, where).toBe(0);
        continue;
      }
      for (const item of r.items) {
        tally[item.status]++;
        if (item.status !== 'ok') expect(item.messages.length, where).toBeGreaterThan(0);
        for (const m of item.messages) {
          expect(wellFormed(m), `${where}: ${JSON.stringify(m)}`).toBe(true);
          expect(english(m).length, where).toBeLessThan(600);
        }
      }
      // Everything that comes out is clean by the same gate, with nothing left to repair.
      for (const a of r.annotations) {
        const again = checkAnnotation(a, { foreign: false });
        expect(again.ok && again.messages, where).toEqual([]);
        expect(isHttp(a.pageUrl), where).toBe(true);
        for (const s of a.sources) expect(isHttp(s.url), where).toBe(true);
      }
      for (const k of r.knownClaims) {
        for (const u of [k.reviewUrl, ...k.appearanceUrls]) if (u !== undefined) expect(isHttp(u), where).toBe(true);
        expect(k.text.length, where).toBeLessThanOrEqual(5000);
      }
      if (f.literal !== undefined && r.annotations.length) {
        const a = r.annotations[0];
        expect([a.note, a.claim, a.pageTitle, a.author, a.sources[0].title, a.sources[0].excerpt], where).toEqual(Array(6).fill(f.literal));
      }
      if (f.kind === 'pollution') for (const a of r.annotations) expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    }
    assertPrototypesClean();
    // Both outcomes are exercised, not just refusals.
    expect(tally.refused).toBeGreaterThan(200);
    expect(tally.ok + tally.sanitised).toBeGreaterThan(200);
    expect(tally.rejected).toBeGreaterThan(100);
  });

  it('oversized input is refused before parsing (and an oversized file before it is read)', async () => {
    const r = parseImport(' '.repeat(50 * 1024 * 1024 + 1), { limits: { fileBytes: 50 * 1024 * 1024 } });
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toEqual({ key: 'importFileTooLarge', subs: [{ key: 'importSizeMegabytes', subs: ['50.0'] }, { key: 'importSizeMegabytes', subs: ['50.0'] }] });
    expect(english(r.messages[0])).toBe('The file is too large (50.0 MB; at most 50.0 MB).');
    const huge = { size: IMPORT_LIMITS.fileBytes + 1, text: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    const f = await parseImportFile(huge);
    expect(f.ok).toBe(false);
    expect(english(f.messages[0])).toMatch(/too large \(256\.0 MB; at most 256\.0 MB\)/);
    expect(english((await parseImportFile(new Blob(['x'.repeat(3000)]), { limits: { fileBytes: 2000 } })).messages[0])).toMatch(/too large \(3 KB; at most 2 KB\)/);
  });

  it('drops forbidden keys however they are spelled, and skips the reviver only when none can occur', () => {
    for (const key of ['__proto__', '\\u005f_proto__', 'constructor', 'constructo\\u0072', 'prototype', '\\u0070rototype']) {
      const r = parseJsonSafely(`{"a":{"${key}":{"polluted":1}},"b":[{"${key}":2}]}`, 1e6, 10);
      expect(r.ok && r.droppedKeys, key).toBe(2);
      expect(r.ok && JSON.stringify(r.value), key).toBe('{"a":{},"b":[{}]}');
      expect(mayHoldForbiddenKey(`{"${key}":1}`), key).toBe(true);
    }
    expect(mayHoldForbiddenKey('{"a":"\\u0000 Constructor \\u00e9"}')).toBe(false);
    assertPrototypesClean();
  });

  it('millions of tiny objects are refused before JSON.parse', () => {
    const r = parseImport('[' + '{},'.repeat(10_000_001) + '{}]');
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toEqual({ key: 'importFileTooManyContainers', subs: [10_000_003, 10_000_000] });
    expect(english(r.messages[0])).toMatch(/holds 10000003 objects and lists; at most 10000000/);
  });

  it('nesting far beyond the stack limit is refused, not overflowed', () => {
    const r = parseImport('['.repeat(5_000_000));
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toEqual({ key: 'importFileTooDeep', subs: [64] });
    expect(english(r.messages[0])).toMatch(/nested more than 64 levels/);
  });
});

describe('fuzz: the database is unchanged by refused files and by failed imports', () => {
  let db: FactmarkDB;
  afterAll(async () => {
    await db?.delete();
  });

  it('full pipeline on 42 fuzz files, with a write failure injected into every import that gets that far', async () => {
    db = createDb(`fuzz-${Date.now()}`);
    await db.annotations.bulkPut(generateNotes(200, 3));
    await db.knownClaims.bulkPut(generateKnownClaims(30, 4));
    const before = await dumpDb(db);
    let applied = 0;
    for (const f of files.filter((_, i) => i % 29 === 0)) {
      const parsed = parseImport(f.text, { now: 0 });
      if (parsed.ok && parsed.annotations.length + parsed.knownClaims.length > 0) {
        const plan = await planImport(db, parsed);
        let outcome: unknown;
        const writes = plan.annotations.add.length + plan.annotations.update.length + plan.knownClaims.add.length + plan.knownClaims.update.length;
        if (applied % 2 === 0 || writes < 2) {
          // Fail at the very end, after every write of the transaction has been issued.
          outcome = await applyImport(db, plan, { chunkSize: 1, onProgress: (x) => { if (x >= 1) throw new Error('injected at the end'); } }).catch((e) => e);
        } else {
          // Fail half-way: on the second annotation write (an add or a put), or on the first known-claim write.
          let calls = 0;
          const spies = (['bulkAdd', 'bulkPut'] as const).flatMap((method) => {
            const real = db.annotations[method].bind(db.annotations);
            return [
              vi.spyOn(db.annotations, method).mockImplementation(((rows: never) => (++calls >= 2 ? Promise.reject(new Error('injected')) : real(rows))) as never),
              vi.spyOn(db.knownClaims, method).mockRejectedValue(new Error('injected')),
            ];
          });
          outcome = await applyImport(db, plan, { chunkSize: 1 }).catch((e) => e);
          for (const spy of spies) spy.mockRestore();
        }
        applied++;
        expect(outcome, f.kind).toBeInstanceOf(Error);
      }
      expect(await dumpDb(db), f.kind).toBe(before);
    }
    expect(applied).toBeGreaterThan(5);
    assertPrototypesClean();
  });
});
