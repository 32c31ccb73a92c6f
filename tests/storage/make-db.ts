import { createDb, type FactmarkDB } from '@/utils/storage/db';
import type { AnnotationDraft } from '@/utils/model/annotation';

let counter = 0;
/** A private database per test (fake-indexeddb), deleted after use by the caller. */
export function makeDb(): FactmarkDB {
  return createDb(`factmark-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`);
}

export function draft(overrides: Partial<AnnotationDraft> = {}): AnnotationDraft {
  return {
    pageUrl: 'https://news.example/article',
    pageTitle: 'An article',
    selectors: [
      { type: 'TextQuoteSelector', exact: '141 countries voted', prefix: 'In total, ', suffix: ' for the resolution' },
      { type: 'TextPositionSelector', start: 120, end: 139 },
    ],
    claim: '141 countries voted',
    verdict: 'true',
    note: 'UN record confirms it.',
    sources: [{ url: 'https://un.org/record', title: 'UN record' }],
    tags: ['un'],
    ...overrides,
  };
}

/** Every record of every table, for byte-for-byte comparisons. */
export async function dump(db: FactmarkDB): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(tables);
}
