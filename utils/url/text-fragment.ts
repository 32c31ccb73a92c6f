/**
 * A link that opens a note's page scrolled to the note's quote, with the quote marked by the
 * browser itself: a URL text fragment (`#:~:text=…`, supported by Chromium and by Firefox 131+).
 * A browser without support, or a page whose text changed, simply opens the page at the top;
 * Factmark's own highlight then re-attaches the note as on any visit.
 *
 * Short quotes are given whole; long ones by their first and last words (`text=start,end`),
 * which keeps the URL short and survives small edits in the middle. Prefix and suffix context
 * is left out on purpose: it must match the page's text exactly, and a mismatch would lose the
 * scroll altogether.
 */
import { memoizeByString } from '../memo';
import { isAnnotatableUrl } from './page-url';

/** Library rows ask this for the same few hundred page URLs on every query (a URL parse each, unmemoised). */
const isWebPage = memoizeByString(isAnnotatableUrl);

/** Quotes up to this many characters are given whole. */
const WHOLE_QUOTE_MAX = 80;
/** Words kept from each end of a longer quote. */
const EDGE_WORDS = 4;

/** A term of a text directive: percent-encoded, with the directive's own syntax characters ('-', ',', '&') escaped too. */
const encodeTerm = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D');

/** The text directive for `quote`, or null when there is nothing to point at. */
export function textDirective(quote: string): string | null {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const words = text.split(' ');
  if (text.length <= WHOLE_QUOTE_MAX || words.length <= 2 * EDGE_WORDS) return `text=${encodeTerm(text)}`;
  return `text=${encodeTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeTerm(words.slice(-EDGE_WORDS).join(' '))}`;
}

/** `pageUrl` opened at `quote` (the page itself when the quote is empty or the URL is not a web page). */
export function urlAtQuote(pageUrl: string, quote: string | undefined): string {
  const directive = quote && isWebPage(pageUrl) ? textDirective(quote) : null;
  if (!directive) return pageUrl;
  // A text directive follows the page's own fragment, if any, after the ':~:' delimiter.
  const base = pageUrl.replace(/:~:.*$/, '');
  return `${base}${base.includes('#') ? '' : '#'}:~:${directive}`;
}
