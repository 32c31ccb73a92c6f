/**
 * Loader for the real-page corpus in ../shared/corpus (see its README): manifest, ground-truth
 * paragraphs, and pages parsed with jsdom's DOMParser. A DOMParser document has no browsing
 * context, so jsdom never parses its stylesheets (jsdom 29 throws on some corpus CSS, e.g. a SCSS
 * `calc(($a - $b) / 16)` left in aeb/f5c90a6d5253) and never runs its scripts; it is also ~2x faster.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { HAS_SHARED, SHARED_DIR } from '../shared-dir';

export const CORPUS_DIR = resolve(SHARED_DIR, 'corpus');
export const HAS_CORPUS = HAS_SHARED && existsSync(resolve(CORPUS_DIR, 'manifest.json'));

/** The manifest fields the suites use (the file has more: structure, chromium, notes…). */
export interface CorpusPage {
  /** e.g. "readability/yahoo-2" or "aeb/ef4e67b66d63". */
  id: string;
  collection: 'readability' | 'aeb';
  /** Path under the corpus dir; also the key of gt-paragraphs.json. */
  file: string;
  bytes: number;
  title: string;
  url: string;
  html_lang: string | null;
  lang_guess: string;
  notes?: string[];
  [field: string]: unknown;
}

let manifest: CorpusPage[] | undefined;
let groundTruth: Record<string, string[]> | undefined;

/** All pages, in manifest order. */
export function corpusPages(): CorpusPage[] {
  manifest ??= (JSON.parse(readFileSync(resolve(CORPUS_DIR, 'manifest.json'), 'utf8')) as { pages: CorpusPage[] })
    .pages;
  return manifest;
}

/** The n largest pages by HTML bytes (the benchmark set). */
export function largestPages(n: number): CorpusPage[] {
  return [...corpusPages()].sort((a, b) => b.bytes - a.bytes).slice(0, n);
}

/** Ground-truth paragraphs of a page (article text, > 30 chars each), as stored (not normalised). */
export function groundTruthParagraphs(page: CorpusPage): string[] {
  groundTruth ??= JSON.parse(readFileSync(resolve(CORPUS_DIR, 'gt-paragraphs.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  return groundTruth[page.file] ?? [];
}

export function readPageHtml(page: CorpusPage): string {
  return readFileSync(resolve(CORPUS_DIR, page.file), 'utf8');
}

let parser: DOMParser | undefined;

/** Parse a page (or any HTML string) into a jsdom Document without stylesheets or scripts. */
export function parsePage(pageOrHtml: CorpusPage | string): Document {
  parser ??= new (new JSDOM('').window.DOMParser)();
  const html = typeof pageOrHtml === 'string' ? pageOrHtml : readPageHtml(pageOrHtml);
  return parser.parseFromString(html, 'text/html');
}

