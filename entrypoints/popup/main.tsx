import { render } from 'preact';
import '@/components/theme.css';
import './popup.css';
import { t, uiLanguage } from '@/utils/i18n';
import { firstActivePage, loadNotesStore } from '@/components/popup/use-page-notes';
import { PopupWithClaims } from './with-claims';

performance.mark('factmark:popup-main');
// Ask the tab which page this is while the database chunk loads and opens: the waits overlap,
// and neither waits for the first render.
void firstActivePage();
void loadNotesStore();

document.documentElement.lang = uiLanguage();
document.title = t('appName');

render(<PopupWithClaims />, document.getElementById('app')!);
