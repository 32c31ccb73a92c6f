import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate-notes';
import { foldForMatching, foldedWords } from '../../utils/known-claims/fold';
import { asciiShingles, shinglesOfWords, similarity } from '../../utils/known-claims/shingles';

describe('foldForMatching', () => {
  it.each([
    ['More than 3,000 homicides were committed by “illegal aliens”!', 'more than 3000 homicides were committed by illegal aliens'],
    ['Vi er på vej mod et klima, hvor havet igen kan stige med 13 meter', 'vi er pa vej mod et klima hvor havet igen kan stige med 13 meter'],
    ['Straße · Ærø · Œuvre · Łódź · İstanbul', 'strasse aero oeuvre lodz istanbul'],
    ['The ﬁrst ＦＵＬＬＷＩＤＴＨ text', 'the first fullwidth text'],
    ["Don't — won’t; rock'n'roll", 'dont wont rocknroll'],
    ['1.000.000 people; 1\u00a0000\u00a0000 (nbsp) — in 2019 300 people', '1000000 people 1000000 nbsp in 2019 300 people'],
    ['3.5 million, 2.25%', '3 5 million 2 25'],
    ['  <b>tags</b> & \u0000 control\u2028chars  ', 'b tags b control chars'],
    ['', ''],
    ['!!!', ''],
  ])('%j → %j', (input, out) => {
    expect(foldForMatching(input)).toBe(out);
  });

  it('the ASCII fast path agrees with the Unicode path', () => {
    const rng = mulberry32(5);
    const alphabet = "abcXYZ019 ,.'`-!?\"()[]{}:;/\\\t\n";
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: Math.floor(rng() * 40) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      // Adding a non-ASCII character that folds to nothing forces the Unicode path.
      expect(foldForMatching(s + '\u0301')).toBe(foldForMatching(s));
    }
  });
});

describe('similarity', () => {
  it('is 1 for re-punctuated, re-cased, accented copies', () => {
    expect(similarity('THE WORLD, IS FLAT!', 'The world is flat').jaccard).toBe(1);
    expect(similarity('Thé wörld is flât.', 'The world is flat').jaccard).toBe(1);
  });
  it('keeps word order', () => {
    expect(similarity('dogs bite men', 'men bite dogs').jaccard).toBe(0);
  });
  it('measures containment of the claim', () => {
    const s = similarity('According to a viral post, the moon landing in 1969 was staged in a studio, experts say', 'the moon landing in 1969 was staged in a studio');
    expect(s.containment).toBe(1);
    expect(s.jaccard).toBeLessThan(0.6);
  });
});

describe('the one-pass ASCII shingler', () => {
  it('gives exactly the shingles of the general path', () => {
    const rng = mulberry32(8);
    const alphabet = "abcdeXYZ0123 ,,..''`-!?\"()\t\n";
    for (let n = 0; n < 5000; n++) {
      const s = Array.from({ length: Math.floor(rng() * 60) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      expect([...(asciiShingles(s) ?? [])], JSON.stringify(s)).toEqual([...shinglesOfWords(foldedWords(s))]);
    }
    for (const s of ['1,000,000 people', "rock'n'roll", "don't", "3'000", 'a,000', '1,0000', "'quoted'", 'x', '', '...'])
      expect([...(asciiShingles(s) ?? [])], s).toEqual([...shinglesOfWords(foldedWords(s))]);
    expect(asciiShingles('café')).toBeUndefined();
  });
});
