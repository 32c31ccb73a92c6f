import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { parseImport } from '../../utils/formats/import';
import { VERDICT_IRI, exportWebAnnotations, webAnnotationOf } from '../../utils/formats/web-annotation';
import type { Annotation } from '../../utils/model/annotation';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';
import { english, englishAll, wellFormed } from '../english-messages';
import { failures, loadSuite } from './w3c-suite';

const settings = { authorName: 'Ana Ruiz', now: Date.UTC(2026, 10, 27) };
const notes = generateNotes(2_000, 7);

describe.skipIf(!HAS_SHARED)('W3C Web Annotation export passes the W3C test suite (MUST assertions)', () => {
  const dir = join(SHARED_DIR, 'w3c-annotation-tests');
  let suite: ReturnType<typeof loadSuite>;
  beforeAll(() => {
    suite = loadSuite(dir);
  });

  it('compiles all 54 annotation, 10 collection and 15 page assertions', () => {
    expect([suite.annotationMusts.length, suite.collectionMusts.length, suite.pageMusts.length]).toEqual([54, 10, 15]);
  });

  it('the harness agrees with the suite: correct samples pass, incorrect ones fail', () => {
    const quirks = new Set(['anno11.json', 'anno12.json', 'anno13.json']); // 3.2-targetObjectsRecognized quirk (README)
    let checked = 0;
    for (const f of readdirSync(join(dir, 'samples/correct'))) {
      const doc = JSON.parse(readFileSync(join(dir, 'samples/correct', f), 'utf8'));
      // example42/43 are stand-alone AnnotationPages; the page assertions are written for a
      // collection with an embedded page, so they are not used on those two.
      if (doc.type === 'AnnotationPage') continue;
      checked++;
      const failed = doc.type === 'AnnotationCollection'
        ? [...failures(suite.collectionMusts, doc), ...(typeof doc.first === 'object' ? failures(suite.pageMusts, doc) : [])]
        : failures(suite.annotationMusts, doc);
      if (quirks.has(f)) expect(failed).toEqual(['annotations/3.2-targetObjectsRecognized.json']);
      else expect(failed, f).toEqual([]);
    }
    expect(checked).toBe(43);
    let rejected = 0, readable = 0;
    for (const f of readdirSync(join(dir, 'samples/incorrect'))) {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(join(dir, 'samples/incorrect', f), 'utf8'));
      } catch {
        continue;
      }
      readable++;
      if (failures(suite.annotationMusts, doc).length) rejected++;
    }
    expect(rejected).toBe(readable);
    // And the known pitfall: a Hypothesis-style RangeSelector is not a W3C one.
    const hypothesisRange = {
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:uuid:1', type: 'Annotation',
      target: { source: 'https://a.example/', selector: { type: 'RangeSelector', startContainer: '/p[1]', startOffset: 0, endContainer: '/p[2]', endOffset: 3 } },
    };
    expect(failures(suite.annotationMusts, hypothesisRange)).toContain('annotations/specificResource/4.2.8-rangeSelectorValid.json');
  });

  it('every exported annotation passes every MUST', () => {
    const doc = JSON.parse(exportWebAnnotations(notes, settings).content);
    const items = doc.first.items as unknown[];
    expect(items.length).toBe(notes.filter((n) => !n.deleted).length);
    const failed = new Map<string, number>();
    for (const a of items) for (const f of failures(suite.annotationMusts, a)) failed.set(f, (failed.get(f) ?? 0) + 1);
    expect([...failed]).toEqual([]);
  });

  it('the collection and its embedded page pass every MUST (also when empty)', () => {
    for (const list of [notes, []]) {
      const doc = JSON.parse(exportWebAnnotations(list, settings).content);
      expect(failures(suite.collectionMusts, doc)).toEqual([]);
      expect(failures(suite.pageMusts, doc)).toEqual([]);
    }
  });

  it('single-body, single-selector and page-note shapes pass too', () => {
    const [a] = generateNotes(1, 3, { tombstones: 0 });
    const shapes: Annotation[] = [
      { ...a, verdict: 'unrated', note: '', sources: [], tags: [], selectors: [] },
      { ...a, verdict: 'unrated', note: 'only a note', sources: [], tags: [], selectors: [{ type: 'TextPositionSelector', start: 1, end: 4 }], claim: '' },
      { ...a, pageUrl: 'https://ex.example/ä path?q=1 2', author: undefined },
    ];
    for (const s of shapes) expect(failures(suite.annotationMusts, webAnnotationOf(s, {}))).toEqual([]);
  });
});

describe('W3C Web Annotation export', () => {
  it('maps note, verdict, sources, tags, selectors, dates and creator', () => {
    const a: Annotation = {
      id: '0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', pageUrl: 'https://news.example.com/a', pageTitle: 'A',
      selectors: [{ type: 'TextQuoteSelector', exact: 'The sky is green', prefix: 'said ', suffix: '.' }, { type: 'TextPositionSelector', start: 10, end: 26 }],
      claim: 'The sky is green', verdict: 'mostly-false', note: 'It is blue.',
      sources: [{ url: 'https://met.example/sky', title: 'Sky colour', excerpt: 'blue', accessed: Date.UTC(2026, 0, 2) }],
      tags: ['sky'], created: Date.UTC(2026, 0, 1), updated: Date.UTC(2026, 0, 3), deleted: 0,
    };
    const w = webAnnotationOf(a, { authorName: 'Ana' });
    expect(w).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:uuid:0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', type: 'Annotation',
      motivation: 'assessing', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-03T00:00:00.000Z',
      creator: { type: 'Person', name: 'Ana' },
      target: { source: 'https://news.example.com/a', selector: a.selectors },
    });
    expect(w.body).toEqual([
      { type: 'TextualBody', purpose: 'assessing', value: 'Mostly false', format: 'text/plain', language: 'en' },
      { type: 'SpecificResource', purpose: 'classifying', source: `${VERDICT_IRI}mostly-false` },
      { type: 'TextualBody', purpose: 'commenting', value: 'It is blue.', format: 'text/plain' },
      {
        type: 'SpecificResource', purpose: 'linking', source: { id: 'https://met.example/sky', 'dc:title': 'Sky colour' },
        selector: { type: 'TextQuoteSelector', exact: 'blue' }, state: { type: 'TimeState', sourceDate: '2026-01-02T00:00:00.000Z' },
      },
      { type: 'TextualBody', purpose: 'tagging', value: 'sky' },
    ]);
  });

  it('leaves tombstones out and names the file', () => {
    const r = exportWebAnnotations(notes, settings);
    expect(r.count).toBe(notes.filter((n) => !n.deleted).length);
    expect(r.filename).toBe('factmark-annotations-2026-11-27.jsonld');
    expect(r.mime).toMatch(/^application\/ld\+json/);
  });

  it('round-trips through import (everything but the page title, which W3C has no field for)', () => {
    const parsed = parseImport(exportWebAnnotations(notes, settings).content, { now: 0 });
    expect(parsed.ok).toBe(true);
    expect(parsed.format).toBe('web-annotation');
    expect(parsed.items.filter((i) => i.status !== 'ok')).toEqual([]);
    // Notes without an author are exported with the reader's name as creator.
    const live = notes.filter((n) => !n.deleted).map((n) => ({ ...n, pageTitle: '', author: n.author ?? settings.authorName }));
    expect(parsed.annotations).toStrictEqual(live);
  });
});

describe('W3C / Hypothesis import', () => {
  const page = 'https://news.example.com/story';
  const one = (x: unknown) => parseImport(JSON.stringify(x), { now: 1000 });

  it('reads a single annotation with a string target as an unrated page note', () => {
    const r = one({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'http://example.org/anno6', type: 'Annotation', bodyValue: 'Comment text', target: page });
    expect(r.format).toBe('web-annotation');
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]).toMatchObject({ pageUrl: page, selectors: [], verdict: 'unrated', note: 'Comment text', claim: '', created: 1000, updated: 1000, deleted: 0 });
    expect(r.annotations[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Deterministic: the same file gives the same id.
    expect(one({ id: 'http://example.org/anno6', type: 'Annotation', bodyValue: 'x', target: page }).annotations[0].id).toBe(r.annotations[0].id);
  });

  it('reads object and array targets, refinedBy selectors, tags and a textual assessment', () => {
    const r = one([
      {
        type: 'Annotation', id: 'urn:uuid:11111111-2222-4333-8444-555555555555', motivation: 'assessing',
        body: [{ type: 'TextualBody', purpose: 'assessing', value: 'Pants on Fire!' }, { type: 'TextualBody', purpose: 'tagging', value: ' health ' }, 'https://who.example/report'],
        target: [
          { source: 'ftp://old.example/x' },
          { source: page, selector: { type: 'FragmentSelector', value: 'p5', refinedBy: { type: 'TextQuoteSelector', exact: 'Vaccines cause X', prefix: 'p'.repeat(400) } } },
          { source: 'https://other.example/' },
        ],
      },
    ]);
    expect(r.annotations).toHaveLength(1);
    const a = r.annotations[0];
    expect(a.id).toBe('11111111-2222-4333-8444-555555555555');
    expect(a.verdict).toBe('false');
    expect(a.tags).toEqual(['health']);
    expect(a.sources).toEqual([{ url: 'https://who.example/report' }]);
    expect(a.selectors).toEqual([{ type: 'TextQuoteSelector', exact: 'Vaccines cause X', prefix: 'p'.repeat(256) }]);
    expect(a.claim).toBe('Vaccines cause X');
    expect(englishAll(r.items[0].messages)).toMatch(/\d other target\(s\) ignored/);
  });

  it('reads a Hypothesis export (TextQuote/TextPosition kept, RangeSelector ignored)', () => {
    const hypothesis = {
      export_date: '2026-01-01T00:00:00.000Z', client_version: '1.1500.0',
      annotations: [{
        id: 'wEvz2Pc4EeyDr8-aGJGkRA', created: '2026-01-01T10:00:00.000000+00:00', updated: '2026-01-02T10:00:00.000000+00:00',
        user: 'acct:alice@hypothes.is', uri: `${page}?utm_source=x`, text: 'Needs a <b>source</b>', tags: ['climate', ''], group: '__world__',
        target: [{
          source: `${page}?utm_source=x`,
          selector: [
            { type: 'RangeSelector', startContainer: '/main[1]/p[2]', startOffset: 0, endContainer: '/main[1]/p[2]', endOffset: 20 },
            { type: 'TextPositionSelector', start: 100, end: 120 },
            { type: 'TextQuoteSelector', exact: 'Sea levels fell 2 m', prefix: 'that ', suffix: ' in' },
          ],
        }],
        document: { title: ['The story'] },
        links: { html: 'https://hypothes.is/a/wEvz2Pc4EeyDr8-aGJGkRA' },
      }],
    };
    const r = one(hypothesis);
    expect(r.format).toBe('hypothesis');
    expect(r.annotations[0]).toMatchObject({
      pageUrl: page, pageTitle: 'The story', claim: 'Sea levels fell 2 m', note: 'Needs a <b>source</b>', verdict: 'unrated',
      tags: ['climate'], author: 'alice', created: Date.parse('2026-01-01T10:00:00Z'), updated: Date.parse('2026-01-02T10:00:00Z'),
      selectors: [{ type: 'TextQuoteSelector', exact: 'Sea levels fell 2 m', prefix: 'that ', suffix: ' in' }, { type: 'TextPositionSelector', start: 100, end: 120 }],
    });
    expect(r.items[0].messages).toEqual([{ key: 'importTagDropped', subs: [2, { key: 'importEmptyTag' }] }]);
    expect(englishAll(r.items[0].messages)).toBe('tag 2 dropped: empty tag');
  });

  it('follows collections and pages, and says when pages are only linked', () => {
    const items = [{ type: 'Annotation', target: page, bodyValue: 'a' }, { type: 'Annotation', target: page, bodyValue: 'b' }];
    const embedded = one({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [items[0]], next: { type: 'AnnotationPage', items: [items[1]] } } });
    expect(embedded.annotations.map((a) => a.note)).toEqual(['a', 'b']);
    const linked = one({ type: 'AnnotationCollection', id: 'https://x.example/c', first: 'https://x.example/c/page1' });
    expect(linked.annotations).toEqual([]);
    expect(linked.messages).toContainEqual({ key: 'importPagesByUrl' });
    expect(englishAll(linked.messages)).toMatch(/by URL only/);
  });

  it('ignores semantic tags (IRIs) rather than calling them sources', () => {
    const r = one({ type: 'Annotation', body: { type: 'SpecificResource', purpose: 'tagging', source: 'http://example.org/city1' }, target: page });
    expect(r.annotations[0].sources).toEqual([]);
    expect(r.items[0].messages).toEqual([{ key: 'importSemanticTag', subs: ['http://example.org/city1'] }]);
    expect(r.items[0].messages.map(english)).toEqual(['semantic tag "http://example.org/city1" ignored']);
  });

  it('rejects annotations on non-http(s) pages with the reason', () => {
    const r = one([{ type: 'Annotation', target: 'javascript:alert(1)', bodyValue: 'x' }, { type: 'Annotation', target: 'urn:x-pdf:abc', bodyValue: 'y' }, { type: 'Annotation', target: page, bodyValue: 'z' }]);
    expect(r.items.map((i) => i.status)).toEqual(['rejected', 'rejected', 'ok']);
    expect(english(r.items[0].messages[0])).toBe('no http(s) page to attach it to (target: "javascript:" URLs are not allowed (only http and https))');
    expect(r.items[1].messages).toEqual([{ key: 'importNoPage', subs: [{ key: 'importTargetUrl', subs: [{ key: 'importUrlScheme', subs: ['urn:'] }] }] }]);
  });

  it.skipIf(!HAS_SHARED)('reads every correct W3C sample without throwing, with a reason for each refusal', () => {
    const dir = join(SHARED_DIR, 'w3c-annotation-tests/samples/correct');
    for (const f of readdirSync(dir)) {
      const r = parseImport(readFileSync(join(dir, f), 'utf8'), { now: 0 });
      expect(r.ok, f).toBe(true);
      for (const item of r.items) {
        if (item.status === 'rejected') expect(item.messages.length, f).toBeGreaterThan(0);
        for (const m of item.messages) expect(wellFormed(m) && english(m).length > 0, f).toBe(true);
      }
    }
  });
});
