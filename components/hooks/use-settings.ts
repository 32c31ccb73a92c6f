/**
 * Reader preferences (utils/settings/settings.ts) as Preact state that follows changes made in
 * any context, and the page theme that follows them: `data-theme` on <html> for a forced light
 * or dark theme, none for "system" (theme.css then follows prefers-color-scheme).
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

export function applyTheme(theme: Theme | undefined, root: HTMLElement = document.documentElement): void {
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

export function useTheme(settings: Settings | undefined): void {
  const theme = settings?.theme;
  useEffect(() => applyTheme(theme), [theme]);
}
