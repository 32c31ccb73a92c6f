/**
 * Import of shared files into the library: a standard file input (.json, .jsonld) and drag and
 * drop. A worker reads, parses, validates and plans the file (in the page itself if no worker
 * can start), keeps the plan, and the page shows only the preview: "N added, M updated, K
 * skipped" with a reason per refused or skipped item. On Import the same worker writes the plan
 * in one transaction, so a failure or a cancel changes nothing; the write's full-text index work
 * stays off this page's main thread and the records never cross to it (the library's
 * liveQueries pick the writes up). File text is shown as text.
 * User Timing marks `factmark:import-<phase>` (start, reading, checking, planning, receiving,
 * preview, writing, written) let the benchmark tell the steps apart (bench/share-browser.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportSummary } from '@/utils/formats';
import { prepareImportOffThread, type ImportSession, type OffThreadOptions, type PreparePhase } from '@/utils/formats/import-worker-protocol';
import { renderNotice, type Notice } from '@/utils/formats/notice';
import { applyImport, planImport } from '@/utils/storage/import';
import { getDb } from '@/utils/storage/db';
import { errorText } from '@/components/error-text';
import { t } from '@/utils/i18n';

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: number; cancel: () => void }
  | { kind: 'refused'; name: string; message: string }
  | { kind: 'preview'; name: string; session: ImportSession }
  | { kind: 'writing'; name: string; progress: number; cancel: () => void }
  | { kind: 'done'; name: string; summary: ImportSummary }
  | { kind: 'failed'; name: string; message: string };

export interface ImportPanelProps {
  /** Told which pages changed, so open tabs repaint. */
  onImported?: (pageUrls: string[]) => void;
}

/** The worker, bundled by Vite from this URL pattern (it must stay literal). */
const createWorker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'factmark-import' });

/** The page's own steps when no worker starts. 500 notes per bulkPut keeps each of its tasks short. */
const inPage: OffThreadOptions['inPage'] = {
  plan: (parsed) => planImport(getDb(), parsed),
  apply: (plan, o) => applyImport(getDb(), plan, { ...o, chunkSize: 500 }),
};

export function ImportPanel({ onImported }: ImportPanelProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // The check in progress and the preview waiting for the reader: leaving the tab stops the one
  // and discards the other (terminating the worker frees the plan). A write the reader started
  // runs to the end; its Cancel button rolls it back.
  const checking = useRef<AbortController | null>(null);
  const previewed = useRef<ImportSession | null>(null);
  const dismiss = () => {
    previewed.current?.discard();
    previewed.current = null;
  };
  useEffect(
    () => () => {
      checking.current?.abort();
      dismiss();
    },
    [],
  );

  const readFile = async (file: File) => {
    checking.current?.abort();
    dismiss();
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
      const session = await prepareImportOffThread(file, { now: Date.now(), createWorker, inPage, onProgress: reading, signal });
      if (signal.aborted) return session.discard(); // the tab was left as the answer came
      if (!session.outcome.parse.ok) return setStage({ kind: 'refused', name: file.name, message: say(session.outcome.parse.line) });
      previewed.current = session;
      setStage({ kind: 'preview', name: file.name, session });
      performance.mark('factmark:import-preview');
    } catch (error) {
      setStage(signal.aborted ? { kind: 'idle' } : { kind: 'failed', name: file.name, message: errorText(error) });
    } finally {
      if (checking.current === controller) checking.current = null;
    }
  };

  const apply = async (name: string, session: ImportSession) => {
    previewed.current = null; // from here the write owns the session, and ends it
    const controller = new AbortController();
    const { signal } = controller;
    const writing = (progress: number) => setStage({ kind: 'writing', name, progress, cancel: () => controller.abort() });
    performance.mark('factmark:import-writing');
    writing(0);
    try {
      const applied = await session.apply({ onProgress: writing, signal });
      performance.mark('factmark:import-written');
      setStage({ kind: 'done', name, summary: applied.summary });
      onImported?.(applied.pageUrls);
    } catch (error) {
      setStage({ kind: 'failed', name, message: signal.aborted ? t('importCancelled') : t('importNothingImported', errorText(error)) });
    }
  };

  const busy = stage.kind === 'reading' || stage.kind === 'writing';
  return (
    <section aria-labelledby="fm-import-title" class="fm-import">
      <h2 id="fm-import-title">{t('importTitle')}</h2>
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
        <p>{t('importIntro')} </p>
        <label class="fm-file">
          <span>{t('importChooseFile')}</span>
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
      <ImportStatus
        stage={stage}
        onApply={apply}
        onCancel={() => {
          dismiss();
          setStage({ kind: 'idle' });
        }}
      />
    </section>
  );
}

function ImportStatus({ stage, onApply, onCancel }: { stage: Stage; onApply: (name: string, session: ImportSession) => void; onCancel: () => void }) {
  switch (stage.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'writing': {
      const label = t(stage.kind === 'reading' ? 'importChecking' : 'importWriting', stage.name);
      return (
        <div role="status" aria-live="polite" class="fm-import__status" data-testid="import-progress">
          {label}
          <progress max={1} value={stage.progress} aria-label={label} />{' '}
          <button type="button" onClick={stage.cancel}>
            {t('actionCancel')}
          </button>
        </div>
      );
    }
    case 'refused':
    case 'failed':
      return (
        <p role="alert" class="fm-import__error">
          {t('importFileProblem', stage.name, stage.message)}
        </p>
      );
    case 'preview': {
      const { outcome, where } = stage.session;
      return (
        <div class="fm-import__status" role="status" aria-live="polite">
          <p data-prepared-in={where}>
            <strong>{stage.name}</strong> ({say(outcome.parse.line)}) — {t('importIfImported')} <span data-testid="import-preview">{say(outcome.summary.line)}</span>.
          </p>
          <Reasons summary={outcome.summary} messages={outcome.parse.messages} />
          <button type="button" class="fm-primary" disabled={outcome.summary.added + outcome.summary.updated === 0} onClick={() => onApply(stage.name, stage.session)}>
            {t('importButton')}
          </button>{' '}
          <button type="button" onClick={onCancel}>
            {t('actionCancel')}
          </button>
        </div>
      );
    }
    case 'done':
      return (
        <div class="fm-import__status" role="status" aria-live="polite">
          <p>
            {t('importDone', stage.name)} <strong data-testid="import-result">{say(stage.summary.line)}</strong>.
          </p>
          <Reasons summary={stage.summary} messages={[]} />
        </div>
      );
  }
}

function Reasons({ summary, messages }: { summary: ImportSummary; messages: Notice[] }) {
  const lines = [
    ...messages.map(say),
    ...summary.rejected.map((r) => t('importItemRejected', r.index + 1, sayAll(r.reasons))),
    ...summary.skipped.map((s) => t('importItemSkipped', s.id, say(s.reason))),
    ...summary.repaired.map((r) => t('importItemRepaired', r.index + 1, sayAll(r.changes))),
  ];
  if (!lines.length) return null;
  return (
    <details>
      <summary>{t('importDetails', lines.length)}</summary>
      <ul class="fm-import__reasons">
        {lines.slice(0, 500).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
        {lines.length > 500 ? <li>{t('importMoreLines', lines.length - 500)}</li> : null}
      </ul>
    </details>
  );
}

/** A notice of the import (a reason, a count line) in the UI language. */
const say = (n: Notice): string => renderNotice(n, t);

/** An item's reasons on one line. */
const sayAll = (list: readonly Notice[]): string => list.map(say).join('; ');
