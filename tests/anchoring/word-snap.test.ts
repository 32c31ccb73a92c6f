import { describe, expect, it } from 'vitest';
import { snapToWords } from '@/utils/anchoring/word-snap';

const text = 'Russia launched an invasion of Ukraine on February 24. Turkey’s diplomatic chief said so.';
const cut = (start: number, end: number) => {
  const r = snapToWords(text, start, end);
  return text.slice(r.start, r.end);
};
const at = (s: string) => text.indexOf(s);

describe('snapToWords', () => {
  it('widens a selection that ends a letter into the next word to that whole word', () => {
    expect(cut(0, at(' on') + 2)).toBe('Russia launched an invasion of Ukraine on');
  });

  it('widens a selection that starts or ends inside a word, on both sides', () => {
    expect(cut(at('ussia'), at('aunched') + 3)).toBe('Russia launched');
    expect(cut(at('vasion'), at('vasion') + 3)).toBe('invasion');
  });

  it('keeps selections that already fall on word edges, spaces and punctuation', () => {
    expect(cut(0, at(' launched'))).toBe('Russia');
    expect(cut(at('February'), at('.') + 1)).toBe('February 24.');
    expect(cut(at('Turkey'), at('’s'))).toBe('Turkey');
  });

  it('treats letters with diacritics and digits as word characters', () => {
    const t = 'Le président a dit 12345 fois non.';
    const r = snapToWords(t, t.indexOf('ésident'), t.indexOf('234') + 2);
    expect(t.slice(r.start, r.end)).toBe('président a dit 12345');
  });

  it('leaves scripts written without spaces as selected', () => {
    const t = '东京是日本的首都，人口超过一千万。';
    expect(snapToWords(t, 2, 5)).toEqual({ start: 2, end: 5 });
  });

  it('does not swallow a run longer than a word (a URL or a hash)', () => {
    const t = `see ${'a'.repeat(60)} here`;
    expect(snapToWords(t, 20, 30)).toEqual({ start: 20, end: 30 });
  });

  it('returns empty and reversed spans unchanged', () => {
    expect(snapToWords(text, 5, 5)).toEqual({ start: 5, end: 5 });
    expect(snapToWords(text, 9, 3)).toEqual({ start: 9, end: 3 });
  });
});
