import type { Source } from '@/utils/model/annotation';

/** Returns the URL only when it is http(s); anything else (javascript:, data:) is never linked. */
export function safeHttpUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The source's title, or its domain when it has none. */
export function sourceLabel(source: Source): string {
  if (source.title?.trim()) return source.title.trim();
  try {
    return new URL(source.url).hostname.replace(/^www\./, '');
  } catch {
    return source.url;
  }
}
