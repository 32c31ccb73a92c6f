/**
 * Page identity: the same article reached through tracking links, fragments or its canonical
 * URL must find the same notes. Pure URL rules, unit-tested in Node.
 */

/** Query parameters that only track the visit; they never change the article. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  'ref_src', 'ref_url', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid',
  'cmpid', 'ocid', 'smid', 'smtyp', 'share', 'at_medium', 'at_campaign', 'ito', 'xtor', 'guccounter',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'stm_', '__twitter_impression'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Only ordinary web pages are annotated. */
export function isAnnotatableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The key a page's notes are stored under: lower-case host without `www.`, no fragment, no
 * tracking parameters, remaining parameters sorted, no trailing slash (except the root),
 * default ports dropped. Returns the input unchanged when it is not an http(s) URL.
 */
export function normalizePageUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...u.searchParams].filter(([k]) => !isTrackingParam(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.href;
}

/**
 * All keys under which a page's notes may be stored: its own normalised URL and, when the page
 * names a canonical URL on an http(s) address, that one too (first = preferred for new notes).
 */
export function pageKeys(locationHref: string, canonicalHref?: string | null): string[] {
  const own = normalizePageUrl(locationHref);
  if (!canonicalHref || !isAnnotatableUrl(canonicalHref)) return [own];
  let canonical: string;
  try {
    canonical = normalizePageUrl(new URL(canonicalHref, locationHref).href);
  } catch {
    return [own];
  }
  return canonical === own ? [own] : [canonical, own];
}

/** The page's canonical link, read from a Document (pure DOM). */
export function canonicalHref(doc: Document): string | null {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  return link?.href || null;
}
