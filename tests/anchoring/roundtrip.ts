/**
 * The corpus round trip, separate from the Vitest file so it can also run from a script while
 * tuning: describe every ground-truth paragraph, anchor it on the unchanged page, then on edited
 * copies (edits applied to the DOM in rounds, index rebuilt, edits undone).
 */
import { anchorMany, type Anchor } from '../../utils/anchoring/anchor';
import { describeRange } from '../../utils/anchoring/describe';
import { buildTextIndex, normalizeText, type TextIndex } from '../../utils/anchoring/text-index';
import { groundTruthParagraphs, parsePage, type CorpusPage } from '../corpus/corpus';
import { applyEdit, EDIT_KINDS, type AppliedEdit, type EditKind } from './page-edits';

export type Variant = 'unchanged' | EditKind;
export const VARIANTS: readonly Variant[] = ['unchanged', ...EDIT_KINDS];

export interface Tally {
  /** Cases tried (for an edit: paragraphs where the edit applied and the expected text is unique). */
  cases: number;
  /** Anchored exactly where expected (unchanged page: same offsets; edits: Jaccard ≥ 0.5). */
  right: number;
  /** Anchored with the exact quote text (the rest were fuzzy). */
  exact: number;
  orphan: number;
  /** Anchored somewhere else: the failure that must never happen. */
  wrong: number;
  /** Edit not applicable to this paragraph (not wrapped in its own block…), or not verifiable. */
  skipped: number;
  ms: number;
}

export interface WrongCase {
  page: string;
  variant: Variant;
  quote: string;
  expected: string | null;
  got: string;
}

export interface RoundTripResult {
  tallies: Record<Variant, Tally>;
  pages: number;
  paragraphs: number;
  /** Ground-truth paragraphs that occur in the page's index text. */
  present: number;
  /** Present paragraphs that occur more than once (used on the unchanged page only). */
  repeated: number;
  wrongs: WrongCase[];
  indexMs: number;
  parseMs: number;
}

const ROUNDS = 3;

export function emptyTally(): Tally {
  return { cases: 0, right: 0, exact: 0, orphan: 0, wrong: 0, skipped: 0, ms: 0 };
}

/** Run the round trip over `pages`; `variants` picks which edits (default: all). */
export function runRoundTrip(pages: readonly CorpusPage[], variants: readonly Variant[] = VARIANTS): RoundTripResult {
  const tallies = Object.fromEntries(VARIANTS.map((v) => [v, emptyTally()])) as Record<Variant, Tally>;
  const res: RoundTripResult = { tallies, pages: 0, paragraphs: 0, present: 0, repeated: 0, wrongs: [], indexMs: 0, parseMs: 0 };
  for (const page of pages) {
    let t = performance.now();
    const doc = parsePage(page);
    res.parseMs += performance.now() - t;
    const root = doc.body;
    t = performance.now();
    const index = buildTextIndex(root);
    res.indexMs += performance.now() - t;
    res.pages++;

    // Every occurrence of every ground-truth paragraph, in text order.
    const occurrences: { start: number; end: number; unique: boolean }[] = [];
    for (const raw of groundTruthParagraphs(page)) {
      res.paragraphs++;
      const p = normalizeText(raw);
      const first = index.text.indexOf(p);
      if (first < 0 || p.length === 0) continue;
      res.present++;
      const unique = index.text.indexOf(p, first + 1) < 0;
      if (!unique) res.repeated++;
      for (let i = first; i >= 0; i = index.text.indexOf(p, i + 1)) occurrences.push({ start: i, end: i + p.length, unique });
    }
    occurrences.sort((a, b) => a.start - b.start);
    // Describe from DOM ranges, as the selection toolbar does.
    const notes = occurrences.map((o) => ({ ...o, selectors: describeRange(index, index.toRange(o.start, o.end)) }));

    if (variants.includes('unchanged')) {
      const tally = tallies.unchanged;
      t = performance.now();
      const anchors = anchorMany(index, notes.map((n) => n.selectors));
      tally.ms += performance.now() - t;
      notes.forEach((n, i) => {
        const a = anchors[i];
        tally.cases++;
        if (!a) tally.orphan++;
        else if (a.start === n.start && a.end === n.end) {
          tally.right++;
          if (a.exact) tally.exact++;
        } else {
          tally.wrong++;
          res.wrongs.push({ page: page.id, variant: 'unchanged', quote: index.text.slice(n.start, n.end), expected: null, got: a.matchedText });
        }
      });
    }

    const editable = notes.filter((n) => n.unique && n.selectors.length > 0);
    for (const kind of EDIT_KINDS) {
      if (!variants.includes(kind)) continue;
      const tally = tallies[kind];
      for (let round = 0; round < ROUNDS; round++) {
        const batch = editable.filter((_, i) => i % ROUNDS === round);
        if (batch.length === 0) continue;
        // Apply from the last paragraph to the first so raw offsets in shared text nodes stay valid.
        const applied: { note: (typeof notes)[number]; edit: AppliedEdit }[] = [];
        for (let i = batch.length - 1; i >= 0; i--) {
          const edit = applyEdit(index, kind, batch[i].start, batch[i].end);
          if (edit) applied.push({ note: batch[i], edit });
          else tally.skipped++;
        }
        const edited = buildTextIndex(root);
        t = performance.now();
        const anchors = anchorMany(edited, applied.map((x) => x.note.selectors));
        tally.ms += performance.now() - t;
        applied.forEach(({ note, edit }, i) => score(res, tally, page, kind, edited, edit, index.text.slice(note.start, note.end), anchors[i]));
        for (const { edit } of applied) edit.undo();
      }
    }
    if (variants.some((v) => v !== 'unchanged')) {
      const restored = buildTextIndex(root).text;
      if (restored !== index.text) throw new Error(`${page.id}: undoing the edits did not restore the text`);
    }
  }
  return res;
}

function score(
  res: RoundTripResult,
  tally: Tally,
  page: CorpusPage,
  kind: EditKind,
  edited: TextIndex,
  edit: AppliedEdit,
  quote: string,
  a: Anchor | null,
): void {
  let expected: { start: number; end: number } | null = null;
  if (edit.expected !== null) {
    const i = edited.text.indexOf(edit.expected);
    if (i < 0 || edited.text.indexOf(edit.expected, i + 1) >= 0) {
      tally.skipped++; // the edit made it ambiguous or the harness cannot locate it: not a case
      return;
    }
    expected = { start: i, end: i + edit.expected.length };
  }
  tally.cases++;
  if (!a) {
    tally.orphan++;
    if (!expected) tally.right++;
    return;
  }
  if (expected && jaccard(a, expected) >= 0.5) {
    tally.right++;
    if (a.exact) tally.exact++;
    return;
  }
  tally.wrong++;
  res.wrongs.push({ page: page.id, variant: kind, quote, expected: edit.expected, got: a.matchedText });
}

function jaccard(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/** Rows for a console table: variant, cases, right %, exact, orphan, wrong, skipped, ms. */
export function formatTallies(res: RoundTripResult): string {
  const rows = VARIANTS.filter((v) => res.tallies[v].cases > 0).map((v) => {
    const t = res.tallies[v];
    const pct = ((100 * t.right) / t.cases).toFixed(2);
    return `${v.padEnd(13)} ${String(t.cases).padStart(6)} ${pct.padStart(7)}% ${String(t.exact).padStart(6)} ${String(t.orphan).padStart(6)} ${String(t.wrong).padStart(6)} ${String(t.skipped).padStart(7)} ${t.ms.toFixed(0).padStart(7)}`;
  });
  return [
    `pages ${res.pages}, paragraphs ${res.paragraphs}, in index text ${res.present} (${res.repeated} repeated), parse ${(res.parseMs / 1000).toFixed(1)} s, index ${res.indexMs.toFixed(0)} ms`,
    `variant        cases   right  exact orphan  wrong skipped anchorMs`,
    ...rows,
  ].join('\n');
}

