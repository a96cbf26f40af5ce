import '../../../shared/schemasWithoutEval.js'; // first: before any module parses with zod
import 'webrtc-adapter';
import 'virtual:hub-palette.css';
import './join.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { JoinPage } from './JoinPage.js';

// The join page a party opens on their phone or PC (served by the hub at /join).
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <JoinPage />
  </StrictMode>,
);
