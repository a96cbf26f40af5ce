import '../../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import { changePasswordLink, refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { consolePaths } from '../console/paths.js';
import { dashboardPaths } from '../../shared/dashboard/api.js';
import { stoppedBy, type Stopped } from './api.js';
import { el, replace } from './dom.js';
import { fleetView } from './fleetView.js';
import { texts, type Language } from './texts.js';
import { wallView } from './wallView.js';
import { workingView } from './workingView.js';
import 'virtual:hub-palette.css'; // server/web/palette.ts, bundled by vite.dashboard.config.ts
import './dashboard.css';

// Which dashboard page this is, by its path: the wall, a site's page, or the working view.

const lang: Language = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
document.title = texts.title[lang];
const root = document.getElementById('root')!;

/**
 * Signed out: sign in at the console. Refused: the refusal's words (shared/courtApi/refusalWords.ts:
 * the role's, another site's, or a password to change) and the way on — the console's password page
 * for a password, else back to the console, never a sign-in.
 */
function stop(why: Stopped): void {
  if (why === 'signIn') return stopped('signIn', texts.signIn[lang], { href: consolePaths.page, text: texts.toConsole[lang] });
  const refused = refusalSaid(403, why.refused, { write: false });
  const link = refused.kind === 'password' ? { href: consolePaths.password, text: changePasswordLink[lang] } : { href: consolePaths.page, text: texts.backToConsole[lang] };
  stopped(refused.kind, `${refused.failed[lang]}${lang === 'zh' ? '' : ' '}${refused.advice[lang]}`, link);
}

function stopped(kind: string, said: string, link: { href: string; text: string }): void {
  replace(root, el('main', { class: 'signin', 'data-stopped': kind }, el('h1', {}, texts.title[lang]), el('p', {}, said), el('a', { href: link.href }, link.text)));
}

window.addEventListener('unhandledrejection', (e) => {
  const why = stoppedBy(e.reason);
  if (why) stop(why);
});

const path = location.pathname.replace(/\/+$/, '');
if (path === dashboardPaths.wall) wallView(root, lang, stop);
else if (path === dashboardPaths.fleet) fleetView(root, lang);
else if (path.startsWith(dashboardPaths.sitePage)) workingView(root, lang, decodeURIComponent(path.slice(dashboardPaths.sitePage.length)));
else workingView(root, lang, null);
