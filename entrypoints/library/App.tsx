import { useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { getDb } from '@/utils/storage/db';
import { countMatches, distinctSites, distinctTags, libraryStats, searchAnnotations, warmSearchIndex } from '@/utils/storage/annotations';
import { isFiltered, type LibraryQuery } from '@/utils/search/query';
import { t, tn } from '@/utils/i18n';
import { useLiveQuery } from '@/components/hooks/use-live-query';
import { useStableCallback } from '@/components/hooks/use-stable-callback';
import { useSettings, useTheme } from '@/components/hooks/use-settings';
import { deleteNote, errorMessage, forEachNote, restoreNote, saveNote } from '@/components/notes/note-actions';
import { UndoBar, type UndoState } from '@/components/notes/UndoBar';
import { LibraryFilters } from '@/components/library/LibraryFilters';
import { ResultList } from '@/components/library/ResultList';
import { Pager } from '@/components/library/Pager';
import { BulkBar, type LibraryExportFormat } from '@/components/library/BulkBar';
import { SettingsPanel } from '@/components/library/SettingsPanel';
import { EMPTY_SELECTION, isSelected, toggle, type Selection } from '@/components/library/selection';
import { Tabs } from '@/components/library/Tabs';
import { SharePanel } from '@/components/library/SharePanel';
import type { ExportHandler } from '@/components/share/export-file';

export const PAGE_SIZE = 50;

export function App({ onExport }: { onExport?: ExportHandler }) {
  const settings = useSettings();
  useTheme(settings);
  const initialTab = location.hash === '#settings' ? 'settings' : location.hash === '#share' ? 'share' : 'notes';
  const [tab, setTab] = useState<'notes' | 'share' | 'settings'>(initialTab);
  return (
    <main class="fm-library">
      <header class="fm-library__head">
        <h1>{t('libraryTitle')}</h1>
      </header>
      <Tabs
        label={t('libraryTabsLabel')}
        selected={tab}
        onSelect={(id) => {
          setTab(id);
          history.replaceState(null, '', id === 'notes' ? '#' : `#${id}`);
        }}
        tabs={[
          { id: 'notes', label: t('libraryTabNotes'), panel: () => <NotesPanel onExport={onExport} /> },
          { id: 'share', label: t('libraryTabShare'), panel: () => <SharePanel onExport={onExport} /> },
          { id: 'settings', label: t('libraryTabSettings'), panel: () => <SettingsPanel settings={settings} /> },
        ]}
      />
    </main>
  );
}

function NotesPanel({ onExport }: { onExport?: ExportHandler }) {
  const [query, setQuery] = useState<LibraryQuery>({ sort: 'recent' });
  const [page, setPage] = useState(0);
  const [grouped, setGrouped] = useState(true);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [undo, setUndo] = useState<UndoState | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const queryKey = JSON.stringify(query);
  const results = useLiveQuery(
    async () => ({ key: queryKey, page, ...(await searchAnnotations(getDb(), query, { offset: page * PAGE_SIZE, limit: PAGE_SIZE })) }),
    [queryKey, page],
  );
  const painted = results !== undefined && results.key === queryKey;
  // Totals come from counts kept on every write, the full-text index, or the page read itself.
  const stats = useLiveQuery(() => libraryStats(getDb()), []);
  const counted = useLiveQuery(async () => ({ key: queryKey, count: await countMatches(getDb(), query) }), [queryKey]);

  // The first search reads the packed full-text index; read it while the reader is still looking.
  useEffect(() => {
    // The mark tells bench/library-browser.ts when searches run warm.
    const warm = () =>
      void warmSearchIndex(getDb())
        .then(() => performance.mark('factmark:library-search-ready'))
        .catch(() => undefined);
    const idle = globalThis.requestIdleCallback?.(warm, { timeout: 2000 });
    if (idle === undefined) warm();
    return () => (idle !== undefined ? globalThis.cancelIdleCallback?.(idle) : undefined);
  }, []);

  const changeQuery = (q: LibraryQuery) => {
    setQuery(q);
    setPage(0);
    setSelection(EMPTY_SELECTION);
  };

  // After deletions the page may be empty: step back.
  useEffect(() => {
    if (results && results.page > 0 && results.notes.length === 0) setPage(results.page - 1);
  }, [results]);

  // Results on screen for this query (read by bench/library-browser.ts and handy in DevTools).
  const markedFor = useRef('');
  useEffect(() => {
    if (!results || results.key !== queryKey) return;
    const mark = `${results.key}#${results.page}`;
    if (markedFor.current === mark) return;
    markedFor.current = mark;
    performance.mark('factmark:library-results', { detail: { query: results.key, page: results.page, shown: results.notes.length } });
  }, [results, queryKey]);

  const notes = results?.notes ?? [];
  const count = counted?.key === queryKey ? counted.count : undefined;
  const exact = results?.total ?? count;
  const pageIds = notes.map((n) => n.id);
  const first = (results?.page ?? 0) * PAGE_SIZE + 1;

  // Stable identities: result rows are memoised and re-render only when their own props change.
  const onSave = useStableCallback((note: Annotation, patch: AnnotationPatch) => saveNote(note.id, patch));
  const onSelect = useStableCallback((note: Annotation, on: boolean) => setSelection((s) => toggle(s, [note.id], on, pageIds)));
  const onDeleteRow = useStableCallback((note: Annotation) => void onDelete(note));
  const onDelete = async (note: Annotation) => {
    try {
      await deleteNote(note.id);
      setSelection((s) => toggle(s, [note.id], false, pageIds));
      setUndo({ message: t('noteDeleted'), undo: () => restoreNote(note.id).catch((e) => setStatus(errorMessage(e))) });
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  /** The selected notes, read only now (a selection of "all results" can be large). */
  const selectedNotes = async (): Promise<Annotation[]> => {
    if (selection.kind === 'all') return (await searchAnnotations(getDb(), query, { offset: 0, limit: Infinity })).notes;
    const rows = await getDb().annotations.bulkGet([...selection.ids]);
    return rows.filter((a): a is Annotation => !!a && a.deleted === 0);
  };

  const bulkDelete = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const ids = (await selectedNotes()).map((n) => n.id);
      const { done, error } = await forEachNote(ids, deleteNote, (n, of) => setStatus(t('bulkDeleting', n, of)));
      setSelection(EMPTY_SELECTION);
      setStatus(error ? errorMessage(error) : '');
      if (done.length)
        setUndo({
          message: tn('notesDeleted', done.length),
          undo: async () => {
            const restored = await forEachNote(done, restoreNote, (n, of) => setStatus(t('bulkRestoring', n, of)));
            setStatus(restored.error ? errorMessage(restored.error) : '');
          },
        });
    } catch (e) {
      setStatus(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const bulkExport = onExport
    ? async (format: LibraryExportFormat) => {
        if (busy) return;
        setBusy(true);
        try {
          // The file is read and written in the export worker: the selection goes by ids, "all results" by the query.
          await onExport(format, selection.kind === 'all' ? { kind: 'query', query } : { kind: 'ids', ids: [...selection.ids] });
          setStatus('');
        } catch (e) {
          setStatus(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }
    : undefined;

  return (
    <>
      <p class="fm-library__stats" aria-live="polite">
        {stats ? `${tn('notesCount', stats.notes)} · ${tn('pagesCount', stats.pages)}` : ''}
      </p>
      <LibraryFilters
        query={query}
        onChange={changeQuery}
        groupByPage={grouped}
        onGroupByPage={setGrouped}
        stats={stats}
        loadSites={() => distinctSites(getDb())}
        loadTags={() => distinctTags(getDb())}
      />
      <UndoBar state={undo} onClose={() => setUndo(null)} />
      {status ? (
        <p class="fm-status" role="status">
          {status}
        </p>
      ) : null}
      <section aria-labelledby="fm-results-title" aria-busy={painted ? undefined : 'true'}>
        <h2 id="fm-results-title" class="fm-results__title">
          {!results
            ? t('popupLoading')
            : exact !== undefined
              ? tn('resultsCount', exact)
              : t('resultsSome')}
          {results && notes.length && (results.page > 0 || results.hasMore) ? (
            <span class="fm-muted"> · {t('resultsShowing', first, first + notes.length - 1)}</span>
          ) : null}
        </h2>
        <BulkBar
          selection={selection}
          total={exact}
          morePages={!!results && (results.page > 0 || results.hasMore)}
          pageIds={pageIds}
          onSelectPage={(on) => setSelection((s) => toggle(s, pageIds, on, pageIds))}
          onSelectAll={() => setSelection({ kind: 'all' })}
          onClear={() => setSelection(EMPTY_SELECTION)}
          onDelete={() => void bulkDelete()}
          onExport={bulkExport}
          busy={busy}
        />
        {results && notes.length === 0 && results.page === 0 ? (
          <p class="fm-empty">{isFiltered(query) ? t('libraryNoResults') : t('libraryEmpty')}</p>
        ) : (
          <ResultList
            notes={notes}
            groupByPage={grouped}
            isSelected={(id) => isSelected(selection, id)}
            onSelect={onSelect}
            onSave={onSave}
            onDelete={onDeleteRow}
          />
        )}
        <Pager page={results?.page ?? page} hasMore={!!results?.hasMore} pages={exact !== undefined ? Math.max(1, Math.ceil(exact / PAGE_SIZE)) : undefined} onPage={setPage} />
      </section>
    </>
  );
}
