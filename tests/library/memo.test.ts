import { describe, expect, it, vi } from 'vitest';
import { memoizeByString } from '@/utils/memo';
import { safeHttpUrl, sourceLabel } from '@/components/verdict/source-label';
import { siteOf } from '@/utils/search/fields';

describe('memoizeByString', () => {
  it('computes each input once, remembers undefined and null results, and stays bounded', () => {
    const fn = vi.fn((s: string) => (s === 'none' ? undefined : s === 'null' ? null : s.length));
    const memo = memoizeByString(fn, 3);
    expect([memo('ab'), memo('ab'), memo('none'), memo('none'), memo('null'), memo('null')]).toEqual([2, 2, undefined, undefined, null, null]);
    expect(fn).toHaveBeenCalledTimes(3);
    memo('four'); // the cache was full: emptied, then holds only this one
    memo('ab');
    expect(fn).toHaveBeenCalledTimes(5);
  });

  it('leaves the URL helpers answering as before', () => {
    for (let i = 0; i < 2; i++) {
      expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
      expect(safeHttpUrl('https://Example.org/a b')).toBe('https://example.org/a%20b');
      expect(safeHttpUrl('not a url')).toBeNull();
      expect(sourceLabel({ url: 'https://www.who.int/x' })).toBe('who.int');
      expect(sourceLabel({ url: 'nonsense' })).toBe('nonsense');
      expect(siteOf('https://WWW.News.example/a')).toBe('news.example');
      expect(siteOf('::')).toBe('');
    }
  });
});
