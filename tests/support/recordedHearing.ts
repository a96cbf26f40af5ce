import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { expect } from 'vitest';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import type { RoomScene } from '../../server/rooms/roomLog.js';
import type { RecorderTiming } from '../../server/sfu/recordingTiming.js';
import { Recordings } from '../../server/sfu/recordings.js';
import type { RecordedRoom } from '../../server/sfu/recordingSegments.js';
import type { RecordingStore } from '../../server/sfu/recordingStore.js';
import { openRecordingRange } from '../../server/sfu/recordingSeal.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { receiveDispute } from './dashboardViewers.js';
import { startHub, waitFor, type RunningHub } from './hubHarness.js';
import { participant, roomOf, routerOnWorker, type Participant } from './recordedRoom.js';
import { recordingCloserOf } from './recordingCloser.js';

// A hearing the hub records, on the hub's own database and files: its Recordings following a
// real room of a judge and an applicant (real mediasoup, ffmpeg senders: tests/support/recordedRoom.ts).

type Cleanup = (step: () => Promise<void> | void) => void;
export type Logged = { event?: string } & Record<string, unknown>;

export interface HearingOptions {
  /** Turned off before the recording starts (an audio-only hearing). */
  camerasOff?: boolean;
  /** The share of every microphone's packets lost on the way to the hub (a village line). */
  audioLoss?: number;
  /** The recorders' time limits (small ones to see a deadline act). */
  timing?: RecorderTiming;
  /** The rows' store, wrapped (a hub that dies at a given step). */
  store?: (store: RecordingStore) => RecordingStore;
  /** How often the rows are beaten (small to see a stale limit pass). */
  heartbeatMs?: number;
}

/** A hub's Recordings following a real room of a judge and an applicant, for a case of the hub, recording from the start. */
export async function recordedHearing(later: Cleanup, options: HearingOptions = {}) {
  const h: RunningHub = await startHub({ backup: false });
  later(() => h.close());
  const router: types.Router = await routerOnWorker(later);
  const judge = await participant(router, 0, later, options.audioLoss);
  const applicant = await participant(router, 1, later, options.audioLoss);
  // Off as the hub turns a camera off (its producer paused); its sender stops too, so that only
  // the machine's own load, not two idle VP8 encoders, competes with the recording.
  if (options.camerasOff)
    for (const p of [judge, applicant]) {
      await p.video.producer.pause();
      p.video.silence();
    }
  const room: RecordedRoom = roomOf(router, [
    { ...judge, role: 'judge' },
    { ...applicant, role: 'applicant' },
  ]);
  const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
  const callId = `hearing-${caseId}`;
  const logged: Logged[] = [];
  const log = { info: (fields: object) => void logged.push(fields as Logged), warn: (fields: object) => void logged.push(fields as Logged) };
  const closer = recordingCloserOf(h);
  const recordings = new Recordings(
    {
      ...closer,
      store: options.store ? options.store(closer.store) : closer.store,
      sfu: { hosts: () => true, ready: () => Promise.resolve(room) },
      caseOf: () => Promise.resolve(caseId),
      plainFile: h.hub.files.recordingWork,
      retentionDays: 365,
      log,
      timing: options.timing,
      heartbeatMs: options.heartbeatMs,
    },
    true,
  );
  later(() => recordings.close());
  const scene: RoomScene = { callId, submissionId: null, caseId };
  let ended = 0;
  recordings.effect(scene, { kind: 'started' }, null, () => ended++);
  await recordings.settled(callId);
  const events = async () => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type.startsWith('recording.'));
  const rows = () => h.hub.database.db.selectFrom('room_recordings').selectAll().where('call_id', '=', callId).execute();
  /** Bytes ffmpeg has written to the recording's segments in the work folder so far. */
  const written = async () => {
    const dir = h.hub.files.recordingWorkDir;
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.webm'));
    const sizes = await Promise.all(names.map(async (n) => (await fs.stat(path.join(dir, n)).catch(() => null))?.size ?? 0));
    return sizes.reduce((a, b) => a + b, 0);
  };
  /**
   * When ffmpeg's first bytes reached the work folder (after its start-up, which a recording is not
   * measured against: the sound sent meanwhile waits in its socket, and is written too).
   */
  const firstWrite = async () => {
    await waitFor(async () => (await written()) > 0 || null, 'ffmpeg writing the recording', 240_000);
    return Date.now();
  };
  /** Stops the recording as the room asks and waits until its row is closed. */
  const stop = async () => {
    recordings.effect(scene, { kind: 'stopped', cause: 'stopped' }, null, () => undefined);
    await recordings.settled(callId);
  };
  /** The sealed recording opened into a plain WebM file of the test's own. */
  const opened = async (name: string) => {
    const [row] = await rows();
    const file = path.join(h.dataDir, name);
    const parts: Buffer[] = [];
    for await (const part of openRecordingRange(closer.key, row!.recording_id, h.hub.files.recording(row!.recording_id), 0, Number(row!.size) - 1)) parts.push(part);
    await fs.writeFile(file, Buffer.concat(parts));
    return file;
  };
  return { h, router, recordings, scene, callId, judge, applicant, logged, events, rows, written, firstWrite, stop, opened, ended: () => ended };
}

/** The one recorder ffmpeg running now for `workDir`, frozen (SIGSTOP): it reads, writes and ends nothing until thawed or killed (by `later`). */
export async function frozenRecorder(workDir: string, later: Cleanup): Promise<number> {
  const running = await orphanRecorders(workDir);
  expect(running.size).toBe(1);
  const [pid] = running.keys();
  process.kill(pid!, 'SIGSTOP');
  later(() => {
    try {
      process.kill(pid!, 'SIGKILL');
    } catch {
      // ended already, as it should have
    }
  });
  return pid!;
}

/** Audio packets a participant's microphone has sent (its producer's count). */
export const packetsSent = async (who: Participant) => (await who.audio.producer.getStats())[0]?.packetCount ?? 0;
/** Seconds of sound in a count of Opus packets (20 ms each). */
export const packetSeconds = (packets: number) => packets * 0.02;

/**
 * Stops the recording, measured: the sound `who` sent since `from` packets, the wall time from
 * `startedAt` to the stop, and how long the stop took (seconds).
 */
export async function measuredStop(stop: () => Promise<void>, who: Participant, from: number, startedAt: number) {
  const asked = Date.now();
  const sound = packetSeconds((await packetsSent(who)) - from);
  await stop();
  return { sound, wall: (asked - startedAt) / 1000, stopped: (Date.now() - asked) / 1000 };
}

export const everyone = (people: Participant[]) => people.flatMap((p) => [p.audio.producer, p.video.producer]);

/** A WebM file's duration in seconds, as ffprobe reads it. */
export const duration = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString().trim());

/** Seconds of `file`'s audio: its packets' summed durations (of a file ffmpeg is writing, those written so far; none while it has no header yet). */
export function audioSeconds(file: string): number {
  const out = spawnSync('ffprobe', ['-v', 'quiet', '-select_streams', 'a:0', '-show_entries', 'packet=duration_time', '-of', 'csv=p=0', file]).stdout.toString();
  return out
    .split('\n')
    .map(Number)
    .filter((d) => d > 0)
    .reduce((a, b) => a + b, 0);
}

/** The silences in `file`'s audio (under -40 dB for `atLeast` seconds or more, after the filters `before`), as [start, end] in seconds. */
export function silences(file: string, atLeast: number, before = ''): Array<[number, number]> {
  const out = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', `${before}silencedetect=n=-40dB:d=${atLeast}`, '-f', 'null', '-']).stderr.toString();
  const starts = [...out.matchAll(/silence_start: (-?[\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...out.matchAll(/silence_end: (-?[\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((s, i) => [s, ends[i] ?? Infinity]);
}
