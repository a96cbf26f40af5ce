import '../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import './styles/tokens.css';
import './styles/global.css';
import './ui/ui.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { getHostLink, getKioskApi } from './api/kioskApi.js';
import { App } from './App.js';
import { readTiming } from './shell/kioskTiming.js';
import { CrashBoundary } from './shell/CrashBoundary.js';
import { createI18n } from './i18n/index.js';

// Every module of the bundle is evaluated here (read by the cold-start benchmark's trace).
performance.mark('renderer.modules');

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const i18n = createI18n();
const api = getKioskApi();
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <CrashBoundary api={api}>
        <App api={api} link={getHostLink()} timing={readTiming(window.location.search)} />
      </CrashBoundary>
    </I18nextProvider>
  </StrictMode>,
);
