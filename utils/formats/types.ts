/** Shapes shared by the exporters and the import pipeline. */
import type { Annotation } from '../model/annotation';
import type { KnownClaim } from '../known-claims/types';
import type { Notice } from './notice';

export type ExportFormat = 'factmark-bundle' | 'web-annotation' | 'claim-review' | 'markdown';

export interface ExportSettings {
  /** The reader's name from settings: creator / author of exported records. */
  authorName?: string;
  /** Epoch ms of the export (injected so exports are reproducible in tests). */
  now?: number;
  /** The extension's version (runtime.getManifest().version). */
  clientVersion?: string;
}

export interface ExportResult {
  content: string;
  filename: string;
  mime: string;
  /** Records written (tombstones are only written to the native bundle). */
  count: number;
}

export type ImportFormat = 'factmark-bundle' | 'web-annotation' | 'hypothesis' | 'claim-review' | 'fact-check-tools';

export type ItemStatus = 'ok' | 'sanitised' | 'rejected';

/** What became of one item of the file. */
export interface ImportItemResult {
  /** Position in the file (document order). */
  index: number;
  kind: 'annotation' | 'known-claim' | 'unknown';
  status: ItemStatus;
  id?: string;
  /** Why it was rejected, or what was changed or dropped (worded by the page; file text in them is shown as text, never HTML). */
  messages: Notice[];
}

export interface ParsedImport {
  /** False when the whole file was refused (then `messages` says why and nothing is imported). */
  ok: boolean;
  format?: ImportFormat;
  annotations: Annotation[];
  knownClaims: KnownClaim[];
  items: ImportItemResult[];
  /** File-level notices (dropped keys, ignored parts; when refused, the reason last). */
  messages: Notice[];
}

export interface ParseOptions {
  /** Import time (epoch ms) for foreign items without dates. */
  now?: number;
  /** Called with the fraction of items processed (0–1). */
  onProgress?: (fraction: number) => void;
  /** Override bounds (tests use small ones). */
  limits?: Partial<import('./limits').ImportLimits>;
}
