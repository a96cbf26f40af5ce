import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost } from '../../main/browserHost/host.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor } from '../support/hubHarness.js';
import { seedHubPlaylist } from '../support/playlistFixtures.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

// The legal-education loop in Debian's Chromium (DESIGN §6): the gap between the last frame of
// one clip and the first frame of the next (requestVideoFrameCallback display times, as the
// renderer's loop engine records them; target ≤ 17 ms, one frame at 60 Hz) and the renderer's
// JS heap growth over 1,000 transitions (CDP: collect garbage, then Runtime.getHeapUsage;
// target < 10 %). Accelerated with 0.25 s 60 fps clips; LOOP_TRANSITIONS changes the count.

const TRANSITIONS = Number(process.env.LOOP_TRANSITIONS ?? 1000);
const WARMUP = 100; // JIT feedback, first React renders: growth after this is what a long day adds
const CLIP_SECONDS = 0.25;

/** Runs in the page (a string: this build has no DOM types). */
const INTRA_CLIP_PROBE = `(() => {
  const intra = [];
  globalThis.__intra = intra;
  globalThis.__intraOn = true;
  for (const v of document.querySelectorAll('video')) {
    let last = null;
    const onFrame = (_now, meta) => {
      if (!globalThis.__intraOn) return; // stopped before the heap is measured: it must not count
      if (v.classList.contains('is-front') && last && last.src === v.currentSrc && meta.mediaTime > last.media) intra.push(meta.expectedDisplayTime - last.at);
      last = { src: v.currentSrc, media: meta.mediaTime, at: meta.expectedDisplayTime };
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  }
})()`;
/** Transitions over which the baseline is sampled, during the warm-up. */
const BASELINE = 60;

export const loopGapBenchmark: Benchmark = {
  id: 'loop',
  metrics: ['loop_gap_ms', 'loop_heap_growth_pct', 'loop_start_frames_lost', 'loop_not_ready_count'],
  description: `idle loop: largest clip-to-clip gap and renderer heap growth over ${TRANSITIONS} transitions (Chromium, browser host)`,
  async run(ctx) {
    const hub = await startHub({ playlist: { defaultPlaylistDir: null } });
    await seedHubPlaylist(hub.hub, [
      { id: 'a', file: 'short-a.webm' },
      { id: 'b', file: 'short-b.webm' },
      { id: 'c', file: 'short-c.webm' },
    ]);
    const host = await startBrowserHost({
      dataDir: tempDir('bench-loop-'),
      hubUrl: hub.url,
      enrollmentCode: ENROLLMENT_CODE,
      rendererDir: resolve('dist/renderer'),
      port: 0,
      log: silentLog,
      playlistPollMs: 500,
      bundledPlaylistDir: null,
    });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      await waitFor(() => host.agent.playlist.current().items.length === 3 || null, 'three cached clips', 20_000);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${host.bridge.origin}/?attractMs=500&attractStats=1#secret=${host.bridge.secret}`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      const transitions = () => page.evaluate(() => (globalThis as unknown as { __attractStats?: { transitions: number } }).__attractStats?.transitions ?? 0);
      const until = async (n: number) => {
        const deadline = Date.now() + (n * CLIP_SECONDS + 120) * 1000;
        while ((await transitions()) < n) {
          if (Date.now() > deadline) throw new Error(`the loop stalled before ${n} transitions`);
          await new Promise((r) => setTimeout(r, 500));
        }
      };
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
        return { used: usage.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
      };

      // Baseline: how evenly frames arrive *within* a clip on this machine (same rVFC display
      // times), so a transition gap can be told apart from the compositor's own jitter.
      await until(WARMUP - BASELINE);
      await page.evaluate(INTRA_CLIP_PROBE);
      await until(WARMUP);
      const intra = await page.evaluate<number[]>('globalThis.__intraOn = false, globalThis.__intra.splice(0)');
      const skip = await page.evaluate(() => (globalThis as unknown as { __attractStats: { gaps: number[] } }).__attractStats.gaps.length);
      const before = await heap();
      const started = Date.now();
      // The trend matters more than the end point: a leak grows steadily, noise does not.
      const trend: string[] = [];
      for (const q of [0.25, 0.5, 0.75]) {
        await until(WARMUP + Math.round(TRANSITIONS * q));
        trend.push(`${((await heap()).used / 1e6).toFixed(2)}`);
      }
      await until(WARMUP + TRANSITIONS);
      const seconds = (Date.now() - started) / 1000;
      const after = await heap();
      const stats = await page.evaluate(
        () => (globalThis as unknown as { __attractStats: { gaps: number[]; waited: number; handovers: Array<{ fromMedia: number; toMedia: number }> } }).__attractStats,
      );
      const first = stats.handovers.slice(-30);
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const gaps = stats.gaps.slice(skip);
      if (gaps.length === 0) throw new Error('no video-to-video transitions were measured');

      const over = gaps.filter((g) => g > 17).length;
      if (intra.length > 0) {
        ctx.note(
          `loop: within clips (baseline): frame interval p50 ${percentile(intra, 50).toFixed(1)} ms, p95 ${percentile(intra, 95).toFixed(1)} ms, max ${Math.max(...intra).toFixed(1)} ms; ${((intra.filter((g) => g > 17).length / intra.length) * 100).toFixed(1)} % over 17 ms`,
        );
      }
      ctx.note(`loop: ${gaps.length} video→video transitions in ${seconds.toFixed(0)} s (${CLIP_SECONDS} s clips at 60 fps, one frame = 16.7 ms)`);
      ctx.note(
        `loop: gap p50 ${percentile(gaps, 50).toFixed(1)} ms, p95 ${percentile(gaps, 95).toFixed(1)} ms, p99 ${percentile(gaps, 99).toFixed(1)} ms, max ${Math.max(...gaps).toFixed(1)} ms; ${over} over 17 ms; next clip still loading at its turn: ${stats.waited}×`,
      );
      ctx.note(
        `loop: outgoing clips end on media time ${avg(first.map((h) => h.fromMedia)).toFixed(3)} s of ${CLIP_SECONDS} s on average; incoming clips first show ${avg(first.map((h) => h.toMedia)).toFixed(3)} s (frames skipped at the start)`,
      );
      ctx.note(
        `loop: JS heap ${(before.used / 1e6).toFixed(2)} → ${trend.join(' → ')} → ${(after.used / 1e6).toFixed(2)} MB (after GC, at 0/25/50/75/100 %); DOM nodes ${before.nodes} → ${after.nodes}; listeners ${before.listeners} → ${after.listeners}`,
      );
      ctx.report('loop_gap_ms', Math.max(...gaps), 1);
      // Frames of the incoming clip never shown (its first presented frame's media time, at 60 fps), and
      // transitions whose next clip was not ready at its turn.
      ctx.report('loop_start_frames_lost', Math.max(0, ...first.map((h) => Math.round(h.toMedia * 60))), 0);
      ctx.report('loop_not_ready_count', stats.waited, 0);
      if (intra.length > 0) ctx.floor('loop_gap_ms', Math.max(...gaps), 'within_clip_frame_interval_p95_ms', percentile(intra, 95));
      ctx.report('loop_heap_growth_pct', ((after.used - before.used) / before.used) * 100, 2);
      await context.close();
    } finally {
      await browser.close();
      await host.close();
      await hub.close();
    }
  },
};
