import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNotes } from '../../bench/generate-notes';
import { claimReviewOf, exportClaimReviews, knownClaimId } from '../../utils/formats/claim-review';
import { parseImport } from '../../utils/formats/import';
import { planMerge } from '../../utils/formats/merge';
import { verdictFromRatingName, verdictFromRatingValue } from '../../utils/formats/rating';
import type { Annotation } from '../../utils/model/annotation';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';
import { english, englishAll } from '../english-messages';

const one = (x: unknown) => parseImport(JSON.stringify(x), { now: 0 });

describe.skipIf(!HAS_SHARED)('ClaimReview examples from the field (../shared/claimreview-examples)', () => {
  const dir = join(SHARED_DIR, 'claimreview-examples');
  const read = (f: string) => parseImport(readFileSync(join(dir, f), 'utf8'), { now: 0 });

  it('every example imports as known claims', () => {
    const files = readdirSync(dir).filter((f) => /\.(json|jsonld)$/.test(f));
    expect(files).toHaveLength(7);
    for (const f of files) {
      const r = read(f);
      expect(r.ok, f).toBe(true);
      expect(r.knownClaims.length, f).toBeGreaterThan(0);
      expect(r.items.filter((i) => i.status === 'rejected'), f).toEqual([]);
      expect(r.annotations, f).toEqual([]);
    }
  });

  it("01 Google's canonical example", () => {
    const [k] = read('01_google_doc_world_is_flat.jsonld').knownClaims;
    expect(k).toMatchObject({
      text: 'The world is flat', verdict: 'false', ratingName: 'False', reviewUrl: 'https://example.com/news/science/worldisflat.html',
      publisher: 'Example.com science watch', claimant: 'Square World Society', appearanceUrls: ['https://example.com/news/a122121'], origin: 'claim-review',
    });
    expect(k.id).toBe(knownClaimId('The world is flat', k.reviewUrl, k.publisher));
  });

  it('02 CreativeWork back-compat (no appearance) → same review, same id', () => {
    const [k] = read('02_google_doc_backcompat_creativework.jsonld').knownClaims;
    expect(k).toMatchObject({ text: 'The world is flat', verdict: 'false', appearanceUrls: [], datePublished: '2024-06-22', updated: Date.UTC(2024, 5, 22) });
    expect(k.id).toBe(read('01_google_doc_world_is_flat.jsonld').knownClaims[0].id);
  });

  it('03 PolitiFact: the rating name is trusted over a contradicting number, and the reader is told', () => {
    const r = read('03_politifact_rick_perry_schemaorg_issue1061.jsonld');
    expect(r.knownClaims[0]).toMatchObject({ verdict: 'true', ratingName: 'True', publisher: 'politifact.com', claimant: 'Rich Perry' });
    expect(r.knownClaims[0].text).toBe('More than 3,000 homicides were committed by "illegal aliens" over the past six years.');
    expect(r.items[0].status).toBe('sanitised');
    expect(r.items[0].messages[0]).toEqual({ key: 'importRatingDisagrees', subs: [1, 1, 6, 'True'] });
    expect(english(r.items[0].messages[0])).toMatch(/rating 1 of 1–6 disagrees with "True"/);
  });

  it('04 Danish textual rating "Vildledende" with firstAppearance', () => {
    expect(read('04_mediemollen_dr_klima_real.jsonld').knownClaims[0]).toMatchObject({
      verdict: 'misleading', ratingName: 'Vildledende', publisher: 'Mediemøllen', claimant: 'Danmarks Radio',
      appearanceUrls: ['https://www.dr.dk/nyheder/viden/klima/det-er-sket-foer-vi-er-paa-vej-mod-et-klima-hvor-havet-igen-kan-stige-med-13'],
    });
  });

  it('05 MediaReview: the interpreted claim and the authenticity category', () => {
    expect(read('05_politifact_mediareview_mariah_carey_schemaorg.jsonld').knownClaims[0]).toMatchObject({
      text: 'Mariah Carey faked getting her COVID-19 vaccine because the needle can’t be seen coming out of her arm.',
      verdict: 'misleading', ratingName: 'Decontextualized Content', origin: 'media-review', appearanceUrls: ['https://www.instagram.com/p/CNtao_WA0Dr/'],
    });
  });

  it('06 sloppy real page: "Name", string numbers, a space in the URL', () => {
    expect(read('06_ebiquity_umbc_2017_real_page.jsonld').knownClaims[0]).toMatchObject({
      verdict: 'true', publisher: 'UMBC Ebiquity Research Group',
      reviewUrl: 'http://ebiquity.umbc.edu/blogger/2017/04/08/google-search-now-%20including-schema-org-fact-check-data',
    });
  });

  it('07 Fact Check Tools API response: one known claim per review', () => {
    const r = read('07_factchecktools_claims_search_response_sample.json');
    expect(r.format).toBe('fact-check-tools');
    expect(r.knownClaims.map((k) => [k.verdict, k.ratingName, k.publisher])).toEqual([
      ['false', 'False', 'Alt News'], ['misleading', 'Misleading', 'Newsmobile'], ['misleading', 'False Context', 'Newschecker'],
    ]);
    expect(r.knownClaims[0]).toMatchObject({ text: 'Silchar flooded due to "flood jihad"', language: 'en', origin: 'fact-check-tools', updated: Date.UTC(2022, 6, 11) });
  });
});

describe('ClaimReview import variants', () => {
  const review = (over: object = {}) => ({
    '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: 'Cats can fly', url: 'https://fc.example/cats',
    author: { '@type': 'Organization', name: 'FC' }, reviewRating: { '@type': 'Rating', alternateName: 'False' }, ...over,
  });

  it('reads arrays, @graph, mainEntity and full IRIs as types', () => {
    expect(one([review(), review({ claimReviewed: 'Dogs can fly' })]).knownClaims).toHaveLength(2);
    expect(one({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, review()] }).knownClaims).toHaveLength(1);
    expect(one({ '@type': 'WebPage', mainEntity: review() }).knownClaims).toHaveLength(1);
    expect(one(review({ '@type': 'http://schema.org/ClaimReview' })).knownClaims).toHaveLength(1);
    expect(one(review({ '@type': ['ClaimReview', 'Review'] })).knownClaims).toHaveLength(1);
    const others = one([review(), { '@type': 'Organization' }, 5]).messages;
    expect(others).toContainEqual({ key: 'importOtherNodes_other', subs: [2] });
    expect(others.map(english)).toContain('2 nodes that are not ClaimReview or MediaReview ignored');
    expect(one([review(), { '@type': 'Organization' }]).messages.map(english)).toContain('1 node that is not a ClaimReview or MediaReview ignored');
  });

  it('joins author arrays and reads claim text from a Claim when claimReviewed is missing', () => {
    const r = one(review({ claimReviewed: undefined, itemReviewed: { '@type': 'Claim', name: 'Cats can fly' }, author: [{ name: 'A' }, { name: 'B' }, 'C'] }));
    expect(r.knownClaims[0]).toMatchObject({ text: 'Cats can fly', publisher: 'A, B, C' });
  });

  it('rejects a review without claim text, with the reason', () => {
    const r = one(review({ claimReviewed: '' }));
    expect(r.items[0].status).toBe('rejected');
    expect(r.items[0].messages).toContainEqual({ key: 'importNoClaimText' });
    expect(r.items[0].messages.map(english)).toContain('no claim text (claimReviewed is missing or empty)');
  });

  it('falls back to the number, then to "unrated", saying which', () => {
    const byNumber = one(review({ reviewRating: { ratingValue: '2', bestRating: '5', worstRating: '1', alternateName: 'Eh' } }));
    expect(byNumber.knownClaims[0].verdict).toBe('mostly-false');
    expect(byNumber.items[0].messages).toEqual([{ key: 'importRatingNameUnknown', subs: ['Eh', 2, 1, 5] }]);
    expect(englishAll(byNumber.items[0].messages)).toMatch(/"Eh" not recognised; verdict taken from rating 2 of 1–5/);
    const none = one(review({ reviewRating: { alternateName: 'Satire' } }));
    expect(none.knownClaims[0].verdict).toBe('unrated');
    expect(englishAll(none.items[0].messages)).toMatch(/"Satire" not recognised; imported as unrated/);
  });

  it('keeps only http(s) URLs, with reasons', () => {
    const r = one(review({ url: 'javascript:alert(1)', itemReviewed: { '@type': 'Claim', appearance: [{ url: 'data:text/html,x' }, { url: 'https://ok.example/a' }] } }));
    expect(r.knownClaims[0].reviewUrl).toBeUndefined();
    expect(r.knownClaims[0].appearanceUrls).toEqual(['https://ok.example/a']);
    expect(r.items[0].messages).toContainEqual({ key: 'importReviewUrlDropped', subs: [{ key: 'importUrlScheme', subs: ['javascript:'] }] });
    expect(englishAll(r.items[0].messages)).toMatch(/review URL dropped: "javascript:"/);
    expect(englishAll(r.items[0].messages)).toMatch(/appearance URL dropped: "data:"/);
  });

  it('keeps text literally (entities and markup are not decoded)', () => {
    const text = 'A &quot;cure&quot; <script>alert(1)</script>';
    expect(one(review({ claimReviewed: text })).knownClaims[0].text).toBe(text);
  });
});

describe('rating names and numbers', () => {
  it.each([
    ['False', 'false'], ['FALSE', 'false'], ['Pants on Fire!', 'false'], ['Four Pinocchios', 'false'], ['Falso', 'false'],
    ['True', 'true'], ['Verdadero', 'true'], ['Mostly True', 'mostly-true'], ['Mostly false', 'mostly-false'], ['Half-True', 'mixed'],
    ['Mixture', 'mixed'], ['Partly false', 'mixed'], ['Misleading', 'misleading'], ['False Context', 'misleading'], ['Missing context', 'misleading'],
    ['Vildledende', 'misleading'], ['Engañoso', 'misleading'], ['Unproven', 'unverifiable'], ['False. The photo is from 2019', 'false'],
  ])('%s → %s', (name, verdict) => expect(verdictFromRatingName(name)).toBe(verdict));

  it('does not guess', () => {
    for (const n of ['Satire', 'Fact check', '', 'Explainer']) expect(verdictFromRatingName(n)).toBeUndefined();
  });

  it('places numbers on the scale', () => {
    expect([1, 2, 3, 4, 5].map((x) => verdictFromRatingValue(x))).toEqual(['false', 'mostly-false', 'mixed', 'mostly-true', 'true']);
    expect(verdictFromRatingValue(1, 6, 1)).toBe('false');
    expect(verdictFromRatingValue(6, 5, 1)).toBeUndefined();
    expect(verdictFromRatingValue(3, 1, 5)).toBeUndefined();
  });
});

describe('ClaimReview export', () => {
  const notes = generateNotes(500, 21);
  const settings = { authorName: 'Ana', now: Date.UTC(2026, 10, 27) };

  it('writes one ClaimReview per live note with a graded verdict', () => {
    const graded = notes.filter((n) => !n.deleted && ['true', 'mostly-true', 'mixed', 'mostly-false', 'false'].includes(n.verdict));
    const r = exportClaimReviews(notes, settings);
    const doc = JSON.parse(r.content);
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@graph']).toHaveLength(graded.length);
    expect(r.filename).toBe('factmark-claimreview-2026-11-27.jsonld');
    expect(r.mime).toBe('application/ld+json');
  });

  it('maps claim, rating, appearance, author, dates and sources', () => {
    const a: Annotation = {
      id: '0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', pageUrl: 'https://news.example.com/a', pageTitle: 'A page',
      selectors: [], claim: 'The sky is green', verdict: 'mostly-false', note: 'It is blue.',
      sources: [{ url: 'https://met.example/sky', title: 'Sky colour', excerpt: 'blue' }],
      tags: ['sky', 'colour'], created: Date.UTC(2026, 0, 1), updated: Date.UTC(2026, 0, 3), deleted: 0,
    };
    expect(claimReviewOf(a, settings)).toEqual({
      '@type': 'ClaimReview', '@id': 'urn:uuid:0b0e4b5e-8f3c-4b8a-9a51-1c2d3e4f5a6b', claimReviewed: 'The sky is green',
      itemReviewed: { '@type': 'Claim', appearance: { '@type': 'CreativeWork', url: 'https://news.example.com/a', headline: 'A page' } },
      author: { '@type': 'Person', name: 'Ana' },
      datePublished: '2026-01-01T00:00:00.000Z', dateModified: '2026-01-03T00:00:00.000Z',
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
      reviewBody: 'It is blue.',
      citation: [{ '@type': 'CreativeWork', url: 'https://met.example/sky', name: 'Sky colour', text: 'blue' }],
      keywords: 'sky, colour',
    });
    for (const v of ['misleading', 'unverifiable', 'unrated'] as const) expect(claimReviewOf({ ...a, verdict: v })).toBeUndefined();
    expect(claimReviewOf({ ...a, deleted: 5 })).toBeUndefined();
  });

  it('an edited note, exported again, updates its known claim instead of adding one', () => {
    const [a] = notes.filter((n) => !n.deleted && n.verdict === 'false');
    const first = parseImport(exportClaimReviews([a]).content).knownClaims[0];
    const edited = parseImport(exportClaimReviews([{ ...a, claim: a.claim + ' (edited)', updated: a.updated + 1000 }]).content).knownClaims[0];
    expect(edited.id).toBe(first.id);
    expect(planMerge(new Map([[first.id, first]]), [edited]).update).toEqual([edited]);
  });

  it('imports back as known claims with the same verdicts', () => {
    const r = parseImport(exportClaimReviews(notes, settings).content);
    const graded = notes.filter((n) => !n.deleted && ['true', 'mostly-true', 'mixed', 'mostly-false', 'false'].includes(n.verdict));
    expect(r.format).toBe('claim-review');
    expect(r.knownClaims.map((k) => [k.text, k.verdict, k.appearanceUrls[0]])).toEqual(graded.map((n) => [n.claim, n.verdict, n.pageUrl]));
  });
});
