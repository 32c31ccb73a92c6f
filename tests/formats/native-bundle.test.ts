import { describe, expect, it } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { canonicalAnnotation, exportNativeBundle } from '../../utils/formats/native-bundle';
import { parseImport, summarizeImport } from '../../utils/formats/import';
import { planMerge } from '../../utils/formats/merge';
import type { Annotation } from '../../utils/model/annotation';
import { english, englishAll } from '../english-messages';

const settings = { authorName: 'Ana', now: Date.UTC(2026, 10, 27), clientVersion: '0.1.0' };

describe('native bundle', () => {
  const notes = generateNotes(10_000, 42);

  it('the generated notes use every field of the model', () => {
    const has = (p: (a: Annotation) => boolean) => notes.some(p);
    expect(has((a) => a.deleted > 0)).toBe(true);
    expect(has((a) => a.selectors.length === 0)).toBe(true);
    expect(has((a) => a.selectors.some((s) => s.type === 'TextQuoteSelector' && s.prefix !== undefined && s.suffix !== undefined))).toBe(true);
    expect(has((a) => a.selectors.some((s) => s.type === 'TextPositionSelector'))).toBe(true);
    expect(has((a) => a.sources.some((s) => s.title !== undefined && s.excerpt !== undefined && s.accessed !== undefined))).toBe(true);
    expect(has((a) => a.author !== undefined)).toBe(true);
    expect(has((a) => a.author === undefined)).toBe(true);
    expect(has((a) => a.tags.length > 0)).toBe(true);
    expect(has((a) => a.note.includes('<script>'))).toBe(true);
    expect(has((a) => a.note.includes('\u0000'))).toBe(true);
    expect(new Set(notes.map((a) => a.verdict)).size).toBe(8);
  });

  it('export → import of 10,000 notes is lossless (tombstones included)', () => {
    const file = exportNativeBundle(notes, settings);
    expect(file.filename).toBe('factmark-2026-11-27.factmark.json');
    expect(file.mime).toBe('application/json');
    const parsed = parseImport(file.content, { now: 0 });
    expect(parsed.ok).toBe(true);
    expect(parsed.format).toBe('factmark-bundle');
    expect(parsed.items.filter((i) => i.status !== 'ok')).toEqual([]);
    expect(parsed.annotations).toStrictEqual(notes);
    // And the re-export is byte-identical.
    expect(exportNativeBundle(parsed.annotations, settings).content).toBe(file.content);
  });

  it('writes the versioned envelope', () => {
    const doc = JSON.parse(exportNativeBundle(notes.slice(0, 3), settings).content);
    expect(doc).toMatchObject({ format: 'factmark-bundle', version: 1, exported: '2026-11-27T00:00:00.000Z', client: { name: 'Factmark', version: '0.1.0' } });
    expect(doc.annotations).toHaveLength(3);
  });

  it('exports only the model fields, in the model order', () => {
    const stray = { ...notes[0], extra: 'x', sources: notes[0].sources.map((s) => ({ ...s, junk: 1 })) } as Annotation;
    expect(Object.keys(canonicalAnnotation(stray))).not.toContain('extra');
    expect(JSON.stringify(canonicalAnnotation(stray))).not.toContain('junk');
  });

  it('refuses a bundle from a newer version, without a list, or with a bad version', () => {
    const bundle = (over: object) => JSON.stringify({ format: 'factmark-bundle', version: 1, exported: '', client: {}, annotations: [], ...over });
    expect(parseImport(bundle({ version: 2 })).messages.at(-1)).toEqual({ key: 'importBundleNewer', subs: [2] });
    expect(english(parseImport(bundle({ version: 2 })).messages.at(-1)!)).toMatch(/newer Factmark \(format version 2\)/);
    expect(parseImport(bundle({ version: 2 })).ok).toBe(false);
    expect(parseImport(bundle({ version: '1' })).ok).toBe(false);
    expect(english(parseImport(bundle({ annotations: {} })).messages.at(-1)!)).toMatch(/no "annotations" list/);
    expect(parseImport(JSON.stringify({ format: 'factmark-other' })).ok).toBe(false);
  });

  it('rejects bad items with reasons and keeps the good ones', () => {
    const [a, b, c, d] = generateNotes(4, 9, { tombstones: 0 });
    const file = JSON.stringify({
      format: 'factmark-bundle', version: 1, exported: '', client: {},
      annotations: [
        a,
        { ...b, id: 'not-a-uuid' },
        { ...c, note: 'x'.repeat(30_000) },
        { ...d, pageUrl: 'javascript:alert(1)' },
        42,
      ],
    });
    const r = parseImport(file);
    expect(r.ok).toBe(true);
    expect(r.annotations).toEqual([a]);
    expect(r.items.map((i) => i.status)).toEqual(['ok', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(r.items[1].messages).toEqual([{ key: 'importFieldProblem', subs: ['id', { key: 'importIdNotUuid' }] }]);
    expect(englishAll(r.items[1].messages)).toBe('id: id is not a UUID');
    expect(r.items[2].messages).toEqual([{ key: 'importFieldProblem', subs: ['note', { key: 'importTooLong', subs: [20_000] }] }]);
    expect(englishAll(r.items[2].messages)).toMatch(/note: longer than 20000/);
    expect(r.items[3].messages).toEqual([{ key: 'importPageUrl', subs: [{ key: 'importUrlScheme', subs: ['javascript:'] }] }]);
    expect(englishAll(r.items[3].messages)).toBe('page URL: "javascript:" URLs are not allowed (only http and https)');
    expect(r.items[4].messages).toEqual([{ key: 'importNotObject' }]);
    const summary = summarizeImport(r, { annotations: planMerge(new Map(), r.annotations), knownClaims: planMerge(new Map(), r.knownClaims) });
    expect(summary.line).toEqual({ key: 'importSummaryRejected', subs: [1, 0, 0, 4] });
    expect(english(summary.line)).toBe('1 added, 0 updated, 0 skipped, 4 rejected');
    expect(summary.rejected.map((x) => x.index)).toEqual([1, 2, 3, 4]);
  });

  it('drops non-http(s) sources and unknown selectors with a message', () => {
    const [a] = generateNotes(1, 11, { tombstones: 0 });
    const note: Annotation = {
      ...a,
      verdict: 'false',
      sources: [{ url: 'data:text/html,<script>alert(1)</script>' }, { url: 'https://ok.example/' }, { url: ' javascript:alert(1)' }],
      selectors: [{ type: 'RangeSelector' } as never, { type: 'TextPositionSelector', start: 5, end: 2 }],
    };
    const r = parseImport(JSON.stringify({ format: 'factmark-bundle', version: 1, annotations: [note] }));
    expect(r.items[0].status).toBe('sanitised');
    expect(r.annotations[0].sources).toEqual([{ url: 'https://ok.example/' }]);
    expect(r.annotations[0].selectors).toEqual([]);
    expect(r.items[0].messages).toContainEqual({ key: 'importSourceNDropped', subs: [1, { key: 'importUrlScheme', subs: ['data:'] }] });
    expect(englishAll(r.items[0].messages)).toMatch(/source 1 dropped: "data:" URLs/);
    expect(englishAll(r.items[0].messages)).toMatch(/source 3 dropped: "javascript:" URLs/);
    expect(englishAll(r.items[0].messages)).toMatch(/selector 2 dropped: end is before start/);
  });

  it('imports a live verdict without any source as unrated, and says so', () => {
    const [a] = generateNotes(1, 12, { tombstones: 0 });
    const r = parseImport(JSON.stringify({ format: 'factmark-bundle', version: 1, annotations: [{ ...a, verdict: 'false', sources: [] }] }));
    expect(r.annotations[0].verdict).toBe('unrated');
    expect(r.items[0].messages).toEqual([{ key: 'importVerdictNeedsSource', subs: ['false'] }]);
    expect(englishAll(r.items[0].messages)).toMatch(/verdict "false" has no http\(s\) source/);
  });
});
