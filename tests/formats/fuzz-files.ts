/**
 * Generates malformed and hostile import files (seeded): truncated exports, wrong types,
 * huge strings, deep nesting, prototype-pollution keys, dangerous URLs, markup in every text
 * field, garbage. Each file says what kind it is, so a failing case can be reproduced.
 */
import { HOSTILE_SNIPPETS, generateNotes, mulberry32, type Rng } from '../../bench/generate-notes';
import { exportClaimReviews } from '../../utils/formats/claim-review';
import { exportNativeBundle } from '../../utils/formats/native-bundle';
import { exportWebAnnotations } from '../../utils/formats/web-annotation';
import type { Annotation } from '../../utils/model/annotation';

export interface FuzzFile {
  kind: string;
  text: string;
  /** Text that, if the item is imported, must come back exactly (markup kept literally). */
  literal?: string;
}

export const BAD_URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'data:,x', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'blob:https://a.example/1',
  'chrome-extension://abc/popup.html', 'about:blank', '//evil.example/x', '/relative/path', 'https://', 'http://[::1', 'mailto:x@y.example',
  'ftp://files.example/x', 'x'.repeat(5000), '\u0000https://a.example/',
];
const PAYLOADS = [
  ...HOSTILE_SNIPPETS,
  '<svg/onload=alert(1)>', '"><img src=x onerror=alert(1)>', '</textarea><script>alert(1)</script>', '{{constructor.constructor("alert(1)")()}}',
  '\u202eevil\u202c', 'a\u0000b', '%3Cscript%3E', '&#106;avascript:alert(1)',
];
/** Raw JSON key text: plain, and spelled with \u escapes (JSON.parse decodes those to the same key). */
const POLLUTION = ['__proto__', 'constructor', 'prototype', '\\u005f_proto__', '\\u005F\\u005Fproto\\u005F\\u005F', 'constructo\\u0072', '\\u0070rototype'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function randomValue(rng: Rng, depth = 0): unknown {
  switch (int(rng, 0, depth > 2 ? 5 : 7)) {
    case 0: return null;
    case 1: return rng() < 0.5;
    case 2: return pick(rng, [0, -1, 1.5, 1e308, -0, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER]);
    case 3: return pick(rng, ['', ' ', ...PAYLOADS, ...BAD_URLS]);
    case 4: return 'y'.repeat(int(rng, 100_001, 150_000));
    case 5: return pick(rng, ['true', 'false', 'unrated', 'TextQuoteSelector', '1', 'NaN']);
    case 6: return Array.from({ length: int(rng, 0, 4) }, () => randomValue(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: int(rng, 0, 4) }, (_, i) => [pick(rng, ['type', 'url', 'exact', 'id', `k${i}`]), randomValue(rng, depth + 1)]));
  }
}

/** Sets a random path inside a JSON value to v (mutates). */
function mutateAt(rng: Rng, root: unknown, v: (rng: Rng) => unknown): void {
  let node = root;
  for (let d = 0; d < 6; d++) {
    if (Array.isArray(node) && node.length) {
      const i = int(rng, 0, node.length - 1);
      if (rng() < 0.3 || typeof node[i] !== 'object' || node[i] === null) return void (node[i] = v(rng));
      node = node[i];
    } else if (node && typeof node === 'object') {
      const keys = Object.keys(node);
      if (!keys.length) return;
      const k = pick(rng, keys);
      const o = node as Record<string, unknown>;
      if (rng() < 0.3 || typeof o[k] !== 'object' || o[k] === null) return void (o[k] = v(rng));
      node = o[k];
    } else return;
  }
}

/** Adds a pollution key (as raw JSON text, since JSON.stringify cannot write "__proto__" keys made by assignment). */
function injectPollution(rng: Rng, text: string): string {
  const key = pick(rng, POLLUTION);
  const payload = pick(rng, ['{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '{"toString":"x","polluted":1}', '"yes"', '[1,2]']);
  const at: number[] = [];
  for (let i = 0; i < text.length && at.length < 500; i++) if (text[i] === '{') at.push(i);
  if (!at.length) return text;
  const i = pick(rng, at);
  const next = text.slice(i + 1).trimStart();
  return `${text.slice(0, i + 1)}"${key}":${payload}${next.startsWith('}') ? '' : ','}${text.slice(i + 1)}`;
}

function hypothesisExport(notes: Annotation[]): string {
  return JSON.stringify({
    export_date: '2026-01-01T00:00:00Z', client_version: '1',
    annotations: notes.map((a) => ({
      id: a.id.slice(0, 22), uri: a.pageUrl, text: a.note, tags: a.tags, user: 'acct:x@hypothes.is', created: new Date(a.created).toISOString(),
      target: [{ source: a.pageUrl, selector: a.selectors }], document: { title: [a.pageTitle] },
    })),
  });
}

const setText = (a: Annotation, field: 'note' | 'claim' | 'pageTitle' | 'author', s: string): Annotation => ({ ...a, [field]: s });

export function generateFuzzFiles(count: number, seed: number): FuzzFile[] {
  const rng = mulberry32(seed);
  const base = generateNotes(12, seed, { tombstones: 0.2 });
  const exports = [
    () => exportNativeBundle(base.slice(0, int(rng, 1, 12))).content,
    () => exportWebAnnotations(base.slice(0, int(rng, 1, 12))).content,
    () => exportClaimReviews(base.map((a) => ({ ...a, verdict: 'false' as const, sources: [{ url: 'https://s.example/' }], deleted: 0 }))).content,
    () => hypothesisExport(base.slice(0, int(rng, 1, 12))),
  ];
  const files: FuzzFile[] = [];
  for (let n = 0; n < count; n++) {
    const kind = n % 10;
    const text = pick(rng, exports)();
    switch (kind) {
      case 0: { // truncated
        files.push({ kind: 'truncated', text: text.slice(0, int(rng, 0, text.length - 1)) });
        break;
      }
      case 1: { // wrong types anywhere
        const doc = JSON.parse(text);
        for (let k = int(rng, 1, 4); k > 0; k--) mutateAt(rng, doc, (r) => randomValue(r));
        files.push({ kind: 'wrong-types', text: JSON.stringify(doc) });
        break;
      }
      case 2: { // huge strings in a text field
        const field = pick(rng, ['note', 'claim', 'pageTitle', 'author'] as const);
        const a = setText(base[0], field, 'z'.repeat(int(rng, 20_001, 200_000)));
        files.push({ kind: `huge-${field}`, text: pick(rng, [exportNativeBundle, exportWebAnnotations])([a, base[1]]).content });
        break;
      }
      case 3: { // deep nesting, bare or inside a valid structure
        const depth = pick(rng, [65, 100, 1_000, 10_000, 200_000]);
        const open = pick(rng, ['[', '{"a":']);
        const core = open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(rng() < 0.8 ? depth : depth >> 1);
        const wrapped = rng() < 0.5 ? core : text.replace('"note":', `"note":${core},"x":`);
        files.push({ kind: `deep-${depth}`, text: wrapped });
        break;
      }
      case 4: { // prototype pollution keys
        let t = text;
        for (let k = int(rng, 1, 5); k > 0; k--) t = injectPollution(rng, t);
        files.push({ kind: 'pollution', text: t });
        break;
      }
      case 5: { // dangerous URLs in URL fields
        const bad = pick(rng, BAD_URLS);
        const a = { ...base[int(rng, 0, 11)] };
        const where = int(rng, 0, 2);
        if (where === 0) a.pageUrl = bad;
        else a.sources = [...a.sources, { url: bad, title: 'bad' }];
        const t = where === 2
          ? JSON.stringify({ '@type': 'ClaimReview', claimReviewed: 'c', url: bad, itemReviewed: { '@type': 'Claim', appearance: { url: bad } }, reviewRating: { alternateName: 'False' } })
          : pick(rng, [exportNativeBundle, exportWebAnnotations])([a]).content;
        files.push({ kind: `url-${where}`, text: t });
        break;
      }
      case 6: { // markup / script payloads in every text field: imported literally
        const p = pick(rng, PAYLOADS);
        const a: Annotation = {
          ...base[int(rng, 0, 11)], deleted: 0, claim: p, note: p, pageTitle: p, author: p, tags: [p.slice(0, 64).trim() || 'x'],
          sources: [{ url: 'https://src.example/', title: p, excerpt: p }],
          selectors: [{ type: 'TextQuoteSelector', exact: p, prefix: p, suffix: p }],
        };
        files.push({ kind: 'payload', text: exportNativeBundle([a]).content, literal: p });
        break;
      }
      case 7: { // garbage
        const g = pick(rng, [
          '', '   ', '\ufeff', 'null', 'true', '42', '"string"', '[]', '{}', '<html><script>alert(1)</script></html>', 'NaN', '{"a":1}{"b":2}',
          String.fromCharCode(...Array.from({ length: 200 }, () => int(rng, 0, 0xffff))), '[1,2,3', '{"format":"factmark-bundle"}',
          '{"format":"factmark-bundle","version":1e400,"annotations":[]}', '{"@graph":{}}', '{"claims":[{"claimReview":[null,1,"x"]}]}',
          '{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[null,1,"x",[],{}]}}',
        ]);
        files.push({ kind: 'garbage', text: g });
        break;
      }
      case 8: { // many items of random junk in a valid envelope
        const env = pick(rng, [
          (items: unknown[]) => ({ format: 'factmark-bundle', version: 1, annotations: items }),
          (items: unknown[]) => ({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } }),
          (items: unknown[]) => ({ '@context': 'https://schema.org', '@graph': items.map((x) => ({ '@type': 'ClaimReview', claimReviewed: x, reviewRating: x, author: x, url: x })) }),
          (items: unknown[]) => ({ claims: items.map((x) => ({ text: x, claimReview: [x, { url: x, textualRating: x, publisher: x }] })) }),
        ]);
        files.push({ kind: 'junk-items', text: JSON.stringify(env(Array.from({ length: int(rng, 1, 30) }, () => randomValue(rng)))) });
        break;
      }
      default: { // several mutations at once, then maybe truncation
        const doc = JSON.parse(text);
        for (let k = int(rng, 1, 6); k > 0; k--) mutateAt(rng, doc, (r) => (r() < 0.5 ? pick(r, BAD_URLS) : randomValue(r)));
        let t = injectPollution(rng, JSON.stringify(doc));
        if (rng() < 0.3) t = t.slice(0, int(rng, 1, t.length));
        files.push({ kind: 'combined', text: t });
      }
    }
  }
  return files;
}
