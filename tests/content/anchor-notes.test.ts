import { afterEach, describe, expect, it } from 'vitest';
import { anchorNotes, buildPageIndex, captureRange } from '@/entrypoints/article.content/anchor-notes';
import type { Annotation } from '@/utils/model/annotation';

const ARTICLE = `
  <script type="application/ld+json">{"articleBody": "On March 2, the UN General Assembly condemned the invasion with 141 votes."}</script>
  <article>
    <p>Intro paragraph.</p>
    <p>On March 2, the UN General Assembly condemned the <em>invasion</em> with 141   votes. Turkey voted in favour.</p>
  </article>`;
const QUOTE = 'On March 2, the UN General Assembly condemned the invasion with 141 votes.';

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.querySelectorAll('factmark-ui').forEach((e) => e.remove());
});

function note(id: string, selectors: Annotation['selectors']): Annotation {
  return { id, pageUrl: 'https://n.example/a', pageTitle: '', selectors, claim: '', verdict: 'unrated', note: '', sources: [], tags: [], created: 1, updated: 1, deleted: 0 };
}

/** A Range over the first occurrence of `text` in a paragraph's text nodes (like a mouse selection). */
function rangeOver(p: Element, from: string, to: string): Range {
  const nodes: Text[] = [];
  const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n as Text);
  const start = nodes.find((n) => n.data.includes(from))!;
  const end = nodes.find((n) => n.data.includes(to))!;
  const r = document.createRange();
  r.setStart(start, start.data.indexOf(from));
  r.setEnd(end, end.data.indexOf(to) + to.length);
  return r;
}

describe('capture and re-attach (glue)', () => {
  it('describes a selection across inline markup and finds it again on the visible text, not the JSON copy', () => {
    document.body.innerHTML = ARTICLE;
    const p = document.querySelectorAll('p')[1];
    const captured = captureRange(buildPageIndex(), rangeOver(p, 'On March 2', '141   votes.'))!;
    expect(captured.quote).toBe(QUOTE);
    expect(captured.range.toString()).toBe('On March 2, the UN General Assembly condemned the invasion with 141   votes.');
    expect(captured.selectors.map((s) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);

    const { anchored, orphans } = anchorNotes(buildPageIndex(), [note('a', captured.selectors)]);
    expect(orphans).toEqual([]);
    const hit = anchored.get('a')!;
    expect(hit.exact).toBe(true);
    expect(hit.range.startContainer.parentElement).toBe(p);
    expect(hit.rangeText).toBe(QUOTE);
  });

  it('trims whitespace at the edges of a sloppy selection', () => {
    document.body.innerHTML = '<p>Before.   The claim here.   After.</p>';
    const t = document.querySelector('p')!.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, 8);
    r.setEnd(t, 27);
    expect(captureRange(buildPageIndex(), r)!.quote).toBe('The claim here.');
  });

  it('is null for a selection without visible text', () => {
    document.body.innerHTML = '<p>Text</p><div hidden>secret</div>';
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('div')!);
    expect(captureRange(buildPageIndex(), r)).toBeNull();
  });

  it('marks a changed quote as not exact, and a vanished one as an orphan; page notes are neither', () => {
    document.body.innerHTML = ARTICLE;
    const captured = captureRange(buildPageIndex(), rangeOver(document.querySelectorAll('p')[1], 'On March 2', '141   votes.'))!;
    document.body.innerHTML = ARTICLE.replace('141   votes', '141 votes').replace('condemned the', 'condemned  the').replace('Intro paragraph.', 'A new intro paragraph was added here.');
    document.querySelectorAll('p')[1].innerHTML = document.querySelectorAll('p')[1].innerHTML.replace('UN', 'U.N.');
    let r = anchorNotes(buildPageIndex(), [note('a', captured.selectors), note('page', [])]);
    expect(r.orphans).toEqual([]);
    expect(r.anchored.get('a')).toMatchObject({ exact: false, matchedText: expect.stringContaining('U.N.') });
    expect(r.anchored.has('page')).toBe(false);

    document.body.innerHTML = '<article><p>Intro paragraph.</p><p>Something else entirely.</p></article>';
    r = anchorNotes(buildPageIndex(), [note('a', captured.selectors)]);
    expect(r.orphans).toEqual(['a']);
  });

  it('does not index our own UI hosts (they hang off <html>)', () => {
    document.body.innerHTML = '<p>Page text.</p>';
    const host = document.createElement('factmark-ui');
    host.textContent = 'Fact-check';
    document.documentElement.append(host);
    expect(buildPageIndex().text).toBe('Page text.');
  });
});
