import { describe, expect, it } from 'vitest';
import { rangesOverlap } from '@/utils/highlighting/overlap';

function rangeOf(text: Text, start: number, end: number): Range {
  const r = document.createRange();
  r.setStart(text, start);
  r.setEnd(text, end);
  return r;
}

describe('rangesOverlap', () => {
  const p = document.createElement('p');
  p.textContent = 'According to the UN, more than 2 million Ukrainians have fled the country.';
  document.body.append(p);
  const text = p.firstChild as Text;

  it('is true for a range inside another, partial overlaps and equal ranges, either way round', () => {
    const sentence = rangeOf(text, 0, text.length);
    const quote = rangeOf(text, 21, 52);
    expect(rangesOverlap(sentence, quote)).toBe(true);
    expect(rangesOverlap(quote, sentence)).toBe(true);
    expect(rangesOverlap(rangeOf(text, 0, 25), rangeOf(text, 20, 40))).toBe(true);
    expect(rangesOverlap(quote, rangeOf(text, 21, 52))).toBe(true);
  });

  it('is false for disjoint and merely touching ranges', () => {
    expect(rangesOverlap(rangeOf(text, 0, 10), rangeOf(text, 20, 30))).toBe(false);
    expect(rangesOverlap(rangeOf(text, 0, 20), rangeOf(text, 20, 30))).toBe(false);
    expect(rangesOverlap(rangeOf(text, 20, 30), rangeOf(text, 0, 20))).toBe(false);
  });

  it('is false for ranges in different documents', () => {
    const other = document.implementation.createHTMLDocument('other');
    const q = other.createElement('p');
    q.textContent = 'elsewhere';
    other.body.append(q);
    const r = other.createRange();
    r.selectNodeContents(q);
    expect(rangesOverlap(rangeOf(text, 0, 5), r)).toBe(false);
  });
});
