/**
 * Import of shared files into the library: a standard file input (.json, .jsonld) and drag and
 * drop; the file is read, parsed, validated and planned in a worker (so the page stays
 * responsive on a 100 MB file; in the page itself if no worker can start), previewed as
 * "N added, M updated, K skipped" with a reason per refused or skipped item, and only then
 * written, in one transaction, so a failure or a cancel changes nothing. File text is shown as text.
 * User Timing marks `factmark:import-<phase>` (start, reading, checking, planning, receiving,
 * preview, written) let the benchmark tell the steps apart (bench/share-browser.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { summarizeImport, describeParse, type ImportSummary } from '@/utils/formats';
import type { ImportPlan } from '@/utils/formats/merge';
import { prepareImport, prepareImportOffThread, type ParseOutcome, type PreparePhase } from '@/utils/formats/import-worker-protocol';
import { applyImport, planImport } from '@/utils/storage/import';
import { getDb } from '@/utils/storage/db';

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: number; cancel: () => void }
  | { kind: 'refused'; name: string; message: string }
  | { kind: 'preview'; name: string; parsed: ParseOutcome; plan: ImportPlan; summary: ImportSummary; where: 'worker' | 'page' }
  | { kind: 'writing'; name: string; progress: number; cancel: () => void }
  | { kind: 'done'; name: string; summary: ImportSummary }
  | { kind: 'failed'; name: string; message: string };

export interface ImportPanelProps {
  /** Told which pages changed, so open tabs repaint. */
  onImported?: (pageUrls: string[]) => void;
}

/** The worker, bundled by Vite from this URL pattern (it must stay literal). */
const createWorker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'factmark-import' });

export function ImportPanel({ onImported }: ImportPanelProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // The check in progress: leaving the tab stops it (and its worker). A write the reader started
  // runs to the end; its Cancel button rolls it back.
  const checking = useRef<AbortController | null>(null);
  useEffect(() => () => checking.current?.abort(), []);

  const readFile = async (file: File) => {
    checking.current?.abort();
    const controller = new AbortController();
    checking.current = controller;
    const { signal } = controller;
    let phase: PreparePhase | undefined;
    const reading = (progress: number, now?: PreparePhase) => {
      if (now && now !== phase) performance.mark(`factmark:import-${(phase = now)}`);
      setStage({ kind: 'reading', name: file.name, progress, cancel: () => controller.abort() });
    };
    performance.mark('factmark:import-start');
    reading(0);
    try {
      const now = Date.now();
      const prepared = await prepareImportOffThread(file, {
        now,
        createWorker,
        fallback: (o) => prepareImport(file, { now, plan: (p) => planImport(getDb(), p), ...o }),
        onProgress: reading,
        signal,
      });
      if (!prepared.parsed.ok) return setStage({ kind: 'refused', name: file.name, message: describeParse(prepared.parsed) });
      const { parsed, plan, where } = prepared;
      setStage({ kind: 'preview', name: file.name, parsed, plan, summary: summarizeImport(parsed, plan), where });
      performance.mark('factmark:import-preview');
    } catch (error) {
      setStage(signal.aborted ? { kind: 'idle' } : { kind: 'failed', name: file.name, message: errorText(error) });
    } finally {
      if (checking.current === controller) checking.current = null;
    }
  };

  const apply = async (name: string, parsed: ParseOutcome, plan: ImportPlan) => {
    const controller = new AbortController();
    const { signal } = controller;
    const writing = (progress: number) => setStage({ kind: 'writing', name, progress, cancel: () => controller.abort() });
    writing(0);
    try {
      // 500 notes per bulkPut keeps each of the page's tasks short (the search fields of every note
      // are computed and the records cloned on this thread) at no cost in total time.
      const applied = await applyImport(getDb(), plan, { onProgress: writing, signal, chunkSize: 500 });
      performance.mark('factmark:import-written');
      setStage({ kind: 'done', name, summary: summarizeImport(parsed, applied) });
      const pages = new Set([...applied.annotations.add, ...applied.annotations.update].map((a) => a.pageUrl));
      onImported?.([...pages]);
    } catch (error) {
      setStage({ kind: 'failed', name, message: signal.aborted ? 'Cancelled: nothing was imported.' : `Nothing was imported: ${errorText(error)}` });
    }
  };

  const busy = stage.kind === 'reading' || stage.kind === 'writing';
  return (
    <section aria-labelledby="fm-import-title" class="fm-import">
      <h2 id="fm-import-title">Import</h2>
      <div
        class={`fm-dropzone${dragging ? ' fm-dropzone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer?.files[0];
          if (file && !busy) void readFile(file);
        }}
      >
        <p>
          Factmark bundles, W3C Web Annotations (e.g. from Hypothesis) and schema.org ClaimReview files. Drop a file here or{' '}
        </p>
        <label class="fm-file">
          <span>Choose a file…</span>
          <input
            ref={input}
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            disabled={busy}
            onChange={(e) => {
              const file = (e.currentTarget as HTMLInputElement).files?.[0];
              if (file) void readFile(file);
              (e.currentTarget as HTMLInputElement).value = '';
            }}
          />
        </label>
      </div>
      <ImportStatus stage={stage} onApply={apply} onCancel={() => setStage({ kind: 'idle' })} />
    </section>
  );
}

function ImportStatus({ stage, onApply, onCancel }: { stage: Stage; onApply: (name: string, parsed: ParseOutcome, plan: ImportPlan) => void; onCancel: () => void }) {
  switch (stage.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'writing': {
      const label = stage.kind === 'reading' ? 'Checking' : 'Importing';
      return (
        <div role="status" aria-live="polite" class="fm-import__status" data-testid="import-progress">
          {label} {stage.name}…
          <progress max={1} value={stage.progress} aria-label={`${label} ${stage.name}`} />{' '}
          <button type="button" onClick={stage.cancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'refused':
    case 'failed':
      return (
        <p role="alert" class="fm-import__error">
          {stage.name}: {stage.message}
        </p>
      );
    case 'preview':
      return (
        <div class="fm-import__status" role="status" aria-live="polite">
          <p data-prepared-in={stage.where}>
            <strong>{stage.name}</strong> ({describeParse(stage.parsed)}) — if imported: <span data-testid="import-preview">{stage.summary.text}</span>.
          </p>
          <Reasons summary={stage.summary} messages={stage.parsed.messages} />
          <button type="button" class="fm-primary" disabled={stage.summary.added + stage.summary.updated === 0} onClick={() => onApply(stage.name, stage.parsed, stage.plan)}>
            Import
          </button>{' '}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    case 'done':
      return (
        <div class="fm-import__status" role="status" aria-live="polite">
          <p>
            Imported {stage.name}: <strong data-testid="import-result">{stage.summary.text}</strong>.
          </p>
          <Reasons summary={stage.summary} messages={[]} />
        </div>
      );
  }
}

function Reasons({ summary, messages }: { summary: ImportSummary; messages: string[] }) {
  const lines = [
    ...messages,
    ...summary.rejected.map((r) => `Item ${r.index + 1} rejected: ${r.reasons.join('; ')}`),
    ...summary.skipped.map((s) => `${s.id} skipped: ${s.reason}`),
    ...summary.repaired.map((r) => `Item ${r.index + 1} repaired: ${r.changes.join('; ')}`),
  ];
  if (!lines.length) return null;
  return (
    <details>
      <summary>Details ({lines.length})</summary>
      <ul class="fm-import__reasons">
        {lines.slice(0, 500).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
        {lines.length > 500 ? <li>… and {lines.length - 500} more</li> : null}
      </ul>
    </details>
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
