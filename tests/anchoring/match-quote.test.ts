import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../utils/anchoring/match-quote';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';

const TWO_CITIES =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, ' +
  'it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of ' +
  'Darkness, it was the spring of hope, it was the winter of despair.';

describe('matchQuote', () => {
  it('finds a unique exact quote without any context', () => {
    const m = matchQuote(TWO_CITIES, 'the epoch of incredulity');
    expect(m).toMatchObject({ start: TWO_CITIES.indexOf('the epoch of incredulity'), errors: 0 });
  });

  it('picks the occurrence whose prefix and suffix match', () => {
    const quote = 'it was the season of';
    const second = TWO_CITIES.indexOf(quote, TWO_CITIES.indexOf(quote) + 1);
    const m = matchQuote(TWO_CITIES, quote, { prefix: 'the season of Light, ', suffix: ' Darkness' });
    expect(m?.start).toBe(second);
  });

  it('lets the position hint decide between occurrences with equal context', () => {
    const text = 'Photo: AP. First story text here. Photo: AP. Second story text here.';
    const second = text.lastIndexOf('Photo: AP.');
    expect(matchQuote(text, 'Photo: AP.', { hint: second })?.start).toBe(second);
    expect(matchQuote(text, 'Photo: AP.', { hint: 0 })?.start).toBe(0);
  });

  it('orphans a quote repeated with equal context and no position hint', () => {
    const text = 'intro. Read more: see below. middle part. Read more: see below. end.';
    expect(matchQuote(text, 'Read more', { suffix: ': see below.' })).toBeNull();
  });

  it('finds an edited quote (fuzzy) and reports its errors', () => {
    const text = 'Before. The minister said the talks failed on Thrusday afternoon. After.';
    const quote = 'The minister said the talks failed on Thursday afternoon.';
    const m = matchQuote(text, quote, { prefix: 'Before. ', suffix: ' After.', hint: 8 });
    expect(m).not.toBeNull();
    expect(text.slice(m!.start, m!.end)).toBe('The minister said the talks failed on Thrusday afternoon.');
    expect(m!.errors).toBeGreaterThan(0);
    expect(m!.score).toBeLessThan(1);
  });

  it('orphans a quote that is gone, even with its context still there', () => {
    const text = 'The summit opened on Monday. Delegations left on Friday without a statement.';
    const m = matchQuote(text, 'Both sides agreed to meet again in April.', {
      prefix: 'The summit opened on Monday. ',
      suffix: ' Delegations left on Friday',
      hint: 29,
    });
    expect(m).toBeNull();
  });

  it('orphans a weak fuzzy candidate: a different item of the same template', () => {
    const text =
      '^ "Penguins". Department of Conservation. Retrieved 7 March 2011. ' +
      '^ "Whales". Department of Conservation. Retrieved 7 March 2011.';
    const quote = '^ "Sea and shore birds". Department of Conservation. Retrieved 7 March 2011.';
    expect(matchQuote(text, quote, { prefix: '', suffix: ' ^ "Whales"', hint: 0 })).toBeNull();
  });

  it('prefers the verbatim quote moved elsewhere to a near-copy in its old place', () => {
    const moved = 'Music: Pipe Bands. An Encyclopaedia of New Zealand.';
    const text = `Intro. Music: Brass Bands. An Encyclopaedia of New Zealand. Other text here. ${moved} Outro.`;
    const m = matchQuote(text, moved, { prefix: 'Intro. ', suffix: ' Other text', hint: 7 });
    expect(m === null || m.start === text.indexOf(moved)).toBe(true);
  });

  it('orphans an edited quote far from its position when the context does not agree', () => {
    const text = `${'filler words '.repeat(40)}The talks failed on Thursday, officials said. ${'more filler '.repeat(40)}`;
    const m = matchQuote(text, 'The talks failed on Thursday, officials say.', {
      prefix: 'unrelated prefix text ',
      suffix: ' unrelated suffix',
      hint: 0,
    });
    expect(m).toBeNull();
  });

  it('returns null for an empty quote or text', () => {
    expect(matchQuote('', 'x')).toBeNull();
    expect(matchQuote('x', '')).toBeNull();
  });
});

describe.skipIf(!HAS_SHARED)('Hypothesis match-quote cases (../shared/anchoring-cases)', () => {
  interface Case {
    text: string;
    quote: string;
    prefix?: string;
    suffix?: string;
    expectedAt: string;
  }
  const data = HAS_SHARED
    ? (JSON.parse(readFileSync(resolve(SHARED_DIR, 'anchoring-cases/hypothesis-match-quote.json'), 'utf8')) as {
        texts: Record<string, string>;
        cases: Case[];
      })
    : { texts: {}, cases: [] as Case[] };

  it('has the 8 cases', () => {
    expect(data.cases).toHaveLength(8);
  });

  it.each(data.cases.map((c, i) => [i + 1, c] as const))('case %i', (_i, c) => {
    const text = data.texts[c.text];
    const m = matchQuote(text, c.quote, { prefix: c.prefix, suffix: c.suffix });
    expect(m).not.toBeNull();
    expect(text.slice(m!.start).startsWith(c.expectedAt)).toBe(true);
  });
});
