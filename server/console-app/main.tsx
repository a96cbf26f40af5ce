import '../../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import 'webrtc-adapter';
import 'virtual:hub-palette.css'; // server/web/palette.ts, bundled by vite.console.config.ts
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp.js';

// The mediator console: a React app served by the hub under /mediator.
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
