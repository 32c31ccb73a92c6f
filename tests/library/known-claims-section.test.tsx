/**
 * The popup's "Already fact-checked" section: what a reader sees of a sentence that repeats a
 * reviewed claim, with hostile input from an imported file kept as text and unsafe links dropped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { KnownClaims, type KnownClaimOnPage } from '@/components/popup/KnownClaims';

const REVIEW: KnownClaimOnPage = {
  id: 'known:4',
  text: 'Turkey has not joined Western sanctions and has not closed its airspace to Russia.',
  reviewed: 'Turkey has not joined Western sanctions and has not closed its airspace to Russia',
  verdict: 'true',
  ratingName: 'Accurate',
  reviewUrl: 'https://factcheck.example/turkey-sanctions',
  publisher: 'Example Fact Check',
  own: false,
};

function mount(items: KnownClaimOnPage[], onShow = vi.fn()) {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(<KnownClaims items={items} onShow={onShow} />, root));
  return { root, onShow };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('KnownClaims (popup)', () => {
  it('shows nothing when no sentence repeats a reviewed claim', () => {
    const { root } = mount([]);
    expect(root.innerHTML).toBe('');
  });

  it('lists each sentence with its verdict in words, the reviewer, a safe link to the review and Show in page', () => {
    const { root, onShow } = mount([REVIEW]);
    expect(root.querySelector('h2')!.textContent).toContain('knownTitle');
    const item = root.querySelector('[data-known-id="known:4"]')!;
    expect(item.querySelector('.fm-badge')!.textContent).toMatch(/True/);
    expect(item.querySelector('blockquote')!.textContent).toBe(REVIEW.text);
    // Same claim, same words: the reviewed wording is not repeated.
    expect(item.textContent).not.toContain('knownReviewedClaim');
    const link = item.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(REVIEW.reviewUrl);
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    act(() => (item.querySelector('button') as HTMLButtonElement).click());
    expect(onShow).toHaveBeenCalledWith(REVIEW);
  });

  it('keeps imported text literal and drops a javascript: review link', () => {
    const hostile: KnownClaimOnPage = {
      ...REVIEW,
      id: 'known:9',
      text: '<img src=x onerror=alert(1)> Turkey has not joined Western sanctions.',
      reviewed: '<img src=x onerror=alert(1)> a reworded claim',
      publisher: '<script>alert(2)</script>',
      reviewUrl: 'javascript:alert(3)',
    };
    const { root } = mount([hostile]);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('a')).toBeNull();
    expect(root.querySelector('blockquote')!.textContent).toBe(hostile.text);
    // Reworded: the review's own wording is shown, as text.
    expect(root.textContent).toContain('knownReviewedClaim');
  });

  it("says a known claim is the reader's own fact-check (no reviewer link to show)", () => {
    const { root } = mount([{ ...REVIEW, id: 'known:1', own: true, ratingName: 'Mostly true', reviewUrl: undefined, publisher: undefined }]);
    expect(root.textContent).toContain('knownOwn');
    expect(root.textContent).not.toContain('knownRating');
    expect(root.querySelector('a')).toBeNull();
  });
});
