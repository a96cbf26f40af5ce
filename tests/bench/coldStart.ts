import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { launchChromium } from '../e2e/support/stack.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, freePort, startHub } from '../support/hubHarness.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

// cold_start_ms: from starting the browser host's process (`node dist/main/browserHost/main.js`,
// a fresh data folder: new store, migrations, data key, first enrollment in the background) to an
// interactive home screen (the "file a dispute" button visible) in a new Chromium page. Chromium's
// own process start is measured separately and reported as a note: a kiosk keeps its browser up
// across agent restarts. DESIGN §6 target ≤ 1,000 ms.

const RUNS = 6; // the first warms the disk cache and is not counted

async function once(hubUrl: string, open: (url: string) => Promise<void>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/main/browserHost/main.js'], {
    env: { ...process.env, KIOSK_OPEN: 'none', KIOSK_PORT: String(port), KIOSK_DATA_DIR: tempDir('bench-cold-'), KIOSK_HUB_URL: hubUrl, KIOSK_ENROLLMENT_CODE: ENROLLMENT_CODE },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const m = /^kiosk: (http:\S+)$/.exec(line);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`browser host exited (${code})`)));
    });
    await open(url);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
  }
}

export const coldStartBenchmark: Benchmark = {
  id: 'cold_start',
  metrics: ['cold_start_ms'],
  description: 'browser host process start to an interactive home screen in Chromium',
  async run(ctx) {
    const hub = await startHub();
    const t0 = performance.now();
    const browser = await launchChromium();
    const chromiumStartMs = performance.now() - t0;
    ctx.note(`Chromium process start (not included): ${Math.round(chromiumStartMs)} ms`);
    try {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const ms = await once(hub.url, async (url) => {
          const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 } });
          const page = await context.newPage();
          await page.goto(url);
          await page.getByTestId('home-file-button').waitFor({ state: 'visible' });
          await context.close();
        });
        if (i > 0) samples.push(ms);
      }
      ctx.note(`runs (ms): ${samples.map((s) => Math.round(s)).join(', ')}`);
      ctx.report('cold_start_ms', percentile(samples, 50), 0);
      ctx.floor('cold_start_ms', percentile(samples, 50), 'chromium_start_ms', chromiumStartMs);
    } finally {
      await browser.close();
      await hub.close();
    }
  },
};
