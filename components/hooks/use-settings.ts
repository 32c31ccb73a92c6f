/**
 * Reader preferences (utils/settings/settings.ts) as Preact state that follows changes made in
 * any context, and the page theme that follows them: `data-theme` on <html> for a forced light
 * or dark theme, none for "system" (theme.css then follows prefers-color-scheme). The settings
 * arrive after a page's first paint, so the theme last applied is also kept in the extension's
 * localStorage, read synchronously before a page renders: a forced theme never flashes the other.
 */
import { useEffect, useState } from 'preact/hooks';
import { getSettings, watchSettings, type Settings, type Theme } from '@/utils/settings/settings';

export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getSettings().then((s) => live && setSettings(s));
    const unwatch = watchSettings((s) => live && setSettings(s));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}

const REMEMBERED_THEME = 'factmark:theme';

export function applyTheme(theme: Theme | undefined, root: HTMLElement = document.documentElement): void {
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** Before a page's first render: the theme the reader's settings gave the last page. */
export function applyRememberedTheme(root: HTMLElement = document.documentElement): void {
  try {
    const remembered = localStorage.getItem(REMEMBERED_THEME);
    if (remembered === 'light' || remembered === 'dark') applyTheme(remembered, root);
  } catch {
    // No storage (a sandboxed context): the system theme until the settings arrive.
  }
}

export function useTheme(settings: Settings | undefined): void {
  const theme = settings?.theme;
  useEffect(() => {
    // Until the settings are read, the remembered theme stays.
    if (theme === undefined) return;
    applyTheme(theme);
    try {
      localStorage.setItem(REMEMBERED_THEME, theme);
    } catch {
      // Remembering is a nicety: without it the next page may start in the system theme.
    }
  }, [theme]);
}
