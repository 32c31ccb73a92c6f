/**
 * Bounds on what an import may contain. Field limits are the editor's (utils/model/schema.ts),
 * so an imported note is never one the editor itself would refuse.
 */
import { LIMITS } from '../model/schema';

export { LIMITS };

export const IMPORT_LIMITS = {
  /**
   * A larger file is refused before it is read. Our own bundle of 100,000 notes is ~130 MB
   * (W3C ~170 MB), so the bound is set above that; parsing such a file needs ~1 GB transiently.
   */
  fileBytes: 256 * 1024 * 1024,
  /** JSON nesting; our own formats need < 10, the check runs before JSON.parse. */
  depth: 64,
  /** Objects + arrays in one file (checked before JSON.parse); 100,000 notes need ~3 million in W3C form. */
  containers: 10_000_000,
  /** Annotations + known claims in one file. */
  items: 250_000,
  /** Bodies, targets or appearances read from one foreign item before the rest are ignored. */
  perItemList: 200,
  /** Known-claim fields not covered by LIMITS. */
  knownClaimUrls: 20,
  language: 35,
  date: 64,
  /** A message quotes at most this much of the file. */
  quote: 60,
} as const;

export type ImportLimits = typeof IMPORT_LIMITS;
