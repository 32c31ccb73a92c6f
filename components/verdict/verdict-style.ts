import type { Verdict } from '@/utils/model/annotation';

/** Symbols that carry the verdict without colour. */
export const VERDICT_SYMBOLS: Record<Verdict, string> = {
  true: '✓',
  'mostly-true': '◔✓',
  mixed: '◐',
  'mostly-false': '◔✗',
  false: '✗',
  misleading: '⚠',
  unverifiable: '?',
  unrated: '•',
};
