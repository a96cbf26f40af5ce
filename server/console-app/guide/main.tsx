import '../../../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import 'webrtc-adapter';
import 'virtual:hub-palette.css';
import '../join/join.css';
import './guide.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GuidePage } from './GuidePage.js';

// The guidance desk a judge opens from the console (served by the hub at /guidance).
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <GuidePage />
  </StrictMode>,
);
