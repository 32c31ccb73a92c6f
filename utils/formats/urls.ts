/** Only http(s) links survive an import; everything else (javascript:, data:, file:, …) is dropped with a reason. */
import { LIMITS } from './limits';
import { notice, type Notice } from './notice';

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: Notice };

/**
 * Checks a URL from a file. `normalize` returns the parsed href (percent-encoded, lower-case
 * host: right for foreign files); without it the text is kept as written (our own bundles, for
 * a lossless round trip). Either way the scheme is judged on the parsed URL, as a browser would
 * parse it ("java\tscript:" is javascript:).
 */
export function checkHttpUrl(input: unknown, normalize: boolean, maxLength: number = LIMITS.url): UrlCheck {
  if (typeof input !== 'string') return { ok: false, reason: notice('importUrlNotString') };
  if (input.length > maxLength) return { ok: false, reason: notice('importUrlTooLong', maxLength) };
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return { ok: false, reason: notice('importUrlInvalid', quote(input)) };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { ok: false, reason: notice('importUrlScheme', quote(u.protocol)) };
  }
  if (!normalize) return { ok: true, url: input };
  return u.href.length > maxLength ? { ok: false, reason: notice('importUrlTooLong', maxLength) } : { ok: true, url: u.href };
}

export function isHttpUrl(input: unknown): input is string {
  return checkHttpUrl(input, false).ok;
}

/** A short, single-line excerpt of untrusted text for a message. */
export function quote(s: string, max = 60): string {
  const one = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
