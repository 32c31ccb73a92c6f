import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './library.css';
import { exportAs } from '@/utils/formats';
import { getSettings } from '@/utils/settings/settings';
import { t, uiLanguage } from '@/utils/i18n';
import { downloadFile } from '@/components/library/download';
import { App, type ExportHandler } from './App';

document.documentElement.lang = uiLanguage();
document.title = t('libraryTitle');

/** Export of the selected notes: utils/formats builds the file, the page downloads it. */
const onExport: ExportHandler = async (format, notes) => {
  const { authorName } = await getSettings();
  downloadFile(exportAs(format, notes, { authorName: authorName || undefined, now: Date.now(), clientVersion: browser.runtime.getManifest().version }));
};

render(<App onExport={onExport} />, document.getElementById('app')!);
