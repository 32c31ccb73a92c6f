import { describe, expect, it } from 'vitest';
import { createBuffers, DIM, extractFeatures, NAMED, NAMED_COUNT, NAMED_INDEX, type NamedFeature } from '../../utils/claims/features';

function cues(s: string): Set<string> {
  const buf = createBuffers();
  const n = extractFeatures(s, buf);
  const out = new Set<string>();
  for (let k = 0; k < n; k++) if (buf.ids[k] < NAMED_COUNT) out.add(NAMED[buf.ids[k]][0]);
  return out;
}

describe('extractFeatures', () => {
  it.each<[string, NamedFeature[]]>([
    ['More than 2 million Ukrainians have fled the country.', ['figure', 'big_number', 'comparison', 'figure_not_future']],
    ['Unemployment fell to 3.5% in 2019.', ['percent', 'year', 'statistic_word']],
    ['The program cost $15 million.', ['money', 'big_number']],
    ['Russia launched an invasion of Ukraine on February 24.', ['date', 'entity', 'num_only_date']],
    ['According to the UN, the number rose.', ['attribution', 'statistic_word']],
    ['This is the largest deficit ever recorded.', ['superlative']],
    ['Prices rose because of the tariffs.', ['causal']],
    ['I think we should lower taxes.', ['opinion', 'modal_should', 'first_person']],
    ['What will you do about it?', ['question', 'future', 'second_person']],
    ['If we cut taxes, growth would follow.', ['hypothetical', 'conditional', 'we']],
    ['In 2017, interest rose to 6.6 percent, up from 5 percent.', ['figure_unit', 'figure_compared', 'time_anchor', 'past_tense']],
    ["We're going to create 4 million jobs.", ['figure_future', 'we_future']],
    ['You can get it for $10 today.', ['money', 'figure_you']],
    ['The drug may possibly reduce cravings.', ['hedge']],
    ['Well, I think that is a terrible idea.', ['interjection', 'i_opinion', 'judgement']],
    ['Retrieved 26 March 2018.', ['citation']],
    ['Cambridge University Press. pp. 47–66.', ['citation']],
    ['WASHINGTON (AP) — Ambassador Gordon Sondland testified on Tuesday.', ['dateline', 'entity', 'time_anchor']],
    ['Sondland told lawmakers the aid was withheld.', ['entity_attributed', 'past_tense']],
  ])('%s', (sentence, expected) => {
    const got = cues(sentence);
    for (const e of expected) expect(got, e).toContain(e);
  });

  it('does not see a figure in a date alone', () => {
    const got = cues('The meeting took place on March 10.');
    expect(got).toContain('date');
    expect(got).not.toContain('figure');
  });

  it('does not take a contraction at the start of a sentence for a name', () => {
    expect(cues("We're going to create 4 million jobs.")).not.toContain('entity');
    expect(cues("It's a fact.")).not.toContain('entity');
  });

  it('is deterministic and stays in range', () => {
    const a = createBuffers();
    const b = createBuffers();
    const s = 'On March 2, the UN General Assembly condemned the invasion with the votes of 141 countries.';
    const n = extractFeatures(s, a);
    expect(extractFeatures(s, b)).toBe(n);
    expect(Array.from(a.ids.slice(0, n))).toEqual(Array.from(b.ids.slice(0, n)));
    for (let k = 0; k < n; k++) expect(a.ids[k]).toBeGreaterThanOrEqual(0), expect(a.ids[k]).toBeLessThan(DIM);
    expect(a.ids[0]).toBe(NAMED_INDEX.bias);
  });

  it('caps very long input', () => {
    const buf = createBuffers();
    expect(extractFeatures('word '.repeat(100_000), buf)).toBeLessThanOrEqual(buf.ids.length);
  });
});
