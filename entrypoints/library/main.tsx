import { render } from 'preact';
import '@/components/theme.css';
import './library.css';
import { t, uiLanguage } from '@/utils/i18n';
import { applyRememberedTheme } from '@/components/hooks/use-settings';
import type { ExportHandler } from '@/components/share/export-file';
import { App } from './App';

applyRememberedTheme();
document.documentElement.lang = uiLanguage();
document.title = t('libraryTitle');

/**
 * Exports (everything, or a selection): written in a worker, downloaded by the page. Loaded on
 * the first export, as in the popup, so both pages share their first chunks whole.
 */
const exportAndDownload: ExportHandler = async (...args) => (await import('@/components/share/export-file')).exportAndDownload(...args);

render(<App onExport={exportAndDownload} />, document.getElementById('app')!);
