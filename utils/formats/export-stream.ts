/**
 * Exports written in pieces: an `ExportStream` takes the notes a chunk at a time (in export
 * order) and returns each chunk's text as it goes, so a worker can serialise one chunk while the
 * database reads the next, and never holds the file as one string. The whole-file exporters
 * (`exportNativeBundle` …) are the same streams fed one chunk, so both give the same bytes.
 *
 * The JSON formats are one document with one long array (the notes) as its last value. The
 * document around the array is `JSON.stringify`'d once, with a marker where the array goes, and
 * cut at the marker; each item is stringified alone and indented to its depth. JSON strings
 * hold no raw line breaks, so re-indenting an item's lines cannot touch its text, and the pieces
 * join to exactly what `JSON.stringify` of the whole document writes.
 */
import type { Annotation } from '../model/annotation';
import type { ExportResult } from './types';

export interface ExportEnd {
  /** Goes before all the text `add` returned. */
  head: string;
  /** Goes after it. */
  tail: string;
  filename: string;
  mime: string;
  /** Records written (tombstones are only written to the native bundle). */
  count: number;
}

export interface ExportStream {
  /** Serialises the next notes; returns the text that follows what earlier calls returned ('' when it waits). */
  add(notes: readonly Annotation[]): string;
  /** Ends the file. Once only, after the last `add`. */
  end(): ExportEnd;
}

/** The whole file from a stream fed all notes at once: what the whole-file exporters return. */
export function wholeFile(stream: ExportStream, notes: readonly Annotation[]): ExportResult {
  const body = stream.add(notes);
  const { head, tail, filename, mime, count } = stream.end();
  return { content: head + body + tail, filename, mime, count };
}

/** Where the items go in a document given to `jsonArrayStream` (a string no export writes). */
export const ITEMS = '\u0000factmark:items\u0000';
const ITEMS_JSON = JSON.stringify(ITEMS);

interface Frame {
  /** The document's text before and after the array. */
  before: string;
  after: string;
  /** Indentation of the array's items and of its closing bracket ('' when compact). */
  itemPad: string;
  closePad: string;
}

/** `doc` stringified and cut where `ITEMS` stands: it must be the document's last value. */
export function jsonFrame(doc: object, indent: number | undefined): Frame {
  const text = JSON.stringify(doc, null, indent);
  const at = text.lastIndexOf(ITEMS_JSON);
  const after = text.slice(at + ITEMS_JSON.length);
  if (at < 0 || !/^[\s\]}]*$/.test(after)) throw new Error('The items must be the last value of the document.');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const closePad = indent ? /^ */.exec(text.slice(lineStart, at))![0] : '';
  return { before: text.slice(0, at), after, itemPad: indent ? closePad + ' '.repeat(indent) : '', closePad };
}

export interface JsonArrayOptions<T> {
  /** The notes' JSON values, in order; undefined leaves a note out. */
  item: (a: Annotation) => T | undefined;
  /** Called for each item written (what `document` needs to know of them). */
  seen?: (a: Annotation) => void;
  /** The document, with `ITEMS` as its last value; called at the end with the items' count. */
  document: (count: number) => object;
  /** Indented (2 spaces) up to this many items, compact beyond (a third smaller). */
  indentUpTo: number;
  file: (count: number) => { filename: string; mime: string };
}

/**
 * A JSON document whose last value is the array of the notes' items. Whether it is indented
 * can depend on the final count: then items wait (as values) until more than `indentUpTo` have
 * come, and from there are written compact as they come; a file that stays small is written
 * indented at the end. With `indentUpTo: Infinity` items are written indented as they come.
 */
export function jsonArrayStream<T>(o: JsonArrayOptions<T>): ExportStream {
  let mode: 'waiting' | 'compact' | 'indented' = o.indentUpTo === Infinity ? 'indented' : 'waiting';
  let waiting: T[] = [];
  let count = 0;
  /** Items already written (so the next one needs a separator). */
  let written = 0;
  let ended = false;
  /** "\n" + the items' indentation (the structure, hence the depth, does not depend on the count). */
  let itemBreak: string | undefined;
  const write = (values: readonly T[]): string => {
    let text = '';
    if (mode === 'compact') {
      for (const v of values) text += (written++ ? ',' : '') + JSON.stringify(v);
      return text;
    }
    const nl = (itemBreak ??= '\n' + jsonFrame(o.document(count), 2).itemPad);
    for (const v of values) text += (written++ ? ',' : '') + nl + JSON.stringify(v, null, 2).replaceAll('\n', nl);
    return text;
  };
  return {
    add(notes) {
      if (ended) throw new Error('This export has ended.');
      const values: T[] = [];
      for (const a of notes) {
        const v = o.item(a);
        if (v === undefined) continue;
        o.seen?.(a);
        values.push(v);
      }
      count += values.length;
      if (mode !== 'waiting') return write(values);
      waiting.push(...values);
      if (count <= o.indentUpTo) return '';
      mode = 'compact';
      const all = waiting;
      waiting = [];
      return write(all);
    },
    end() {
      if (ended) throw new Error('This export has ended.');
      ended = true;
      if (mode === 'waiting') mode = 'indented'; // small enough: every item is written here, in the tail
      const indent = mode === 'indented' ? 2 : undefined;
      const frame = jsonFrame(o.document(count), indent);
      const rest = waiting.length ? write(waiting) : '';
      waiting = [];
      return {
        head: frame.before + '[',
        tail: count ? rest + (indent ? '\n' + frame.closePad : '') + ']' + frame.after : ']' + frame.after,
        count,
        ...o.file(count),
      };
    },
  };
}
