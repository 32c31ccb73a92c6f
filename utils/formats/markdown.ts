/**
 * A Markdown report for pasting into a document or an email: notes grouped by page, each with
 * its claim, verdict, note, sources (links) and tags.
 *
 * All user text is escaped so that it renders as the same text in any CommonMark/GFM renderer:
 * no emphasis, links, images, HTML, entities, tables or headings can be smuggled in. Only
 * http(s) URLs become links; anything else is shown as plain text.
 */
import { VERDICT_LABELS, type Annotation } from '../model/annotation';
// Only the entries a URL check can give (so a bundle takes these, not the whole catalogue).
import { importUrlInvalid, importUrlNotString, importUrlScheme, importUrlTooLong } from '../../public/_locales/en/messages.json';
import { englishFrom } from './english';
import { wholeFile, type ExportStream } from './export-stream';
import { dateStamp } from './native-bundle';
import type { ExportResult, ExportSettings } from './types';
import { checkHttpUrl } from './urls';

/** Characters with inline meaning anywhere in a line (CommonMark + GFM). */
const INLINE_RE = /[\\`*_[\]<>&|~!#@]/g;

/** Neutralises what would open a block at the start of a line: list, quote, setext/thematic break, ordered list. */
function escapeLineStart(line: string): string {
  return line.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Escapes user text for use inside one line (a heading, a list item, after a label). Backslash
 * escapes work on every ASCII punctuation character (CommonMark §2.4), so escaping more than
 * needed is always safe. Line breaks become spaces; leading blanks go (they would make code).
 */
export function escapeMarkdownInline(text: string): string {
  const line = text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/^[ \t]+/, '')
    // GFM still autolinks bare "www.…" and "http(s)://…" text: those are http(s) links, which
    // the report allows; "@" is escaped so that e-mail addresses do not become mailto: links.
    .replace(INLINE_RE, '\\$&');
  return escapeLineStart(line);
}

/**
 * Escapes multi-line user text as a block: each line escaped as above. Lines stay lines (hard
 * breaks), blank lines stay paragraph breaks.
 */
export function escapeMarkdownBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n|\u2028|\u2029/)
    .map(escapeMarkdownInline)
    .join('  \n')
    .replace(/ {2}\n {2}\n/g, '\n\n');
}

/** Why a link was left out, in English like the rest of the report. */
const urlProblem = englishFrom({ importUrlInvalid, importUrlNotString, importUrlScheme, importUrlTooLong });

function link(text: string, url: string): string {
  const u = checkHttpUrl(url, true);
  if (!u.ok) return `${escapeMarkdownInline(text)} (link omitted: ${escapeMarkdownInline(urlProblem(u.reason))})`;
  // <…> destinations allow parentheses; the parsed href has no spaces, < or >.
  return `[${escapeMarkdownInline(text)}](<${u.url}>)`;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The report written a chunk at a time: pages come in URL order and a page's notes by date, so
 * nothing can be written before the last note has come (the chunks are grouped as they come, and
 * the report is written at the end).
 */
export function markdownStream(settings: ExportSettings = {}): ExportStream {
  const now = settings.now ?? Date.now();
  const pages = new Map<string, Annotation[]>();
  let live = 0;
  return {
    add(notes) {
      for (const a of notes) {
        if (a.deleted) continue;
        live++;
        const list = pages.get(a.pageUrl);
        if (list) list.push(a);
        else pages.set(a.pageUrl, [a]);
      }
      return '';
    },
    end() {
      const out: string[] = ['# Factmark report', ''];
      const by = settings.authorName ? ` by ${escapeMarkdownInline(settings.authorName)}` : '';
      out.push(`${live} note${live === 1 ? '' : 's'} on ${pages.size} page${pages.size === 1 ? '' : 's'}, exported ${day(now)}${by}.`, '');
      const pageUrls = [...pages.keys()].sort();
      for (const url of pageUrls) {
        const notes = pages.get(url)!.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
        const title = notes.find((n) => n.pageTitle)?.pageTitle || url;
        out.push(`## ${link(title, url)}`, '');
        for (const a of notes) {
          const claim = a.claim || (a.selectors.length ? '' : '(note on the whole page)');
          out.push(`### ${escapeMarkdownInline(claim.replace(/\s+/g, ' ').trim()) || '(no claim text)'}`, '');
          out.push(`**Verdict:** ${VERDICT_LABELS[a.verdict]}  `);
          out.push(`**Checked:** ${day(a.updated)}${a.author ? ` by ${escapeMarkdownInline(a.author)}` : ''}`, '');
          if (a.note) out.push(escapeMarkdownBlock(a.note), '');
          if (a.sources.length) {
            out.push('**Sources:**', '');
            for (const s of a.sources) {
              let line = `- ${link(s.title || s.url, s.url)}`;
              if (s.excerpt) line += ` — “${escapeMarkdownInline(s.excerpt.replace(/\s+/g, ' ').trim())}”`;
              if (s.accessed !== undefined) line += ` (accessed ${day(s.accessed)})`;
              out.push(line);
            }
            out.push('');
          }
          if (a.tags.length) out.push(`**Tags:** ${a.tags.map(escapeMarkdownInline).join(', ')}`, '');
        }
      }
      pages.clear();
      return { head: out.join('\n'), tail: '', filename: `factmark-report-${dateStamp(now)}.md`, mime: 'text/markdown;charset=utf-8', count: live };
    },
  };
}

export function exportMarkdown(annotations: readonly Annotation[], settings: ExportSettings = {}): ExportResult {
  return wholeFile(markdownStream(settings), annotations);
}
