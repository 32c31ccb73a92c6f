import { render } from 'preact';
import '@/components/theme.css';
import './popup.css';
import { t, uiLanguage } from '@/utils/i18n';
import { getDb } from '@/utils/storage/db';
import { PopupWithClaims } from './with-claims';

performance.mark('factmark:popup-main');
// Open the database while the tab is asked which page this is: the two waits overlap.
void getDb().open().catch(() => undefined);

document.documentElement.lang = uiLanguage();
document.title = t('appName');

render(<PopupWithClaims />, document.getElementById('app')!);
