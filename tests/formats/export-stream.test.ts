/**
 * The streamed exports (utils/formats/export-stream.ts) write the same bytes as the whole-file
 * exports did before streaming existed, for every format, whatever the chunking. The digests
 * below were taken from `exportAs` at commit 01ae9bd (one JSON.stringify of the whole document,
 * the Markdown report in one pass), on the cases of ./export-cases.ts: sha256 (first 16 hex
 * digits), records written, characters.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportAs, exportStream } from '../../utils/formats';
import { ITEMS, jsonArrayStream, jsonFrame } from '../../utils/formats/export-stream';
import type { ExportFormat, ExportSettings } from '../../utils/formats/types';
import type { Annotation } from '../../utils/model/annotation';
import { exportCases } from './export-cases';

const FORMATS: ExportFormat[] = ['factmark-bundle', 'web-annotation', 'claim-review', 'markdown'];

const PINNED: Record<string, Record<ExportFormat, string>> = {
  'empty': {
    'factmark-bundle': '86e80e1fb78f85eb 0 178',
    'web-annotation': '9818b39b985200c5 0 377',
    'claim-review': 'cf3a773e7729f138 0 54',
    'markdown': '74646e9c614bf5a4 0 60',
  },
  'one note': {
    'factmark-bundle': '97c815778b475ecc 1 2159',
    'web-annotation': 'b5ed267c91c3ab04 1 3657',
    'claim-review': '28405ddedfaf376b 1 2103',
    'markdown': '4392b8f4ea4a17d3 1 1277',
  },
  'one tombstone': {
    'factmark-bundle': '0021fa435308fee6 1 2171',
    'web-annotation': '9818b39b985200c5 0 377',
    'claim-review': 'cf3a773e7729f138 0 54',
    'markdown': '74646e9c614bf5a4 0 60',
  },
  'tombstones only': {
    'factmark-bundle': '98eb8721cd39be6d 30 51507',
    'web-annotation': '9818b39b985200c5 0 377',
    'claim-review': 'cf3a773e7729f138 0 54',
    'markdown': '74646e9c614bf5a4 0 60',
  },
  'hostile text': {
    'factmark-bundle': '09c598402f8927d7 12 12655',
    'web-annotation': 'faed061cda665cfc 12 28350',
    'claim-review': '15f20246bcc95808 12 13962',
    'markdown': 'c411f88001b89a1c 12 6314',
  },
  '1,000 live notes': {
    'factmark-bundle': 'f4d786728f1dfddb 1000 1672599',
    'web-annotation': '822d6dfbcacbf2ab 1000 2839414',
    'claim-review': '94a4ff66e12a50a9 626 1057896',
    'markdown': 'bed7a1ad3f594dec 1000 859899',
  },
  '1,001 live notes': {
    'factmark-bundle': 'f8c801aa7fcb55de 1001 1324212',
    'web-annotation': 'e93bb18dda3b0818 1001 1826431',
    'claim-review': '94a4ff66e12a50a9 626 1057896',
    'markdown': '8dda04973fc96671 1001 860250',
  },
  '1,000 live notes and tombstones': {
    'factmark-bundle': '6a94923f6742fb9b 1040 1379672',
    'web-annotation': '822d6dfbcacbf2ab 1000 2839414',
    'claim-review': '94a4ff66e12a50a9 626 1057896',
    'markdown': 'bed7a1ad3f594dec 1000 859899',
  },
  '2,600 notes, a fifth tombstones': {
    'factmark-bundle': '66d17606f7abf3a7 2600 3471385',
    'web-annotation': 'ca7b458a2405d0be 2095 3866908',
    'claim-review': '2dd6b749068ea395 1336 2283566',
    'markdown': '4defe9082668216a 2095 1745194',
  },
};

const digest = (text: string, count: number) => `${createHash('sha256').update(text).digest('hex').slice(0, 16)} ${count} ${text.length}`;

/** The file as the export worker makes it: chunks added one by one, head + bodies + tail. */
function streamed(format: ExportFormat, notes: readonly Annotation[], settings: ExportSettings, chunk: number) {
  const stream = exportStream(format, settings);
  const bodies: string[] = [];
  for (let i = 0; i < notes.length; i += chunk) bodies.push(stream.add(notes.slice(i, i + chunk)));
  const end = stream.end();
  return { ...end, content: end.head + bodies.join('') + end.tail };
}

describe('streamed exports', () => {
  const cases = exportCases();

  it('covers every case pinned', () => {
    expect(cases.map((c) => c.name)).toEqual(Object.keys(PINNED));
  });

  for (const { name, notes, authorName } of cases) {
    const settings: ExportSettings = { now: Date.UTC(2026, 10, 27, 12), clientVersion: '9.9.9', ...(authorName !== undefined && { authorName }) };
    it(`${name}: the same bytes as before, whole or in chunks of 1, 7, 999, 1,000 and 2,000`, () => {
      for (const format of FORMATS) {
        const whole = exportAs(format, notes, settings);
        expect(digest(whole.content, whole.count), format).toBe(PINNED[name][format]);
        for (const chunk of notes.length > 1_200 ? [7, 999, 1_000, 2_000] : [1, 7, 999, 1_000, 2_000]) {
          const file = streamed(format, notes, settings, chunk);
          expect(file.content === whole.content, `${format} in chunks of ${chunk}`).toBe(true);
          expect([file.filename, file.mime, file.count]).toEqual([whole.filename, whole.mime, whole.count]);
        }
      }
    });
  }

  it('writes big JSON files as the chunks come, not at the end', () => {
    const notes = cases.at(-1)!.notes;
    for (const format of ['factmark-bundle', 'web-annotation', 'claim-review'] as const) {
      const stream = exportStream(format, { now: 0 });
      const first = stream.add(notes.slice(0, 1_500));
      expect(first.length, format).toBeGreaterThan(100_000);
      expect(stream.add(notes.slice(1_500)).length, format).toBeGreaterThan(100_000);
      expect(stream.end().tail.length, format).toBeLessThan(100);
    }
  });

  it('cuts a document where its items go, and only there', () => {
    const frame = jsonFrame({ a: ITEMS.slice(1), b: { c: [1], items: ITEMS } }, 2);
    expect(frame.before.endsWith('"items": ')).toBe(true);
    expect([frame.itemPad, frame.closePad, frame.after]).toEqual(['      ', '    ', '\n  }\n}']);
    // An author called like the marker does not move the cut (the items are the last value).
    const named = jsonFrame({ author: ITEMS, items: ITEMS }, undefined);
    expect(named.before).toBe(`{"author":${JSON.stringify(ITEMS)},"items":`);
    expect(() => jsonFrame({ items: ITEMS, after: 1 }, 2)).toThrow(/last value/);
    const ended = jsonArrayStream({ item: (a) => a.id, document: () => ({ items: ITEMS }), indentUpTo: 1, file: () => ({ filename: 'f', mime: 'm' }) });
    ended.end();
    expect(() => ended.add([])).toThrow(/ended/);
  });
});
