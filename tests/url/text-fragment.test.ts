import { describe, expect, it } from 'vitest';
import { textDirective, urlAtQuote } from '@/utils/url/text-fragment';

describe('textDirective', () => {
  it('gives a short quote whole, percent-encoded, with the directive syntax characters escaped', () => {
    expect(textDirective('Russia launched an invasion of Ukraine on February 24.')).toBe(
      'text=Russia%20launched%20an%20invasion%20of%20Ukraine%20on%20February%2024.',
    );
    expect(textDirective('a well-known claim, 5 & 6')).toBe('text=a%20well%2Dknown%20claim%2C%205%20%26%206');
  });

  it('gives a long quote by its first and last four words', () => {
    const quote =
      'According to the UN, more than 2 million Ukrainians have fled the country seeking shelter in neighbouring countries as Russia pounds major Ukrainian cities.';
    expect(textDirective(quote)).toBe('text=According%20to%20the%20UN%2C,pounds%20major%20Ukrainian%20cities.');
  });

  it('collapses whitespace and has nothing to say about an empty quote', () => {
    expect(textDirective('  two\n  words ')).toBe('text=two%20words');
    expect(textDirective('   ')).toBeNull();
  });
});

describe('urlAtQuote', () => {
  it('adds the directive to a page URL, after its own fragment when it has one', () => {
    expect(urlAtQuote('https://news.example/a', 'the claim')).toBe('https://news.example/a#:~:text=the%20claim');
    expect(urlAtQuote('https://news.example/a#section', 'the claim')).toBe('https://news.example/a#section:~:text=the%20claim');
  });

  it('replaces a directive the stored URL already carries', () => {
    expect(urlAtQuote('https://news.example/a#:~:text=old', 'new')).toBe('https://news.example/a#:~:text=new');
  });

  it('leaves the URL alone for page notes and for pages that are not http(s)', () => {
    expect(urlAtQuote('https://news.example/a', '')).toBe('https://news.example/a');
    expect(urlAtQuote('https://news.example/a', undefined)).toBe('https://news.example/a');
    expect(urlAtQuote('file:///home/me/a.html', 'the claim')).toBe('file:///home/me/a.html');
  });
});
