/**
 * Reader preferences (utils/settings/settings.ts): claim detection and its sensitivity, sites
 * where Factmark is off, other languages, the author name for exports, the theme. Every change is
 * saved at once; the content scripts read them at start-up and when they change.
 */
import { useId, useState } from 'preact/hooks';
import { siteKey, updateSettings, type Settings, type Theme } from '@/utils/settings/settings';
import { t } from '@/utils/i18n';

const THEMES: Theme[] = ['system', 'light', 'dark'];
const themeLabel = (theme: Theme) => t(theme === 'system' ? 'themeSystem' : theme === 'light' ? 'themeLight' : 'themeDark');

/** "example.com" from what a reader may paste: a URL, a host with www., spaces. */
export function siteFromInput(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`).hostname;
    return host.includes('.') || host === 'localhost' ? siteKey(host) : null;
  } catch {
    return null;
  }
}

export function SettingsPanel({ settings }: { settings: Settings | undefined }) {
  const id = useId();
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState('');
  if (!settings) return <p aria-busy="true">{t('popupLoading')}</p>;
  const save = (patch: Partial<Settings>) => void updateSettings(patch);
  const sensitivityPct = Math.round(settings.sensitivity * 100);

  const addSite = (event: Event) => {
    event.preventDefault();
    const key = siteFromInput(site);
    if (!key) return setSiteError(t('settingsSiteInvalid'));
    setSiteError('');
    setSite('');
    if (!settings.disabledSites.includes(key)) save({ disabledSites: [...settings.disabledSites, key].sort() });
  };

  return (
    <div class="fm-settings">
      <fieldset>
        <legend>{t('settingsDetection')}</legend>
        <label class="fm-check">
          <input type="checkbox" checked={settings.detectClaims} onChange={(e) => save({ detectClaims: e.currentTarget.checked })} />
          {t('settingsDetectClaims')}
        </label>
        <div class="fm-field">
          <label for={`${id}-sens`}>{t('settingsSensitivity')}</label>
          <div class="fm-range">
            <span aria-hidden="true">{t('sensitivityLow')}</span>
            <input
              id={`${id}-sens`}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={settings.sensitivity}
              disabled={!settings.detectClaims}
              aria-valuetext={t('sensitivityValue', sensitivityPct)}
              aria-describedby={`${id}-sens-hint`}
              onChange={(e) => save({ sensitivity: Number(e.currentTarget.value) })}
            />
            <span aria-hidden="true">{t('sensitivityHigh')}</span>
            <output for={`${id}-sens`}>{t('sensitivityValue', sensitivityPct)}</output>
          </div>
          <p id={`${id}-sens-hint`} class="fm-hint">
            {t('settingsSensitivityHint')}
          </p>
        </div>
        <label class="fm-check">
          <input
            type="checkbox"
            checked={settings.detectOtherLanguages}
            disabled={!settings.detectClaims}
            onChange={(e) => save({ detectOtherLanguages: e.currentTarget.checked })}
          />
          {t('settingsOtherLanguages')}
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('settingsSitesTitle')}</legend>
        {settings.disabledSites.length === 0 ? (
          <p class="fm-hint">{t('settingsSitesEmpty')}</p>
        ) : (
          <ul class="fm-site-list">
            {settings.disabledSites.map((s) => (
              <li key={s}>
                <span>{s}</span>
                <button
                  type="button"
                  aria-label={t('settingsSiteRemoveLabel', s)}
                  onClick={() => save({ disabledSites: settings.disabledSites.filter((x) => x !== s) })}
                >
                  {t('actionRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="fm-inline-form" onSubmit={addSite}>
          <label for={`${id}-site`}>{t('settingsSiteAddLabel')}</label>
          <input
            id={`${id}-site`}
            type="text"
            inputMode="url"
            placeholder="example.com"
            value={site}
            aria-invalid={siteError ? 'true' : undefined}
            aria-describedby={siteError ? `${id}-site-error` : undefined}
            onInput={(e) => setSite(e.currentTarget.value)}
          />
          <button type="submit">{t('settingsSiteAdd')}</button>
          {siteError ? (
            <p id={`${id}-site-error`} class="fm-error" role="alert">
              {siteError}
            </p>
          ) : null}
        </form>
      </fieldset>

      <fieldset>
        <legend>{t('settingsExports')}</legend>
        <div class="fm-field">
          <label for={`${id}-author`}>{t('settingsAuthor')}</label>
          <input
            id={`${id}-author`}
            type="text"
            autocomplete="name"
            maxLength={200}
            value={settings.authorName}
            aria-describedby={`${id}-author-hint`}
            onChange={(e) => save({ authorName: e.currentTarget.value.trim() })}
          />
          <p id={`${id}-author-hint`} class="fm-hint">
            {t('settingsAuthorHint')}
          </p>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('settingsTheme')}</legend>
        {THEMES.map((theme) => (
          <label class="fm-check" key={theme}>
            <input type="radio" name={`${id}-theme`} value={theme} checked={settings.theme === theme} onChange={() => save({ theme })} />
            {themeLabel(theme)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
