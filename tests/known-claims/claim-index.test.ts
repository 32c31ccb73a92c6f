import { describe, expect, it } from 'vitest';
import { editClaim, generateKnownClaims, generatePage, makeVocabulary, mulberry32, sentence } from '../../bench/generate-notes';
import { KnownClaimIndex, claimParts } from '../../utils/known-claims/claim-index';
import { knownClaimFromAnnotation } from '../../utils/known-claims/from-annotation';
import { similarity } from '../../utils/known-claims/shingles';
import type { Annotation } from '../../utils/model/annotation';

const pairs = (ms: { sentenceIndex: number; claimIndex: number }[]) => ms.map((m) => `${m.sentenceIndex}:${m.claimIndex}`);

describe('KnownClaimIndex', () => {
  const claims = [
    { text: 'More than 3,000 homicides were committed by "illegal aliens" over the past six years.' },
    { text: 'The world is flat' },
    { text: 'Vaccines cause autism in young children according to a study published in 1998.' },
    { text: 'Unemployment fell to its lowest level in fifty years last month. Wages rose by four percent over the same period.' },
  ];
  const index = KnownClaimIndex.build(claims);

  it('finds syndicated copies and small edits', () => {
    const page = [
      'MORE THAN 3000 HOMICIDES WERE COMMITTED BY ILLEGAL ALIENS OVER THE PAST SIX YEARS',
      'More than 3,000 homicides were committed by illegal immigrants over the past six years.',
      'The world is flat.',
      'Perry said that more than 3,000 homicides were committed by "illegal aliens" over the past six years, a figure disputed by experts.',
      'Vaccines cause autism in young children, according to a study published in 1998?',
    ];
    expect(pairs(index.match(page))).toEqual(['0:0', '1:0', '2:1', '3:0', '4:2']);
    const m = index.matchSentence(page[3])[0];
    expect(m.containment).toBe(1);
    expect(m.score).toBe(1);
  });

  it('does not match unrelated or merely topical sentences', () => {
    const page = [
      'The world is round.',
      'Homicides were down last year, the police said.',
      'Children should be vaccinated according to the schedule.',
      'It is flat, the world, some say.',
      '',
      '!!!',
    ];
    expect(index.match(page)).toEqual([]);
  });

  it('matches each sentence of a multi-sentence claim on its own', () => {
    const m = index.match(['Wages rose by four percent over the same period.', 'Unemployment fell to its lowest level in fifty years last month.']);
    expect(pairs(m)).toEqual(['0:3', '1:3']);
    expect(claimParts(claims[3].text)).toHaveLength(3);
    expect(claimParts('U.S. officials say the world is flat')).toHaveLength(1);
  });

  it('gives exactly the answer of the naive scan (generated claims and pages)', () => {
    const v = makeVocabulary(5_000, 3);
    const many = generateKnownClaims(5_000, 9, v);
    const idx = KnownClaimIndex.build(many);
    for (let seed = 1; seed <= 4; seed++) {
      const page = generatePage(many, 150, 20, seed, v);
      const fast = idx.match(page.sentences);
      const slow = idx.naiveMatch(page.sentences);
      expect(pairs(fast)).toEqual(pairs(slow));
      expect(fast.map((m) => m.score)).toEqual(slow.map((m) => m.score));
    }
  });

  it('is exact at other thresholds too', () => {
    const v = makeVocabulary(3_000, 4);
    const many = generateKnownClaims(3_000, 10, v);
    const rng = mulberry32(11);
    const page = [...Array.from({ length: 100 }, () => sentence(rng, v, 3, 30)), ...many.slice(0, 60).map((c) => editClaim(rng, c.text, v))];
    for (const o of [{ threshold: 0.3 }, { threshold: 0.7, containment: 0.6 }, { threshold: 0.9, minContainmentShingles: 2 }]) {
      const idx = KnownClaimIndex.build(many, o);
      expect(pairs(idx.match(page))).toEqual(pairs(idx.naiveMatch(page)));
    }
  });

  it('finds every planted edited claim among 20,000', () => {
    const v = makeVocabulary();
    const many = generateKnownClaims(20_000, 12, v);
    const idx = KnownClaimIndex.build(many);
    const page = generatePage(many, 500, 40, 13, v);
    const found = idx.match(page.sentences);
    for (const [s, c] of page.planted) expect(found.some((m) => m.sentenceIndex === s && m.claimIndex === c)).toBe(true);
    // And the random sentences match nothing (they share words, not claims).
    expect(found.filter((m) => !page.planted.has(m.sentenceIndex))).toEqual([]);
  });

  it('verifies with the same similarity it reports', () => {
    const [m] = index.matchSentence('The world is flat!');
    expect(m.jaccard).toBe(similarity('The world is flat!', claims[1].text).jaccard);
  });

  it('restores from a structured-cloned snapshot, and refuses one of another claim set', () => {
    const snap = structuredClone(index.snapshot());
    const restored = KnownClaimIndex.restore(snap, claims)!;
    const page = ['The world is flat.', 'MORE THAN 3000 HOMICIDES WERE COMMITTED BY ILLEGAL ALIENS OVER THE PAST SIX YEARS', 'Wages rose by four percent over the same period.'];
    expect(pairs(restored.match(page))).toEqual(pairs(index.match(page)));
    expect(KnownClaimIndex.restore(snap, [...claims].reverse())).toBeUndefined();
    expect(KnownClaimIndex.restore(snap, claims.slice(1))).toBeUndefined();
    expect(KnownClaimIndex.restore(snap, claims.map((c, i) => (i === 1 ? { text: 'The world is round' } : c)))).toBeUndefined();
  });

  it('refuses nonsensical thresholds', () => {
    expect(() => KnownClaimIndex.build(claims, { threshold: 0 })).toThrow(RangeError);
  });

  it("indexes the reader's own graded notes as known claims", () => {
    const a = {
      id: '0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', pageUrl: 'https://p.example/', pageTitle: '', selectors: [], claim: 'The world is flat',
      verdict: 'false', note: '', sources: [{ url: 'https://s.example/' }], tags: [], author: 'Ana', created: 1, updated: 2, deleted: 0,
    } satisfies Annotation;
    expect(knownClaimFromAnnotation(a)).toEqual({
      id: 'note:0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', text: 'The world is flat', verdict: 'false', ratingName: 'False', publisher: 'Ana',
      reviewUrl: 'https://p.example/#:~:text=The%20world%20is%20flat',
      appearanceUrls: ['https://p.example/'], datePublished: '1970-01-01T00:00:00.002Z', origin: 'note', updated: 2,
    });
    expect(knownClaimFromAnnotation({ ...a, verdict: 'unrated' })).toBeUndefined();
    expect(knownClaimFromAnnotation({ ...a, deleted: 3 })).toBeUndefined();
  });
});
