import { describe, expect, it } from 'vitest';
import { filenameForPage } from '@/utils/formats/filename';

describe('filenameForPage', () => {
  it('names the site after the factmark- prefix', () => {
    expect(filenameForPage('factmark-report-2026-11-27.md', 'https://www.news.example/world/a?x=1')).toBe('factmark-news.example-report-2026-11-27.md');
    expect(filenameForPage('factmark-2026-11-27.factmark.json', 'http://127.0.0.1:8080/a')).toBe('factmark-127.0.0.1-2026-11-27.factmark.json');
  });

  it('keeps only file-name-safe characters of an internationalised host', () => {
    expect(filenameForPage('factmark-report.md', 'https://xn--bcher-kva.example/')).toBe('factmark-xn--bcher-kva.example-report.md');
  });

  it('leaves the name alone when the page URL is not a URL', () => {
    expect(filenameForPage('factmark-report.md', 'not a url')).toBe('factmark-report.md');
  });
});
