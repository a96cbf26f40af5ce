import { defineConfig } from 'vite';

// Builds the kiosk renderer (renderer/index.html) into dist/renderer. Relative asset URLs let the
// same build load from file:// in Electron and from the browser host's loopback HTTP server.
// Vite transforms TSX itself, following tsconfig's `jsx: react-jsx`.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 45's Chromium and Debian's Chromium both run modern JS.
    target: 'es2022',
    // No chunk needs a larger size warning: the pinyin dictionary (8.7 MB of JSON) is no chunk but
    // a static file the keyboard fetches when Chinese input is first needed (renderer/ime/engineLoading.ts).
    // The screens home does not show are their own chunks (cold start). Modules must still run in
    // import order: shared/schemasWithoutEval.ts has to configure zod before a chunk parses with it,
    // or zod's eval probe breaks the page's CSP.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
});
