/** File names of exports. */

/** `factmark-report-2026-11-27.md` for one page → `factmark-news.example-report-2026-11-27.md`: the site says which page it was. */
export function filenameForPage(filename: string, pageUrl: string): string {
  let site: string;
  try {
    site = new URL(pageUrl).hostname.replace(/^www\./, '');
  } catch {
    return filename;
  }
  const slug = site.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 60);
  if (!slug) return filename;
  return filename.startsWith('factmark-') ? `factmark-${slug}-${filename.slice('factmark-'.length)}` : `${slug}-${filename}`;
}
