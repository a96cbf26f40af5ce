import { defineConfig } from 'vite';
import { hubPalette } from './server/web/palettePlugin.js';

// Builds the dashboard's pages (server/dashboard-app) into dist/dashboard; the hub serves them under
// /dashboard (server/dashboard/pageRoutes.ts).

export default defineConfig({
  root: 'server/dashboard-app',
  plugins: [hubPalette],
  base: '/dashboard/',
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
