import { describe, expect, it } from 'vitest';
import { checkSourceUrl, emptyValues, parseTags, validateEditor, valuesFromNote, type EditorValues } from '@/components/page/editor-form';
import { useEnglishMessages } from '../english-messages';

useEnglishMessages();

const values = (patch: Partial<EditorValues> = {}): EditorValues => ({ ...emptyValues(), ...patch });
const src = (url: string, title = '', excerpt = '') => ({ url, title, excerpt });

describe('checkSourceUrl', () => {
  it.each([
    ['https://press.un.org/en/2022/ga12407.doc.htm', null],
    ['http://example.org', null],
    ['  https://example.org/a?b=c#d  ', null],
  ])('accepts %s', (url, expected) => {
    expect(checkSourceUrl(url)).toBe(expected);
  });

  it.each([
    ['', /Enter the source/],
    ['javascript:alert(1)', /Only http\(s\) addresses can be sources, not javascript:/],
    ['data:text/html,<b>x</b>', /not data:/],
    ['ftp://files.example.org/report.pdf', /not ftp:/],
    ['file:///etc/passwd', /not file:/],
    ['press.un.org/en/2022/ga12407.doc.htm', /needs its scheme: https:\/\/press\.un\.org/],
    ['not a url', /is not a web address/],
    [`https://example.org/${'a'.repeat(2100)}`, /limited to 2048/],
  ])('refuses %s with a message', (url, message) => {
    expect(checkSourceUrl(url)).toMatch(message);
  });
});

describe('validateEditor', () => {
  it('requires a source for every verdict but "unrated"', () => {
    const r = validateEditor(values({ verdict: 'false' }));
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'source-url-0', message: expect.stringContaining('needs at least one http(s) source') }] });
    expect(validateEditor(values({ verdict: 'unrated' }))).toEqual({ ok: true, value: { verdict: 'unrated', note: '', sources: [], tags: [] } });
  });

  it('refuses an invalid source URL with the row it is in, and does not add the "needs a source" error on top', () => {
    const r = validateEditor(values({ verdict: 'mixed', sources: [src('https://ok.example/'), src('javascript:alert(1)', 'Bad')] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ field: 'source-url-1', message: expect.stringMatching(/^Source 2: Only http\(s\)/) }]);
    const only = validateEditor(values({ verdict: 'false', sources: [src('ftp://x.example/')] }));
    expect(!only.ok && only.errors.map((e) => e.field)).toEqual(['source-url-0']);
  });

  it('an invalid URL is refused even for "unrated"', () => {
    expect(validateEditor(values({ verdict: 'unrated', sources: [src('javascript:void 0')] })).ok).toBe(false);
  });

  it('skips empty source rows, trims fields, stamps accessed on new sources only', () => {
    const r = validateEditor(
      values({
        verdict: 'true',
        note: '  Checked against the record.  ',
        sources: [src(''), src(' https://press.un.org/x ', ' UN ', ' "141 in favour" '), { ...src('https://old.example/'), accessed: 5 }],
        tags: 'un, #votes, UN , ',
      }),
      1000,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        verdict: 'true',
        note: 'Checked against the record.',
        sources: [
          { url: 'https://press.un.org/x', title: 'UN', excerpt: '"141 in favour"', accessed: 1000 },
          { url: 'https://old.example/', accessed: 5 },
        ],
        tags: ['un', 'votes'],
      },
    });
  });

  it('a row with only a title is an error (a source needs its address)', () => {
    const r = validateEditor(values({ verdict: 'unrated', sources: [src('', 'A report')] }));
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'source-url-0', message: 'Source 1: Enter the source’s address' }] });
  });

  it('enforces the model limits (note, tags, excerpt)', () => {
    const r = validateEditor(
      values({ verdict: 'unrated', note: 'x'.repeat(20_001), tags: 't'.repeat(65), sources: [src('https://a.example/', '', 'e'.repeat(5001))] }),
    );
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(['note', 'source-excerpt-0', 'tags']);
  });
});

describe('parseTags', () => {
  it.each([
    ['', []],
    ['a, b,c', ['a', 'b', 'c']],
    ['#un-vote, #UN-vote', ['un-vote']],
    ['  two  words , x\ny', ['two words', 'x', 'y']],
  ])('%j → %j', (text, tags) => {
    expect(parseTags(text)).toEqual(tags);
  });
});

describe('valuesFromNote', () => {
  it('round-trips a stored note into the form and back', () => {
    const note = { verdict: 'false' as const, note: 'n', sources: [{ url: 'https://a.example/', title: 'A', accessed: 7 }], tags: ['x', 'y'] };
    const v = valuesFromNote(note);
    expect(v).toEqual({ verdict: 'false', note: 'n', sources: [{ url: 'https://a.example/', title: 'A', excerpt: '', accessed: 7 }], tags: 'x, y' });
    expect(validateEditor(v, 99)).toEqual({ ok: true, value: note });
  });
  it('gives an empty source row to a note without sources', () => {
    expect(valuesFromNote({ verdict: 'unrated', note: '', sources: [], tags: [] }).sources).toHaveLength(1);
  });
});
