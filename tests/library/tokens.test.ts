import { describe, expect, it } from 'vitest';
import { annotationWords, foldText, matchesTokens, queryTokens, tokenize, urlTokens } from '@/utils/search/tokens';

describe('search tokens', () => {
  it.each([
    ['Ökonomie', 'okonomie'],
    ['ÉCOLE Française', 'ecole francaise'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['İstanbul', 'istanbul'],
    ['naïve café', 'naive cafe'],
    ['ＡＢＣ', 'ａｂｃ'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('splits on anything but letters and digits and keeps figures whole', () => {
    expect(tokenize('UN-Vote: 3,000 people (2024) don’t agree; 5 percent')).toEqual([
      'un', 'vote', '3000', 'people', '2024', 'dont', 'agree', '5', 'percent',
    ]);
  });

  it('drops single letters but keeps single digits', () => {
    expect(tokenize('a 5 b cd')).toEqual(['5', 'cd']);
  });

  it('tokenises scripts without case and without spaces between words as whole runs', () => {
    expect(tokenize('Ünïcödé ✓ 中文 עברית العربية')).toEqual(['unicode', '中文', 'עברית', 'العربية']);
  });

  it('cuts very long tokens the same way for index and query', () => {
    const long = 'x'.repeat(100);
    expect(tokenize(long)[0]).toHaveLength(40);
    expect(matchesTokens(tokenize(long), queryTokens(long))).toBe(true);
  });

  it('takes words from a URL without its scheme, www and query string', () => {
    expect(urlTokens('https://www.reuters.com/world/inflation-2024?lang=en#top')).toEqual(['reuters', 'com', 'world', 'inflation', '2024']);
    expect(urlTokens('https://example.org/caf%C3%A9')).toEqual(['example', 'org', 'cafe']);
    expect(urlTokens('https://example.org/%E0%A4%A')).toEqual(['example', 'org', 'e0', 'a4']);
  });

  it('indexes claim, note, source titles and URLs and tags, once each, sorted', () => {
    const words = annotationWords({
      claim: 'Unemployment fell to 3.5%',
      note: 'The bureau says unemployment rose.',
      sources: [{ url: 'https://bls.gov/news/empsit', title: 'Employment Situation Summary' }],
      tags: ['Jobs-Report'],
    });
    expect(words).toEqual([...words].sort());
    expect(new Set(words).size).toBe(words.length);
    for (const w of ['unemployment', 'fell', 'bureau', 'rose', 'bls', 'gov', 'empsit', 'employment', 'situation', 'summary', 'jobs', 'report']) {
      expect(words).toContain(w);
    }
  });

  it('leaves function words out of prose, but not out of host names and tags', () => {
    const words = annotationWords({
      claim: 'The rate of the virus',
      note: 'Who said it?',
      sources: [{ url: 'https://www.who.int/news', title: 'From the WHO' }],
      tags: ['the-end'],
    });
    expect(words).toEqual(['end', 'int', 'news', 'rate', 'said', 'the', 'virus', 'who']);
    expect(queryTokens('the virus of')).toEqual(['virus']);
    expect(queryTokens('who')).toEqual(['who']);
  });

  it('prefix-matches every query token (AND) after folding', () => {
    const words = annotationWords({ claim: 'Die Ökonomie wächst', note: '', sources: [], tags: [] });
    expect(matchesTokens(words, queryTokens('öko WACH'))).toBe(true);
    expect(matchesTokens(words, queryTokens('oko sinkt'))).toBe(false);
    expect(queryTokens('un union UN')).toEqual(['union']);
    expect(queryTokens('  ')).toEqual([]);
  });
});
