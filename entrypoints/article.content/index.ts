import './style.css';
import { capturePristine } from './pristine';
import { PageSession } from './session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    capturePristine();
    const session = new PageSession(ctx);
    void session.start();
  },
});
