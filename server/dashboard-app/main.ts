import '../../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import { dashboardPaths } from '../../shared/dashboard/api.js';
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

function signIn(): void {
  replace(root, el('main', { class: 'signin' }, el('h1', {}, texts.title[lang]), el('p', {}, texts.signIn[lang]), el('a', { href: '/console' }, texts.toConsole[lang])));
}

window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof Error && e.reason.name === 'SignInNeeded') signIn();
});

const path = location.pathname.replace(/\/+$/, '');
if (path === dashboardPaths.wall) wallView(root, lang, signIn);
else if (path === dashboardPaths.fleet) fleetView(root, lang);
else if (path.startsWith(dashboardPaths.sitePage)) workingView(root, lang, decodeURIComponent(path.slice(dashboardPaths.sitePage.length)));
else workingView(root, lang, null);
