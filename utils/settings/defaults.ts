/**
 * Reader preferences as plain data: types, defaults and the per-site rule. No storage API here,
 * so the content script can use them without carrying the storage helpers.
 */
export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** Highlight check-worthy sentences on article pages. */
  detectClaims: boolean;
  /** 0 (only the strongest claims) … 1 (everything plausible). */
  sensitivity: number;
  /** Hostnames (lower-case, no `www.`) where Factmark detects nothing. */
  disabledSites: string[];
  /** Detect claims on pages not in English (the model is English). */
  detectOtherLanguages: boolean;
  /** Author name written into exports. */
  authorName: string;
  theme: Theme;
}

export const DEFAULT_SETTINGS: Settings = {
  detectClaims: true,
  sensitivity: 0.5,
  disabledSites: [],
  detectOtherLanguages: false,
  authorName: '',
  theme: 'system',
};

export function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

export function isSiteDisabled(settings: Settings, hostname: string): boolean {
  return settings.disabledSites.includes(siteKey(hostname));
}
