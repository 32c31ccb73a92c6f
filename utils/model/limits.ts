/**
 * Size limits of a note's fields: the schemas (schema.ts) enforce them and the editors show
 * them. Apart from the schemas so a page that only shows the limits (the popup's inline editor)
 * does not load the schema library.
 */
export const LIMITS = {
  url: 2048,
  title: 1000,
  /** The editor refuses selections longer than this (issue 3). */
  claim: 5000,
  note: 20_000,
  excerpt: 5000,
  tag: 64,
  tags: 50,
  sources: 50,
  contextChars: 256,
  selectors: 8,
} as const;
