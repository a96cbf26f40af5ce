import { existsSync } from 'node:fs';
import { createWorker, workerBin, type types } from 'mediasoup';
import type { SfuOptions } from './options.js';
import { SfuRoom, type SfuRoomDeps } from './sfuRoom.js';

// The hub's selective forwarding unit: mediasoup workers (one process per core by default) and a
// router per room, spread over the workers in turn. When no worker binary exists (a build
// machine that has not run scripts/mediasoup-worker.sh) or it cannot start, `startSfu` says so in
// one log line and returns null: the hub then keeps every call peer to peer, as before the SFU.
// A worker that dies takes its rooms' media with it; those rooms' participants rejoin (their
// clients' recovery) and get a router on a live worker.

/** Audio: Opus; video: VP8, whose simulcast every Chromium sends. */
export const mediaCodecs: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, parameters: { 'x-google-start-bitrate': 1000 } },
];

export interface SfuLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export class Sfu {
  private next = 0;
  private readonly rooms = new Map<string, SfuRoom>();
  private readonly opening = new Map<string, Promise<SfuRoom | null>>();

  constructor(
    private readonly workers: types.Worker[],
    private readonly options: SfuOptions,
    private readonly log: SfuLog,
  ) {
    for (const w of workers) {
      w.on('died', () => {
        log.warn({ event: 'sfu.worker', pid: w.pid }, 'mediasoup worker died');
        const i = this.workers.indexOf(w);
        if (i >= 0) this.workers.splice(i, 1);
        for (const [id, room] of this.rooms) if (room.worker === w) this.closeRoom(id);
      });
    }
  }

  /** The room's media, its router created on first use; null if every worker has died. */
  room(callId: string, deps: SfuRoomDeps): Promise<SfuRoom | null> {
    const existing = this.rooms.get(callId);
    if (existing) return Promise.resolve(existing);
    let opening = this.opening.get(callId);
    if (!opening) {
      opening = this.open(callId, deps).finally(() => this.opening.delete(callId));
      this.opening.set(callId, opening);
    }
    return opening;
  }

  /**
   * Whether the room is on the SFU, open or opening. A room's router is created asynchronously
   * after the call is answered: a mediator asking to record at once must not be told that the
   * room is not on the media server (roomRecording.sqlite.test.ts, three files at once).
   */
  hosts(callId: string): boolean {
    return this.rooms.has(callId) || this.opening.has(callId);
  }

  /** The room once its router is up; null if it is not on the SFU or could not open. */
  async ready(callId: string): Promise<SfuRoom | null> {
    return this.rooms.get(callId) ?? (await this.opening.get(callId)?.catch(() => null)) ?? null;
  }

  private async open(callId: string, deps: SfuRoomDeps): Promise<SfuRoom | null> {
    const worker = this.workers[this.next++ % Math.max(1, this.workers.length)];
    if (!worker) return null;
    // No race to check for here: room() lets one opening per call run at a time.
    const router = await worker.createRouter({ mediaCodecs });
    const room = await SfuRoom.open(callId, worker, router, this.options, deps);
    this.rooms.set(callId, room);
    return room;
  }

  existing(callId: string): SfuRoom | null {
    return this.rooms.get(callId) ?? null;
  }

  closeRoom(callId: string): void {
    this.rooms.get(callId)?.close();
    this.rooms.delete(callId);
  }

  get workerCount(): number {
    return this.workers.length;
  }

  close(): void {
    for (const id of [...this.rooms.keys()]) this.closeRoom(id);
    for (const w of this.workers.splice(0)) w.close();
  }
}

/**
 * Starts the workers; null (with one log line saying why) when there is no worker to run, or an
 * error when the SFU is `required` (HUB_SFU=on).
 */
export async function startSfu(options: SfuOptions, log: SfuLog): Promise<Sfu | null> {
  if (!existsSync(options.workerBin ?? workerBin)) {
    if (options.required) throw new Error('HUB_SFU=on but there is no mediasoup worker (run scripts/mediasoup-worker.sh, or set HUB_SFU=auto)');
    log.warn({ event: 'sfu.unavailable' }, 'No mediasoup worker (run scripts/mediasoup-worker.sh): calls stay peer to peer');
    return null;
  }
  const workers: types.Worker[] = [];
  try {
    for (let i = 0; i < options.workers; i++) {
      workers.push(await createWorker({ logLevel: 'warn', rtcMinPort: options.rtcMinPort, rtcMaxPort: options.rtcMaxPort }));
    }
  } catch (error) {
    for (const w of workers) w.close();
    if (options.required) throw new Error(`HUB_SFU=on but the mediasoup worker cannot start (${(error as Error).message})`);
    log.warn({ event: 'sfu.unavailable', errName: (error as Error).name }, 'The mediasoup worker cannot start: calls stay peer to peer');
    return null;
  }
  log.info({ event: 'sfu.started', workers: workers.length }, 'SFU started');
  return new Sfu(workers, options, log);
}
