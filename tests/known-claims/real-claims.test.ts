/**
 * Matching quality on real claim sentences (CheckThat! debate transcripts in ../shared/claims):
 * the check-worthy training sentences are the known claims; a page repeats some of them with
 * the edits syndication makes, among sentences from other debates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate-notes';
import { KnownClaimIndex } from '../../utils/known-claims/claim-index';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';

function readTsv(file: string): { text: string; label: number }[] {
  return readFileSync(join(SHARED_DIR, 'claims', file), 'utf8')
    .split('\n').slice(1).filter(Boolean)
    .map((l) => { const i = l.lastIndexOf('\t'); return { text: l.slice(0, i), label: Number(l.slice(i + 1)) }; });
}

const EDITS: [string, (s: string, rng: () => number) => string][] = [
  ['upper case, no punctuation', (s) => s.toUpperCase().replace(/[.,!?;:"]/g, '')],
  ['curly quotes, accents', (s) => s.replace(/"/g, '“').replace(/e/g, 'é')],
  ['quoted inside a longer sentence', (s) => `The candidate claimed that ${s.replace(/[.!?]$/, '')}, which fact-checkers disputed.`],
  ['one word replaced', (s, rng) => { const w = s.split(' '); w[Math.floor(rng() * w.length)] = 'something'; return w.join(' '); }],
  ['one word dropped', (s, rng) => { const w = s.split(' '); w.splice(Math.floor(rng() * w.length), 1); return w.join(' '); }],
];

describe.skipIf(!HAS_SHARED)('known-claim matching on real claims', () => {
  it('finds edited copies and leaves other debates alone', () => {
    const known = readTsv('ct24_english_train.tsv').filter((r) => r.label === 1 && r.text.split(' ').length >= 8);
    const index = KnownClaimIndex.build(known);
    const rng = mulberry32(1);
    const planted = Array.from({ length: 300 }, () => Math.floor(rng() * known.length));
    const found: Record<string, [number, number]> = {};
    planted.forEach((c, i) => {
      const [name, edit] = EDITS[i % EDITS.length];
      const hit = index.matchSentence(edit(known[c].text, rng)).some((m) => m.claimIndex === c);
      const f = (found[name] ??= [0, 0]);
      f[0] += hit ? 1 : 0;
      f[1]++;
    });
    // Sentences of other debates (CT19, CT24 test) that are not verbatim in the known set.
    const knownTexts = new Set(known.map((k) => k.text.toLowerCase()));
    const others = [...readTsv('ct19_task1_test.tsv'), ...readTsv('ct24_english_test.tsv')]
      .map((r) => r.text).filter((t) => t.split(' ').length >= 5 && !knownTexts.has(t.toLowerCase()));
    const matchedOthers = index.match(others);
    const falseRate = new Set(matchedOthers.map((m) => m.sentenceIndex)).size / others.length;
    // Measured when written: 60/60 for every edit; 0 of 5,566 other-debate sentences matched.
    for (const [name, [hit, n]] of Object.entries(found)) expect(hit / n, name).toBeGreaterThanOrEqual(name === 'one word replaced' ? 0.9 : 0.97);
    // Debates repeat talking points, so a few genuine repeats are expected; random overlap is not.
    expect(falseRate).toBeLessThan(0.01);
  });
});
