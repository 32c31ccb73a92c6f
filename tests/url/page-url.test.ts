import { describe, expect, it } from 'vitest';
import { canonicalHref, isAnnotatableUrl, normalizePageUrl, pageKeys } from '@/utils/url/page-url';

describe('normalizePageUrl', () => {
  it.each([
    ['https://www.Example.com/news/a?utm_source=tw&utm_medium=x', 'https://example.com/news/a'],
    ['https://example.com/news/a/#comments', 'https://example.com/news/a'],
    ['https://example.com/news/a?fbclid=abc&id=3&gclid=z', 'https://example.com/news/a?id=3'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://127.0.0.1:8123/seed/', 'http://127.0.0.1:8123/seed'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com/a?q=x%20y', 'https://example.com/a?q=x+y'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePageUrl(input)).toBe(expected);
  });

  it('leaves non-web and invalid URLs alone', () => {
    expect(normalizePageUrl('chrome://extensions')).toBe('chrome://extensions');
    expect(normalizePageUrl('not a url')).toBe('not a url');
    expect(isAnnotatableUrl('chrome://extensions')).toBe(false);
    expect(isAnnotatableUrl('https://a.example/')).toBe(true);
  });
});

describe('pageKeys', () => {
  it('puts the canonical URL first and keeps the page’s own', () => {
    expect(pageKeys('https://m.example.com/a?utm_campaign=x', 'https://example.com/a')).toEqual([
      'https://example.com/a',
      'https://m.example.com/a',
    ]);
  });
  it('ignores a canonical equal to the page, a relative one is resolved, a javascript: one is ignored', () => {
    expect(pageKeys('https://example.com/a#x', 'https://example.com/a')).toEqual(['https://example.com/a']);
    expect(pageKeys('https://example.com/a', 'javascript:alert(1)')).toEqual(['https://example.com/a']);
  });
  it('reads the canonical link from a document', () => {
    document.head.innerHTML = '<link rel="canonical" href="https://example.com/story">';
    expect(canonicalHref(document)).toBe('https://example.com/story');
  });
});
