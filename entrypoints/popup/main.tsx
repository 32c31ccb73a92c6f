import { render } from 'preact';
import '@/components/theme.css';
import './popup.css';
import { t, uiLanguage } from '@/utils/i18n';
import { applyRememberedTheme } from '@/components/hooks/use-settings';
import { firstActivePage } from '@/components/popup/use-page-notes';
import { PopupWithClaims } from './with-claims';

performance.mark('factmark:popup-main');
// Ask the tab which page this is before the first render. Its answer carries the page's notes, so
// the database chunk is loaded only once they are painted (see usePageNotes).
void firstActivePage();

applyRememberedTheme();
document.documentElement.lang = uiLanguage();
document.title = t('appName');

render(<PopupWithClaims />, document.getElementById('app')!);
