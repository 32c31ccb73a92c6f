import type { Source } from '@/utils/model/annotation';
import { memoizeByString } from '@/utils/memo';

/** Returns the URL only when it is http(s); anything else (javascript:, data:) is never linked. */
export const safeHttpUrl: (url: string) => string | null = memoizeByString((url) => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
});

/** The host name without `www.`, or the text itself when it is not a URL. */
const domainOf = memoizeByString((url) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
});

/** The source's title, or its domain when it has none. */
export function sourceLabel(source: Source): string {
  if (source.title?.trim()) return source.title.trim();
  return domainOf(source.url);
}
