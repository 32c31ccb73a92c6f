import { existsSync } from 'node:fs';

/**
 * Debian's Chromium binary. The /usr/bin/chromium wrapper injects an empty --load-extension=,
 * which breaks extension loading, so the real binary behind it is preferred.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export const INSTALL_HINT = 'Install Debian’s browsers with: sudo apt-get install -y chromium firefox-esr (or set CHROMIUM_PATH / FIREFOX_PATH)';
