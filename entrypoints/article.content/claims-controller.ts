/**
 * The page's detected claims: runs detection at idle time (claims-layer.ts), paints them under
 * `factmark-claim`, remembers dismissals per page (storage.local, so they survive reloads) and
 * answers the popup.
 */
import { browser } from 'wxt/browser';
import type { Painter } from '@/utils/highlighting/painter';
import { CLAIM_HIGHLIGHT, knownClaimHighlightName } from '@/utils/highlighting/names';
import { rangesOverlap } from '@/utils/highlighting/overlap';
import { NOTE_CLAIM_PREFIX } from '@/utils/known-claims/from-annotation';
import { sendRequest } from '@/utils/messaging/client';
import { SENTENCE_LIMITS, type KnownClaimHit, type KnownClaimSummary } from '@/utils/messaging/protocol';
import type { PhaseStats } from '@/utils/scheduling/sliced-work';
import { DEFAULT_SETTINGS, getSettings } from '@/utils/settings/settings';
import { detectPageClaims, type ArticleSentences, type PageClaim, type SkipWhy } from './claims-layer';

export const CLAIM_KEY_PREFIX = 'claim:';
export const KNOWN_KEY_PREFIX = 'known:';

/** A page sentence that repeats a reviewed claim. */
export interface KnownOnPage {
  hit: KnownClaimHit;
  text: string;
  range: Range;
}

export type ClaimsStatus =
  | { state: 'pending' }
  | { state: 'skipped'; reason: string; why: SkipWhy }
  | {
      state: 'done';
      count: number;
      sentences: number;
      /** Main-thread time of the detection slices (painting included), the longest slice, ms. */
      busyMs: number;
      longestMs: number;
      slices: number;
      /** Serial of the first slice (for matching slices to a browser trace). */
      firstSlice: number;
      /** Per phase on the page (article, index, segment, paint): total and longest unit. */
      phases: Record<string, PhaseStats>;
      /** Wall time the background took to score the sentences (the page's thread was free). */
      scoreWaitMs: number;
    };

export interface ClaimSummary {
  id: string;
  text: string;
  score: number;
  reasons: string[];
}

const dismissedKey = (pageKey: string) => `dismissed-claims:${pageKey}`;

export class ClaimsController {
  private claims = new Map<string, PageClaim>();
  private known = new Map<string, KnownOnPage>();
  private run: AbortController | null = null;
  status: ClaimsStatus = { state: 'pending' };
  /**
   * The article element of the last detection (any language); null when there is none (or the
   * site is turned off); undefined while detection has not finished.
   */
  articleRoot: Node | null | undefined = undefined;

  constructor(
    private readonly painter: Painter | null,
    private readonly onChange: () => void,
    /** Where the reader's own note with this id is painted on this page, if it is. */
    private readonly ownNoteRange: (noteId: string) => Range | undefined = () => undefined,
  ) {}

  /** Detects the claims of the current page again (first visit, SPA navigation, settings change). */
  async detect(pageKey: string): Promise<void> {
    this.run?.abort();
    const run = (this.run = new AbortController());
    this.clear();
    this.articleRoot = undefined;
    this.status = { state: 'pending' };
    const [settings, dismissed] = await Promise.all([getSettings().catch(() => DEFAULT_SETTINGS), readDismissed(pageKey)]);
    try {
      // Painting runs inside the last detection slice (and so counts in its timers).
      const paint = (claims: PageClaim[]) => {
        if (run.signal.aborted) return;
        for (const claim of claims) {
          let key = CLAIM_KEY_PREFIX + claim.id;
          for (let n = 2; this.claims.has(key); n++) key = `${CLAIM_KEY_PREFIX}${claim.id}-${n}`;
          this.claims.set(key, claim);
          this.painter?.paint(key, CLAIM_HIGHLIGHT, [claim.range]);
        }
      };
      const anyKnown = () => sendRequest('known-claims/any', {}).catch(() => false);
      const outcome = await detectPageClaims(document, settings, dismissed, run.signal, paint, anyKnown);
      if (run.signal.aborted) return;
      this.articleRoot = outcome.sentences?.index.root ?? null;
      // Known claims are matched before the status leaves 'pending', so whoever asks once it has
      // (the popup) gets them with the detected ones.
      if (outcome.sentences) await this.matchKnown(outcome.sentences, run.signal);
      if (run.signal.aborted) return;
      if (outcome.state === 'skipped') {
        this.status = { state: 'skipped', reason: outcome.reason, why: outcome.why };
      } else {
        const { busy, longest, slices, firstSlice } = outcome.stats;
        this.status = {
          state: 'done',
          count: this.claims.size,
          sentences: outcome.sentences.list.length,
          busyMs: busy,
          longestMs: longest,
          slices,
          firstSlice,
          phases: outcome.phases,
          scoreWaitMs: outcome.scoreWaitMs,
        };
      }
    } catch (error) {
      if (run.signal.aborted) return;
      this.status = { state: 'skipped', reason: 'Claim detection failed on this page.', why: { code: 'failed' } };
      console.warn('[factmark] claim detection failed', error);
    }
    this.onChange();
  }

  /**
   * Sentences that repeat a claim someone already reviewed take that review's verdict; the
   * background holds the index, the page only sends its sentences.
   */
  private async matchKnown({ list, index }: ArticleSentences, signal: AbortSignal): Promise<void> {
    if (list.length === 0) return;
    let hits: KnownClaimHit[];
    try {
      hits = await sendRequest('known-claims/match', { sentences: list.slice(0, SENTENCE_LIMITS.count).map((s) => s.text.slice(0, SENTENCE_LIMITS.chars)) });
    } catch (error) {
      console.warn('[factmark] known-claim matching failed', error);
      return;
    }
    if (signal.aborted) return;
    for (const hit of hits) {
      const sentence = list[hit.sentenceIndex];
      if (!sentence) continue;
      const range = index.toRange(sentence.start, sentence.end);
      // The reader's own note is the known claim: over its own highlight it would say the same
      // thing twice (and stack two verdict underlines). Elsewhere on the page it still shows.
      const own = hit.claim.id.startsWith(NOTE_CLAIM_PREFIX) ? this.ownNoteRange(hit.claim.id.slice(NOTE_CLAIM_PREFIX.length)) : undefined;
      if (own && rangesOverlap(own, range)) continue;
      const key = `${KNOWN_KEY_PREFIX}${hit.sentenceIndex}`;
      this.known.set(key, { hit, text: sentence.text, range });
      this.painter?.paint(key, knownClaimHighlightName(hit.claim.verdict), [range]);
      // The review says more than "check-worthy": drop the detected-claim mark on the same sentence.
      for (const [claimKey, claim] of this.claims) {
        if (claim.start === sentence.start) {
          this.claims.delete(claimKey);
          this.painter?.remove(claimKey);
        }
      }
    }
  }

  get keys(): string[] {
    return [...this.known.keys(), ...this.claims.keys()];
  }

  get(key: string): PageClaim | undefined {
    return this.claims.get(key);
  }

  /** Sentences of the page that repeat a reviewed claim. */
  get knownCount(): number {
    return this.known.size;
  }

  getKnown(key: string): KnownOnPage | undefined {
    return this.known.get(key);
  }

  /** Known claims on this page, for the popup, in reading order. */
  listKnown(): KnownClaimSummary[] {
    return [...this.known]
      .sort(([a], [b]) => Number(a.slice(KNOWN_KEY_PREFIX.length)) - Number(b.slice(KNOWN_KEY_PREFIX.length)))
      .map(([id, { hit, text }]) => ({
        id,
        text,
        reviewed: hit.claim.text,
        verdict: hit.claim.verdict,
        ...(hit.claim.ratingName ? { ratingName: hit.claim.ratingName } : {}),
        ...(hit.claim.reviewUrl ? { reviewUrl: hit.claim.reviewUrl } : {}),
        ...(hit.claim.publisher ? { publisher: hit.claim.publisher } : {}),
        own: hit.claim.id.startsWith(NOTE_CLAIM_PREFIX),
      }));
  }


  /** Ranked by score, for the popup. */
  list(): ClaimSummary[] {
    return [...this.claims]
      .map(([id, c]) => ({ id, text: c.text, score: c.score, reasons: c.reasons }))
      .sort((a, b) => b.score - a.score);
  }

  async dismiss(key: string, pageKey: string): Promise<boolean> {
    const claim = this.claims.get(key);
    if (!claim) return false;
    this.claims.delete(key);
    this.painter?.remove(key);
    const dismissed = await readDismissed(pageKey);
    dismissed.add(claim.id);
    await browser.storage.local.set({ [dismissedKey(pageKey)]: [...dismissed] });
    this.onChange();
    return true;
  }

  private clear(): void {
    for (const key of [...this.claims.keys(), ...this.known.keys()]) this.painter?.remove(key);
    this.claims.clear();
    this.known.clear();
  }

  dispose(): void {
    this.run?.abort();
    this.clear();
  }
}

async function readDismissed(pageKey: string): Promise<Set<string>> {
  try {
    const stored = (await browser.storage.local.get(dismissedKey(pageKey)))[dismissedKey(pageKey)];
    return new Set(Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}
