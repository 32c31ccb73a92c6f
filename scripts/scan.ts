/**
 * `npm run scan -- <file.html | http(s)://URL | -> [--json] [--all] [--threshold P | --sensitivity S]`
 *
 * Prints the check-worthy claims of a page with the extension's own modules: article root and
 * language (utils/claims/article-root) → block text → detectClaims (utils/claims/detect).
 * Table by default; `--json` prints one JSON object per line: {"text","score","start","end","reasons"}
 * (offsets are into the article text). `--all` also lists sentences below the threshold (table).
 * Exit code 1 with a message on unreadable input, a missing file or a failed fetch; 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { findArticle } from '../utils/claims/article-root';
import { blockText } from '../utils/claims/block-text';
import { detectClaims, scoreSentences, type DetectOptions } from '../utils/claims/detect';

const USAGE = 'usage: npm run scan -- <file.html | http(s)://URL | -> [--json] [--all] [--threshold P | --sensitivity S] [--any-language]';

class InputError extends Error {}

async function readInput(src: string): Promise<string> {
  if (src === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  if (/^https?:\/\//i.test(src)) {
    let res: Response;
    try {
      res = await fetch(src, { redirect: 'follow', signal: AbortSignal.timeout(20_000) });
    } catch (e) {
      throw new InputError(`could not fetch ${src}: ${(e as Error).cause ?? (e as Error).message}`);
    }
    if (!res.ok) throw new InputError(`could not fetch ${src}: HTTP ${res.status} ${res.statusText}`);
    return await res.text();
  }
  try {
    return readFileSync(src, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${src}` : `cannot read ${src}: ${(e as Error).message}`);
  }
}

function parseArgs(argv: string[]) {
  const opts: DetectOptions & { json: boolean; all: boolean; anyLanguage: boolean; src?: string } = { json: false, all: false, anyLanguage: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0 || v > 1) throw new RangeError(`${a} needs a number from 0 to 1`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--all') opts.all = true;
    else if (a === '--any-language') opts.anyLanguage = true;
    else if (a === '--threshold') opts.threshold = num();
    else if (a === '--sensitivity') opts.sensitivity = num();
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('--')) throw new RangeError(`unknown option ${a}`);
    else if (opts.src === undefined) opts.src = a;
    else throw new RangeError(`unexpected argument ${a}`);
  }
  if (opts.src === undefined) throw new RangeError('no input given');
  return opts as typeof opts & { src: string };
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`scan: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let html: string;
  try {
    html = await readInput(opts.src);
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`scan: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (!html.trim()) {
    console.error(`scan: ${opts.src} is empty`);
    return 1;
  }
  const { document } = parseHTML(html);
  const article = findArticle(document as unknown as Document, { requireEnglish: !opts.anyLanguage });
  if (!article.root) {
    console.error(`scan: page skipped: ${article.skipped}`);
    return 0;
  }
  const text = blockText(article.root, article.includes);
  const t0 = performance.now();
  const rows = opts.all ? scoreSentences(text, opts) : detectClaims(text, opts).map((c) => ({ ...c, flagged: true }));
  const ms = performance.now() - t0;
  if (opts.json) {
    for (const r of rows) {
      if (!r.flagged) continue;
      process.stdout.write(JSON.stringify({ text: r.text, score: Number(r.score.toFixed(4)), start: r.start, end: r.end, reasons: r.reasons }) + '\n');
    }
    return 0;
  }
  const flagged = rows.filter((r) => r.flagged).length;
  console.log(`${flagged} claim(s) in ${text.length} characters of article text (language ${article.language}; ${ms.toFixed(1)} ms)\n`);
  const head = ['', 'score', 'start', 'end', 'sentence', 'reasons'];
  const table = rows.map((r) => [r.flagged ? '*' : ' ', r.score.toFixed(2), String(r.start), String(r.end), clip(r.text, 100), r.reasons.join(', ')]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`scan: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
