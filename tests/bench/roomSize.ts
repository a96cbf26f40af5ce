import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import type { Benchmark, BenchContext } from './benchmark.js';
import { loadNote } from './machine.js';
import { treeCpuSeconds } from './processCpu.js';
import { addGuest, DECODED_BY_PEER, openRoom, workerPids, type Room } from './roomJoin.js';
import { round, sleep } from './stats.js';

// room_max_parties: the largest room this machine carries with every client decoding video. A
// room on the hub's SFU grows from 2 parties (a real kiosk and the desk) by one join page at a
// time up to MAX_PARTIES, every page in one Chromium with fake devices, each sending its camera
// and receiving every other's. At each size, once every page decodes every other party, a
// WINDOW_S window measures, per page, the video tiles it shows and the frames per second it
// decodes from each other party, and the CPU of Chromium's whole process tree, of the mediasoup
// worker and of this process (hub + kiosk agent + harness). A size holds when every page decodes
// every other party at ≥ MIN_FPS; the first size that does not hold ends the run. Bounded: each
// size waits at most SETTLE_MS for decoding to start, and no size starts after BUDGET_MS.

const MAX_PARTIES = 8;
const MIN_FPS = 10;
const WINDOW_S = 8;
const SETTLE_MS = 40_000;
const BUDGET_MS = 150_000;

// Tiles with a remote picture on the kiosk (gallery), the desk (stage) and the join page (main
// picture and tiles); as a string, this module is compiled without DOM types.
const TILES_SHOWN = `document.querySelectorAll('[data-testid="call-tile"] video, [data-testid="desk-tile"] video, video[data-testid="join-remote"], video[data-testid^="join-tile-"]').length`;

type ByPeer = Record<string, number>;
const decoded = (page: Page) => page.evaluate<ByPeer>(DECODED_BY_PEER);
const pages = (room: Room): Array<{ name: string; page: Page }> => [
  { name: 'kiosk', page: room.kiosk },
  { name: 'desk', page: room.desk },
  ...room.guests.map((page, i) => ({ name: `guest${i + 1}`, page })),
];

/** Waits until every page decodes every other party (or SETTLE_MS passes); false if it did not. */
async function settle(room: Room, size: number): Promise<boolean> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const counts = await Promise.all(pages(room).map(({ page }) => decoded(page)));
    if (counts.every((c) => Object.values(c).filter((n) => n > 0).length >= size - 1)) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

interface SizeFigures {
  size: number;
  /** Per page: tiles shown, others decoded, lowest fps over the others it decodes. */
  perPage: Array<{ name: string; tiles: number; decoding: number; minFps: number }>;
  chromiumPct: number;
  workerPct: number;
  totalPct: number;
}

async function measure(room: Room, size: number): Promise<SizeFigures> {
  const list = pages(room);
  const chromiumPid = room.server.process().pid!;
  const cpu = () => ({ chromium: treeCpuSeconds(chromiumPid), worker: workerPids().reduce((a, p) => a + treeCpuSeconds(p), 0), total: treeCpuSeconds(process.pid) });
  const before = await Promise.all(list.map(({ page }) => decoded(page)));
  const cpu0 = cpu();
  const t0 = Date.now();
  await sleep(WINDOW_S * 1000);
  const after = await Promise.all(list.map(({ page }) => decoded(page)));
  const cpu1 = cpu();
  const seconds = (Date.now() - t0) / 1000;
  const pct = (a: number, b: number) => ((b - a) / seconds) * 100;
  const perPage = await Promise.all(
    list.map(async ({ name, page }, i) => {
      const rates = Object.entries(after[i]!).map(([peer, n]) => (n - (before[i]![peer] ?? 0)) / seconds);
      // A party this page does not decode at all counts as 0 fps.
      const missing = Math.max(0, size - 1 - rates.length);
      return { name, tiles: await page.evaluate<number>(TILES_SHOWN), decoding: rates.filter((r) => r > 0).length, minFps: missing > 0 ? 0 : Math.min(...rates) };
    }),
  );
  return { size, perPage, chromiumPct: pct(cpu0.chromium, cpu1.chromium), workerPct: pct(cpu0.worker, cpu1.worker), totalPct: pct(cpu0.total, cpu1.total) };
}

function describeSize(f: SizeFigures, holds: boolean): string {
  const pagesText = f.perPage.map((p) => `${p.name} ${p.tiles} tiles, ${p.decoding}/${f.size - 1} decoded, min ${round(p.minFps, 1)} fps`).join('; ');
  // Each party's video goes to every other: size × (size − 1) forwarded video streams (and as many audio).
  const perStream = f.workerPct / (f.size * (f.size - 1));
  const cpu = `CPU % of one core: Chromium ${f.chromiumPct.toFixed(0)}, worker ${f.workerPct.toFixed(1)} (${perStream.toFixed(2)} per forwarded video stream), all ${f.totalPct.toFixed(0)}`;
  return `room of ${f.size}: ${holds ? 'holds' : `does NOT hold (some page under ${MIN_FPS} fps)`} — ${cpu}; ${pagesText}; ${loadNote()}`;
}

async function run(ctx: BenchContext): Promise<void> {
  ctx.note(loadNote());
  const started = Date.now();
  const room = await openRoom();
  let largest: SizeFigures | null = null;
  let twoParty: SizeFigures | null = null;
  try {
    for (let size = 2; size <= MAX_PARTIES; size++) {
      if (Date.now() - started > BUDGET_MS) {
        ctx.note(`room of ${size}: not tried, the run's ${BUDGET_MS / 1000} s budget is spent`);
        break;
      }
      if (size > 2) await addGuest(room);
      if (!(await settle(room, size))) {
        ctx.note(`room of ${size}: not every page decoded every other party within ${SETTLE_MS / 1000} s; ${loadNote()}`);
        break;
      }
      const figures = await measure(room, size);
      twoParty ??= figures;
      const holds = figures.perPage.every((p) => p.minFps >= MIN_FPS);
      ctx.note(describeSize(figures, holds));
      if (!holds) break;
      largest = figures;
    }
    if (!largest || !twoParty) throw new Error(`not even a room of 2 decodes at ${MIN_FPS} fps on every page`);
    ctx.report('room_max_parties', largest.size, 0);
    ctx.note(`room_max_parties: largest room in which every page decodes every other party at ≥ ${MIN_FPS} fps (tried up to ${MAX_PARTIES}; target 6 on a 2-core machine)`);
    // The floors, same run: the machine's whole CPU (what a larger room runs out of), and the frame
    // rate the same pages reach in a room of two (the fake camera's pace on this machine).
    const minFps = (f: SizeFigures) => Math.min(...f.perPage.map((p) => p.minFps));
    ctx.floor(`CPU % of one core in the room of ${largest.size}`, largest.totalPct, `the machine (${cpus().length} cores)`, cpus().length * 100);
    ctx.floor(`lowest fps in the room of ${largest.size}`, minFps(largest), 'lowest fps in the room of 2', minFps(twoParty));
  } finally {
    await room.close();
  }
}

export const roomSizeBenchmark: Benchmark = {
  id: 'room_size',
  metrics: ['room_max_parties'],
  description: `grow a room on the SFU from 2 to ${MAX_PARTIES} Chromium pages; the largest where every page decodes every other at ≥ ${MIN_FPS} fps, with tiles and CPU per size`,
  run,
};
