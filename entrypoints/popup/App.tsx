import { browser } from 'wxt/browser';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationPatch } from '@/utils/model/annotation';
import { t, tn } from '@/utils/i18n';
import { useSettings, useTheme } from '@/components/hooks/use-settings';
import { NoteItem } from '@/components/notes/NoteItem';
import { UndoBar, type UndoState } from '@/components/notes/UndoBar';
import { deleteNote, errorMessage, restoreNote, saveNote, showNoteInTab } from '@/components/notes/note-actions';
import { DetectedClaims, type DetectedClaim } from '@/components/popup/DetectedClaims';
import { KnownClaims, type KnownClaimOnPage } from '@/components/popup/KnownClaims';
import { ExportPage } from '@/components/popup/ExportPage';
import { VerdictSummary } from '@/components/popup/VerdictSummary';
import { markNotesShown, usePageNotes, usePopupPage } from '@/components/popup/use-page-notes';

export interface PopupProps {
  /** The tab's detected claims; the section shows only when this is given (wired with 'tab/claims'). */
  detectedClaims?: DetectedClaim[];
  onFactCheckClaim?: (claim: DetectedClaim) => void;
  onDismissClaim?: (claim: DetectedClaim) => void;
  /** Why no claims are shown (detection off, page not in English…). */
  claimsNote?: string;
  /** Sentences of the page that repeat an already reviewed claim (from 'tab/claims'). */
  knownClaims?: KnownClaimOnPage[];
  onShowKnownClaim?: (item: KnownClaimOnPage) => void;
}

/** Re-ask the tab where notes anchored after a change: the tab re-anchors when the background tells it. */
const REANCHOR_DELAYS_MS = [0, 300, 1000];

export function App({ detectedClaims, onFactCheckClaim, onDismissClaim, claimsNote, knownClaims, onShowKnownClaim }: PopupProps) {
  useTheme(useSettings());
  const [refresh, setRefresh] = useState(0);
  const page = usePopupPage(refresh);
  const notes = usePageNotes(page.state === 'ready' ? page.info.pageKeys : undefined, page.state === 'ready' ? page.info.notes : undefined);
  const [undo, setUndo] = useState<UndoState | null>(null);
  const [status, setStatus] = useState('');

  // When the notes change (here, in the library or in the page), the tab re-anchors them; ask
  // it again for reading order and orphans.
  const signature = notes?.map((n) => `${n.id}:${n.updated}`).join(',');
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (signature === undefined) return;
    const changed = previous.current !== undefined && previous.current !== signature;
    previous.current = signature;
    if (!changed) return;
    const timers = REANCHOR_DELAYS_MS.map((ms) => setTimeout(() => setRefresh((n) => n + 1), ms));
    return () => timers.forEach(clearTimeout);
  }, [signature]);

  useLayoutEffect(() => {
    if (notes !== undefined) markNotesShown(notes.length);
  }, [notes]);

  const openLibrary = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    window.close();
  };

  if (page.state === 'loading') return <main class="fm-popup" aria-busy="true" aria-label={t('popupLoading')} />;
  if (page.state === 'unsupported')
    return (
      <main class="fm-popup">
        <Header onOpenLibrary={openLibrary} />
        <p class="fm-empty">{page.reason}</p>
      </main>
    );

  const all = notes ?? [];
  const orphanIds = new Set(page.info.orphans);
  const order = new Map(page.info.anchored.map((a) => [a.id, a.start]));
  const placed = all.filter((n) => order.has(n.id)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  // Page notes (no quote) and notes the tab has not anchored yet come after the anchored ones.
  const unplaced = all.filter((n) => !order.has(n.id) && !orphanIds.has(n.id));
  const orphans = all.filter((n) => orphanIds.has(n.id));
  const tabId = page.tabId;

  const onSave = (note: Annotation, patch: AnnotationPatch) => saveNote(note.id, patch);
  const onDelete = async (note: Annotation) => {
    try {
      await deleteNote(note.id);
      setUndo({ message: t('noteDeleted'), undo: () => restoreNote(note.id).catch((e) => setStatus(errorMessage(e))) });
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };
  const onShow = async (note: Annotation) => {
    try {
      setStatus((await showNoteInTab(tabId, note.id)) ? '' : t('popupShowFailed'));
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };
  const item = (n: Annotation, show: boolean) => (
    <NoteItem key={n.id} note={n} onSave={onSave} onDelete={onDelete} onShow={show ? onShow : undefined} />
  );

  return (
    <main class="fm-popup">
      <Header onOpenLibrary={openLibrary}>
        {notes ? (
          <p class="fm-popup__counts">
            {tn('notesCount', all.length - orphans.length)}
            {orphans.length ? ` · ${tn('orphansCount', orphans.length)}` : ''}
          </p>
        ) : null}
      </Header>
      {notes && all.length ? <VerdictSummary notes={all} /> : null}
      <UndoBar state={undo} onClose={() => setUndo(null)} />
      {status ? (
        <p class="fm-status" role="status">
          {status}
        </p>
      ) : null}
      <section aria-labelledby="fm-notes-title" aria-busy={notes === undefined}>
        <h2 id="fm-notes-title">{t('popupNotesTitle')}</h2>
        {notes && all.length === 0 ? (
          <div class="fm-empty">
            <p>
              <strong>{t('popupEmptyTitle')}</strong>
            </p>
            <ol class="fm-steps">
              <li>{t('popupEmptyStep1')}</li>
              <li>{t('popupEmptyStep2', 'Alt+Shift+F')}</li>
              <li>{t('popupEmptyStep3')}</li>
            </ol>
          </div>
        ) : null}
        {placed.map((n) => item(n, true))}
        {unplaced.map((n) => item(n, false))}
      </section>
      {orphans.length ? (
        <section aria-labelledby="fm-orphans-title" class="fm-orphans">
          <h2 id="fm-orphans-title">{t('popupOrphansTitle', orphans.length)}</h2>
          <p class="fm-hint">{t('popupOrphansHelp')}</p>
          {orphans.map((n) => item(n, false))}
        </section>
      ) : null}
      {notes && all.length ? <ExportPage notes={all} pageUrl={page.info.pageKeys[0] ?? all[0].pageUrl} /> : null}
      {knownClaims && onShowKnownClaim ? <KnownClaims items={knownClaims} onShow={onShowKnownClaim} /> : null}
      {detectedClaims && onFactCheckClaim && onDismissClaim ? (
        <DetectedClaims claims={detectedClaims} onFactCheck={onFactCheckClaim} onDismiss={onDismissClaim} />
      ) : null}
      {claimsNote ? (
        <p class="fm-hint" role="note" data-claims-note="true">
          {claimsNote}
        </p>
      ) : null}
    </main>
  );
}

function Header({ onOpenLibrary, children }: { onOpenLibrary: () => void; children?: ComponentChildren }) {
  return (
    <header class="fm-popup__head">
      <div>
        <h1>{t('appName')}</h1>
        {children}
      </div>
      <button type="button" onClick={onOpenLibrary} aria-label={t('openLibraryLabel')}>
        {t('openLibrary')}
      </button>
    </header>
  );
}
