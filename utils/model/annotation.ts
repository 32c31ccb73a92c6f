/**
 * The annotation model shared by every context (content script, background, extension pages,
 * export formats). Plain data only: records cross messaging and export as JSON, so no classes.
 */

/** Fact-checkers' scale. The five graded verdicts map to ClaimReview ratings 5…1. */
export const VERDICTS = [
  'true',
  'mostly-true',
  'mixed',
  'mostly-false',
  'false',
  'misleading',
  'unverifiable',
  'unrated',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** ClaimReview ratingValue (best 5, worst 1) for the graded verdicts; others have none. */
export const GRADED_RATING: Partial<Record<Verdict, 1 | 2 | 3 | 4 | 5>> = {
  true: 5,
  'mostly-true': 4,
  mixed: 3,
  'mostly-false': 2,
  false: 1,
};

/** W3C Web Annotation TextQuoteSelector. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** W3C Web Annotation TextPositionSelector, over the normalised visible text of the page. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

export interface Source {
  url: string;
  title?: string;
  /** A quoted excerpt from the source that supports the verdict. */
  excerpt?: string;
  /** When the reader consulted the source (epoch ms). */
  accessed?: number;
}

export interface Annotation {
  /** UUID v4. */
  id: string;
  /** Normalised page URL (see utils/url/page-url.ts): the key that finds a page's notes. */
  pageUrl: string;
  pageTitle: string;
  /** Empty for a page note (no anchor in the text). */
  selectors: Selector[];
  /** The claim text as it was checked (the quote at save time). */
  claim: string;
  verdict: Verdict;
  note: string;
  sources: Source[];
  tags: string[];
  /** Author name from settings at save time, or the imported author. */
  author?: string;
  /** Epoch ms. */
  created: number;
  /** Epoch ms; merge rule: the newer `updated` wins. */
  updated: number;
  /** 0 while live; epoch ms of deletion for a tombstone (kept so merges never resurrect it). */
  deleted: number;
}

/** What a reader supplies to create a note; the repository fills id and times. */
export type AnnotationDraft = Omit<Annotation, 'id' | 'created' | 'updated' | 'deleted'> & {
  id?: string;
};

/** Fields a reader may change after creation. */
export type AnnotationPatch = Partial<
  Pick<Annotation, 'verdict' | 'note' | 'sources' | 'tags' | 'claim' | 'selectors' | 'pageTitle'>
>;

export const VERDICT_LABELS: Record<Verdict, string> = {
  true: 'True',
  'mostly-true': 'Mostly true',
  mixed: 'Mixed',
  'mostly-false': 'Mostly false',
  false: 'False',
  misleading: 'Misleading',
  unverifiable: 'Unverifiable',
  unrated: 'Unrated',
};
