import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from '../shared/contract.js';
import { createIpcTransport } from './transport.js';

// Sandboxed preload (bundled to dist/preload/index.cjs). Exposes exactly the contract's API as
// `window.kiosk`; the same shape the browser host provides over its WebSocket.

contextBridge.exposeInMainWorld('kiosk', createKioskApi(createIpcTransport(ipcRenderer)));
