/**
 * Import of shared files into the library: a standard file input (.json, .jsonld) and drag and
 * drop; the file is parsed and validated (utils/formats), previewed as "N added, M updated,
 * K skipped" with a reason per refused or skipped item, and only then written — in one
 * transaction, so a failure changes nothing. All file text is shown as text.
 */
import { useRef, useState } from 'preact/hooks';
import { parseImportFile, summarizeImport, describeParse, type ImportSummary } from '@/utils/formats';
import type { ParsedImport } from '@/utils/formats/types';
import type { ImportPlan } from '@/utils/formats/merge';
import { applyImport, planImport } from '@/utils/storage/import';
import { getDb } from '@/utils/storage/db';

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: number }
  | { kind: 'refused'; name: string; message: string }
  | { kind: 'preview'; name: string; parsed: ParsedImport; plan: ImportPlan; summary: ImportSummary }
  | { kind: 'writing'; name: string; progress: number }
  | { kind: 'done'; name: string; summary: ImportSummary }
  | { kind: 'failed'; name: string; message: string };

export interface ImportPanelProps {
  /** Told which pages changed, so open tabs repaint. */
  onImported?: (pageUrls: string[]) => void;
}

export function ImportPanel({ onImported }: ImportPanelProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const readFile = async (file: File) => {
    setStage({ kind: 'reading', name: file.name, progress: 0 });
    const parsed = await parseImportFile(file, { now: Date.now(), onProgress: (p) => setStage({ kind: 'reading', name: file.name, progress: p }) });
    if (!parsed.ok) return setStage({ kind: 'refused', name: file.name, message: describeParse(parsed) });
    try {
      const plan = await planImport(getDb(), parsed);
      setStage({ kind: 'preview', name: file.name, parsed, plan, summary: summarizeImport(parsed, plan) });
    } catch (error) {
      setStage({ kind: 'failed', name: file.name, message: errorText(error) });
    }
  };

  const apply = async (name: string, parsed: ParsedImport, plan: ImportPlan) => {
    setStage({ kind: 'writing', name, progress: 0 });
    try {
      const applied = await applyImport(getDb(), plan, { onProgress: (p) => setStage({ kind: 'writing', name, progress: p }) });
      setStage({ kind: 'done', name, summary: summarizeImport(parsed, applied) });
      const pages = new Set([...applied.annotations.add, ...applied.annotations.update].map((a) => a.pageUrl));
      onImported?.([...pages]);
    } catch (error) {
      setStage({ kind: 'failed', name, message: `Nothing was imported: ${errorText(error)}` });
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

function ImportStatus({ stage, onApply, onCancel }: { stage: Stage; onApply: (name: string, parsed: ParsedImport, plan: ImportPlan) => void; onCancel: () => void }) {
  switch (stage.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'writing':
      return (
        <div role="status" aria-live="polite" class="fm-import__status">
          {stage.kind === 'reading' ? 'Checking' : 'Importing'} {stage.name}…
          <progress max={1} value={stage.progress} aria-label={`${stage.kind === 'reading' ? 'Checking' : 'Importing'} ${stage.name}`} />
        </div>
      );
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
          <p>
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
