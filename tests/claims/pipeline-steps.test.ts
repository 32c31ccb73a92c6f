/**
 * The claims pipeline in steps (issue 4): each sliced version gives exactly what the one-shot
 * version gives — model decoding (and the lazily decoded bundled weights), the vocabulary map,
 * candidate sentences, scoring without reasons below the threshold, the article finder, the
 * language sample — and the phase timer records per slice.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import weights from '../../utils/claims/data/weights.json';
import { findArticle, findArticleSteps, languageSample } from '../../utils/claims/article-root';
import { blockText } from '../../utils/claims/block-text';
import { loadDefaultModel } from '../../utils/claims/default-model';
import { candidates, candidateSteps, getDefaultModel, scoreCandidate, thresholdForModel } from '../../utils/claims/detect';
import { codedTable, decodeModel, decodeModelSteps, decodeTable, SortedVocab, type WeightsFile } from '../../utils/claims/model';
import { currentSlice, runSliced, timed, type PhaseStats, type SliceScheduler } from '../../utils/scheduling/sliced-work';

function drain<T>(steps: Generator<unknown, T, void>): { value: T; steps: number } {
  let n = 0;
  for (;;) {
    const s = steps.next();
    if (s.done) return { value: s.value, steps: n };
    n++;
  }
}

const PARA = 'The council said on Monday that the budget would add 400 teachers, according to officials. “It is a great day,” the mayor said. Critics said the plan was too costly.';
const TEXT = Array.from({ length: 60 }, (_, i) => `${PARA} Item ${i} cost $${i + 1} million in 2024.`).join('\n');

describe('model decoding in steps', () => {
  it('decodes the same model as decodeModel, in several steps', () => {
    const file = weights as WeightsFile;
    const whole = decodeModel(file);
    const { value: stepped, steps } = drain(decodeModelSteps(file));
    expect(steps).toBeGreaterThan(0);
    expect(stepped.hashed).toEqual(whole.hashed);
    expect(stepped.named).toEqual(whole.named);
    expect(stepped.dense!.table).toEqual(whole.dense!.table);
    expect((stepped.dense!.vocab as SortedVocab).list()).toEqual((whole.dense!.vocab as SortedVocab).list());
  });

  it('reads table entries in place as the integers a full decode gives', () => {
    const file = weights as WeightsFile;
    for (const t of [file.hashed, file.dense!.table]) {
      const coded = codedTable(t);
      const full = decodeTable(t);
      const read = new Int8Array(coded.length);
      for (let i = 0; i < coded.length; i++) read[i] = coded.value[coded.data.charCodeAt(i)];
      expect(read).toEqual(full);
    }
  });

  it('loads the bundled weights lazily into the committed model', () => {
    const lazy = drain(loadDefaultModel()).value;
    const model = getDefaultModel();
    expect(lazy.hashed).toEqual(model.hashed);
    const cands = candidates(TEXT, {});
    for (const c of cands.slice(0, 20)) expect(scoreCandidate(lazy, c)).toEqual(scoreCandidate(model, c));
  });
});

describe('SortedVocab', () => {
  it('answers like the Map of the committed word list, which is sorted and has no repeats', () => {
    const list = (weights as WeightsFile).dense!.vocab;
    const words = list.split('\n');
    for (let i = 1; i < words.length; i++) expect(words[i - 1] < words[i], words[i]).toBe(true);
    const map = new Map(words.map((w, i) => [w, i]));
    const vocab = new SortedVocab(list);
    expect(vocab.size).toBe(map.size);
    for (const w of [...words, 'zzqx', '', "n't", 'The', '\uffff', ' ']) expect(vocab.get(w)).toBe(map.get(w));
  });

  it('refuses an unsorted list (a weights file of an older format)', () => {
    expect(() => new SortedVocab('the\nof\nand')).toThrow(/not sorted/);
  });
});

describe('candidates and scores in steps', () => {
  it('cuts the text at line breaks without changing the sentences', () => {
    const { value, steps } = drain(candidateSteps(TEXT, {}, 1000));
    expect(steps).toBeGreaterThan(5);
    expect(value).toEqual(candidates(TEXT, {}));
  });

  it('skips reasons only below the threshold', () => {
    const model = getDefaultModel();
    const thr = thresholdForModel(model, 0.5);
    for (const c of candidates(TEXT, {})) {
      const full = scoreCandidate(model, c);
      const lean = scoreCandidate(model, c, thr);
      expect(lean.score).toBe(full.score);
      if (full.score >= thr || c.quote) expect(lean.reasons).toEqual(full.reasons);
    }
  });
});

describe('article finder in steps', () => {
  const page = (n: number) =>
    parseHTML(
      `<!doctype html><html lang="en"><head><title>Budget</title></head><body><nav class="menu">${'<a href="/x">Home</a>'.repeat(30)}</nav>` +
        `<article id="story"><h1>Budget</h1>${Array.from({ length: n }, () => `<div class="para"><p>${PARA}</p></div>`).join('')}</article>` +
        `<aside class="sidebar">${'<p>Related: other story about the budget here today.</p>'.repeat(10)}</aside></body></html>`,
    ).document as unknown as Document;

  it('gives the same article in many small steps, without changing the page', () => {
    const doc = page(120);
    const before = doc.documentElement.outerHTML;
    const { value, steps } = drain(findArticleSteps(doc, {}, 50));
    expect(steps).toBeGreaterThan(6);
    const once = findArticle(doc);
    expect(value.root).toBe(once.root);
    expect(value.root?.id).toBe('story');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('samples the first 12,000 characters of the block text for the language test', () => {
    const doc = page(300);
    const root = doc.getElementById('story')!;
    expect(languageSample(root).slice(0, 12000)).toBe(blockText(root).slice(0, 12000));
    expect(languageSample(doc.body)).toBe(blockText(doc.body).slice(0, 12000));
  });
});

describe('phase timer', () => {
  it('records time, longest unit and time per slice', async () => {
    let clock = 0;
    const queue: (() => void)[] = [];
    const scheduler: SliceScheduler = { next: (run) => queue.push(run), now: () => clock };
    const phases: Record<string, PhaseStats> = {};
    function* work() {
      for (let i = 0; i < 6; i++) {
        clock += 3;
        yield;
      }
      return 'ok';
    }
    function* job(): Generator<void, string, void> {
      return yield* timed(phases, 'score', work(), () => clock);
    }
    const done = runSliced(job(), { budgetMs: 8, scheduler });
    while (queue.length) queue.shift()!();
    const { value, stats } = await done;
    expect(value).toBe('ok');
    expect(phases.score.ms).toBe(18);
    expect(phases.score.units).toBe(7);
    expect(Object.keys(phases.score.bySlice).map(Number)).toEqual(Array.from({ length: stats.slices }, (_, k) => stats.firstSlice + k));
    expect(currentSlice()).toBe(stats.firstSlice + stats.slices - 1);
  });
});
