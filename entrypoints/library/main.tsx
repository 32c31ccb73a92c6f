import { render } from 'preact';
import '@/components/theme.css';
import './library.css';
import { t, uiLanguage } from '@/utils/i18n';
import { exportAndDownload } from '@/components/library/export-file';
import { App } from './App';

document.documentElement.lang = uiLanguage();
document.title = t('libraryTitle');

/** Exports (everything, or a selection): written in a worker, downloaded by the page. */
render(<App onExport={exportAndDownload} />, document.getElementById('app')!);
