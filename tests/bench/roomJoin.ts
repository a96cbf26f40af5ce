import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { workerBin } from 'mediasoup';
import type { BrowserServer, Page } from 'playwright-core';
import { JOIN_TRIES_PER_MINUTE } from '../../shared/rooms/joining.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { addMediator } from '../../server/staff/accounts.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { deskOnDuty, launchBenchChromium, startBenchKiosk } from './benchBrowser.js';
import type { Benchmark, BenchContext } from './benchmark.js';
import { loadNote } from './machine.js';
import { percentile, sleep } from './stats.js';

// room_join_ms: in a room on the hub's SFU (one mediasoup worker) with three parties already in
// (the applicant at a real kiosk, the mediator at the desk, a third party on the join page), a
// fourth party on a phone-sized join page taps "enter" (code, name and last 4 typed) and the clock
// stops at its first decoded remote video frame (getStats framesDecoded through the page's own
// diagnostics). The desk admits through a MutationObserver as soon as the party is in its lobby
// (the harness plays the mediator, as callFirstFrame.ts answers calls). Floor, same run, same
// code: the same join into the smallest room a join page can enter (kiosk + desk only), so the
// ratio is what the two extra parties cost. Needs `npm run build`, /usr/bin/chromium and the
// mediasoup worker. The room helpers here are shared with roomSize.ts.

const JOINS = 6; // per room size, after one warm-up join that is not counted
const STEP_MS = 90_000; // a hang guard for one step on a loaded 2-core machine, never a wait
const MEDIATOR = { username: 'bench-room-mediator', password: 'bench-room-mediator-password', displayName: '调解员' };
/** Roles a join page may take without a case to check identity against (shared/rooms/joining.ts). */
const GUEST_ROLES = ['observer', 'mediator', 'clerk'] as const;
/** The timed joiner's role: no other party has it, so the desk's "remove" button for it is one. */
const TIMED_ROLE = 'interpreter';

// Runs in the desk (as a string: this module is compiled without DOM types): admits whoever waits.
const AUTO_ADMIT = `(() => {
  const admit = () => document.querySelectorAll('[data-testid^="admit-"]:not([disabled])').forEach((b) => b.click());
  new MutationObserver(admit).observe(document.body, { childList: true, subtree: true, attributes: true });
  admit();
})()`;

// Runs in a join page with the form filled: the clock starts on the tap itself and stops when
// the page's SFU link reports a decoded frame from anyone.
const ARM_FIRST_FRAME = `(() => {
  window.__firstFrame = new Promise((resolve) => {
    let t0 = null;
    const start = () => { if (t0 === null) { t0 = performance.now(); poll(); } };
    const button = document.querySelector('[data-testid="join-enter"]');
    for (const type of ['pointerdown', 'touchstart', 'click']) button.addEventListener(type, start, { capture: true, once: true });
    const poll = async () => {
      const byPeer = window.callDecodedByPeer ? await window.callDecodedByPeer() : null;
      if (byPeer && Object.values(byPeer).some((n) => n > 0)) resolve(performance.now() - t0);
      else setTimeout(poll, 5);
    };
  });
})()`;

/** Remote video frames a page decoded on the SFU, per peer (the kiosk, desk and join page each expose it). */
export const DECODED_BY_PEER = '(async () => (window.callDecodedByPeer ? (await window.callDecodedByPeer()) ?? {} : {}))()';

export interface Room {
  hub: RunningHub;
  callId: string;
  /** The one Chromium every page of the room runs in (its process tree is what the clients cost). */
  server: BrowserServer;
  kiosk: Page;
  desk: Page;
  /** Join pages admitted so far, in order. */
  guests: Page[];
  /** Participants the SFU room holds. */
  participants(): number;
  /** When each join was tapped: every page here comes from 127.0.0.1, and the hub limits joins per address. */
  taps: number[];
  close(): Promise<void>;
}

/** The mediasoup worker processes (children of this process), for their CPU. */
export function workerPids(): number[] {
  const name = workerBin.split('/').pop()!.slice(0, 15); // /proc's comm is cut at 15 characters
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name && readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(process.pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A room of two: the applicant calls from a real kiosk (no case), the desk answers and then admits everyone. */
export async function openRoom(): Promise<Room> {
  if (!existsSync(workerBin)) throw new Error(`No mediasoup worker at ${workerBin}: run scripts/mediasoup-worker.sh`);
  const cleanup: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  };
  try {
    const hub = await startHub({ signalling: { consoleDir: resolve('dist/console'), sfu: sfuOptions({ workers: 1 }) } });
    cleanup.push(() => hub.close());
    const sfu = hub.hub.signalling.sfu;
    if (!sfu) throw new Error('the hub started without its SFU');
    await addMediator(hub.hub.staff, MEDIATOR, new Date());
    const host = await startBenchKiosk(hub, STEP_MS);
    cleanup.push(() => host.close());

    const { server, browser } = await launchBenchChromium();
    cleanup.push(() => server.close());

    const desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    desk.setDefaultTimeout(STEP_MS);
    await deskOnDuty(desk, hub.url, MEDIATOR);

    const kiosk = await (await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    kiosk.setDefaultTimeout(STEP_MS);
    await kiosk.goto(`${host.bridge.origin}/#secret=${host.bridge.secret}`);
    await kiosk.getByTestId('call-mediator-button').tap();
    await kiosk.getByTestId('call-consent-accept').tap();
    await kiosk.locator('[data-testid="call-start"]:not([disabled])').tap();

    const item = desk.getByTestId('call-queue-item').first();
    const callId = (await item.getAttribute('data-call-id'))!;
    await item.getByTestId('call-accept').click();
    await kiosk.getByTestId('call-live').waitFor();
    await desk.evaluate(AUTO_ADMIT);
    await waitFor(() => sfu.existing(callId)?.participants === 2, 'kiosk and desk in the SFU room', STEP_MS);
    return { hub, callId, server, kiosk, desk, guests: [], participants: () => sfu.existing(callId)?.participants ?? 0, taps: [], close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The desk invites a party; its phone opens the link and types the code, name and last 4. Returns the page, ready to tap "enter". */
async function guestAtForm(room: Room, n: number, role: (typeof GUEST_ROLES)[number] | typeof TIMED_ROLE): Promise<Page> {
  const { desk } = room;
  await desk.getByTestId('invite-role').selectOption(role);
  const shown = desk.getByTestId('invitation-code');
  const current = async () => ((await shown.count()) > 0 ? await shown.textContent() : null);
  const before = await current();
  await desk.getByTestId('invite').click();
  const code = await waitFor(
    async () => {
      const now = await current();
      return now !== before ? now : null;
    },
    'a new invitation',
    STEP_MS,
  );
  const link = (await desk.getByTestId('invitation-link').textContent())!;
  const browser = desk.context().browser()!;
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })).newPage();
  phone.setDefaultTimeout(STEP_MS);
  await phone.goto(link, { waitUntil: 'domcontentloaded' });
  await phone.getByTestId('join-code').fill(code);
  await phone.getByTestId('join-name').fill(`参会人${n}`);
  await phone.getByTestId('join-idLast4').fill(String(1000 + n).slice(-4));
  return phone;
}

/**
 * Waits, before a tap (so never inside a timed span), until one more join stays within the hub's
 * JOIN_TRIES_PER_MINUTE from one address in any 60 s: successful joins count too, and every page
 * of the bench shares 127.0.0.1.
 */
async function paceJoin(room: Room): Promise<void> {
  const windowMs = 61_000; // the limiter's minute, and a second of margin
  const recent = room.taps.filter((t) => t > Date.now() - windowMs);
  if (recent.length >= JOIN_TRIES_PER_MINUTE) await sleep(recent[recent.length - JOIN_TRIES_PER_MINUTE]! + windowMs - Date.now());
  room.taps.push(Date.now());
}

/** A party joins and is admitted; resolves once the SFU room holds it. */
export async function addGuest(room: Room): Promise<Page> {
  const expected = room.participants() + 1;
  const n = room.guests.length;
  const phone = await guestAtForm(room, n, GUEST_ROLES[n % GUEST_ROLES.length]!);
  await paceJoin(room);
  await phone.getByTestId('join-enter').tap();
  await waitFor(() => room.participants() === expected, `${expected} participants in the SFU room`, STEP_MS);
  room.guests.push(phone);
  return phone;
}

/**
 * Taps "enter" on a fresh join page; ms from the tap to its first decoded remote frame. Then the
 * desk removes the party (a party whose page just closes keeps its place for the reconnect grace).
 */
async function timedJoin(room: Room, n: number): Promise<number> {
  const already = room.participants();
  const phone = await guestAtForm(room, n, TIMED_ROLE);
  await phone.evaluate(ARM_FIRST_FRAME);
  await paceJoin(room);
  await phone.getByTestId('join-enter').tap();
  const ms = await Promise.race([phone.evaluate<number>('window.__firstFrame'), sleep(STEP_MS).then(() => null)]);
  if (ms === null) throw new Error(`no remote frame ${STEP_MS / 1000} s after the tap; the join page shows: ${JSON.stringify(await phone.locator('main').innerText())}`);
  await room.desk.getByTestId(`remove-${TIMED_ROLE}`).click();
  await phone.context().close();
  await waitFor(() => room.participants() === already, 'the timed party to have left the room', STEP_MS);
  return ms;
}

async function timedJoins(ctx: BenchContext, room: Room, from: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i <= JOINS; i++) {
    const ms = await timedJoin(room, from + i);
    ctx.note(`join as party ${room.participants() + 1}: ${Math.round(ms)} ms${i === 0 ? ' (warm-up, not counted)' : ''}`);
    if (i > 0) samples.push(ms);
  }
  return samples;
}

async function run(ctx: BenchContext): Promise<void> {
  ctx.note(loadNote());
  const room = await openRoom();
  try {
    const all = (s: number[]) => s.map((v) => Math.round(v)).join(', ');
    // The floor first: two already in, so the joiner makes a room of three.
    const floor = await timedJoins(ctx, room, 100);
    await addGuest(room); // the third party; the fourth is the timed join
    const samples = await timedJoins(ctx, room, 200);
    const median = percentile(samples, 50);
    ctx.report('room_join_ms', median, 0);
    ctx.report('room_join_p95_ms', percentile(samples, 95), 0);
    ctx.note(`room_join_ms: 4th party of a 4-party SFU room, tap "enter" → first decoded remote frame; median of ${samples.length} joins after a warm-up; all: ${all(samples)} ms (target ≤ 1000)`);
    ctx.note(`floor (same join into a room of kiosk + desk): all ${all(floor)} ms`);
    ctx.floor('room_join_ms', median, 'the same join with two parties already in (median)', percentile(floor, 50));
    ctx.note(loadNote());
  } finally {
    await room.close();
  }
}

export const roomJoinBenchmark: Benchmark = {
  id: 'room_join',
  metrics: ['room_join_ms', 'room_join_p95_ms'],
  description: 'a 4th party taps "enter" on the join page → first decoded remote frame, in a room on the SFU (three already in)',
  run,
};
