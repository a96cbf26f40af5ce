import { defineConfig } from 'vite';
import { hubPalette } from './server/web/palettePlugin.js';

// Builds the mediator console (server/console-app) into dist/console; the hub serves it under
// /mediator. It shares the perfect-negotiation and media code with the kiosk (renderer/webrtc).

export default defineConfig({
  root: 'server/console-app',
  plugins: [hubPalette],
  base: '/mediator/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    // The desk, the join page parties open on a phone (server/rooms serves it at /join), and the
    // guidance desk judges open from the console (/guidance).
    // Modules run in import order across the two entries' shared chunks: shared/schemasWithoutEval.ts
    // configures zod before anything parses with it (no eval under the pages' CSP).
    rollupOptions: {
      input: { desk: 'server/console-app/index.html', join: 'server/console-app/join.html', guide: 'server/console-app/guide.html' },
      output: {
        strictExecutionOrder: true,
        // The libraries (React; mediasoup-client, zod, i18next and the rest) as their own chunks, apart
        // from the pages' code: each under the 500 kB warning, and a phone opening /join keeps them
        // cached across releases that change only our code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
