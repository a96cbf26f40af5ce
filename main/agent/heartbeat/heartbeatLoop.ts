import { parseHubAnswer } from '../../../shared/hubAnswer.js';
import { statfsSync } from 'node:fs';
import type { SyncStatus } from '../../../shared/contract.js';
import {
  DEFAULT_TERMINAL_SETTINGS,
  fleetPaths,
  HEARTBEAT_INTERVAL_S,
  HeartbeatReply,
  TerminalSettings,
  type AppliedSettings,
  type CommandKind,
  type Heartbeat,
  type PrinterState,
  type TerminalPresence,
} from '../../../shared/terminals/heartbeat.js';
import type { ConfigValues } from '../configValues.js';
import { errorKind, type Log } from '../log.js';
import type { AdminPinDigest } from '../../../shared/kioskAdmin.js';
import { readJson } from '../hubAnswerBody.js';

// The terminal's heartbeat (issue 11 item 2): every interval the agent posts facts about the
// machine — never about a resident — to the hub with its credential, on its own timer beside the
// outbox's sync (a heartbeat is not a job: a missed one is simply replaced by the next). The
// reply carries settings staff pushed, which are stored durably (the config table) before they
// are applied and named as applied in the next heartbeat, and restart / resync requests, whose
// outcome the next heartbeat reports.

export interface HeartbeatFacts {
  appVersion: string;
  sync: () => SyncStatus;
  playlistVersion: () => string | null;
  playlistItems: () => number;
  /** What the screen last said it shows and how the media devices answered (the renderer's report). */
  presence: () => TerminalPresence | null;
  /** When the screen was last touched (the renderer's report), null if not since the agent started. */
  lastTouchAt: () => string | null;
  /** The receipt printer as its driver or the last print found it. */
  printer: () => PrinterState;
  /** Asks the devices again before a heartbeat is built (the printer's driver); never throws. */
  probe?: () => Promise<void>;
  dataDir: string;
}

export interface HeartbeatLoopOptions {
  /** Where settings and reported requests are kept (the config table). */
  values: ConfigValues;
  hubUrl: string;
  credential: () => string | null;
  facts: HeartbeatFacts;
  /** Carries out a request; false if it failed. */
  onCommand: (kind: CommandKind) => Promise<boolean>;
  /** Told after new settings are stored. */
  onSettings: (settings: TerminalSettings, version: number) => void;
  log: Log;
  intervalMs?: number;
  now?: () => Date;
  /** Told the staff panel's PIN digest each reply carries (main/agent/admin/). */
  onAdminPin?: (digest: AdminPinDigest | null) => void;
  /** Told the terminal's site each reply names (the staff panel shows it). */
  onSite?: (siteId: string | null) => void;
  /** The hub's fetch (main/agent/hubTransport.ts); default the global one. */
  fetch?: typeof fetch;
}

const SETTINGS_KEY = 'terminalSettings';
/** Requests carried out but not yet reported: stored, because a restart ends this process first. */
const DONE_KEY = 'terminalCommandsDone';

export class HeartbeatLoop {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private done: Heartbeat['commandsDone'];
  private intervalMs: number;
  private readonly started = Date.now();

  constructor(private readonly o: HeartbeatLoopOptions) {
    this.intervalMs = o.intervalMs ?? HEARTBEAT_INTERVAL_S * 1000;
    this.done = o.values.json<Heartbeat['commandsDone']>(DONE_KEY) ?? [];
  }

  private setDone(done: Heartbeat['commandsDone']): void {
    this.done = done;
    this.o.values.setJson(DONE_KEY, done);
  }

  /** The settings last applied, with their version (0 and null before any). */
  settings(): { version: number; settings: TerminalSettings | null } {
    const stored = this.o.values.json<{ version: number; settings: unknown }>(SETTINGS_KEY);
    if (!stored) return { version: 0, settings: null };
    const parsed = TerminalSettings.safeParse(stored.settings);
    return parsed.success ? { version: stored.version, settings: parsed.data } : { version: 0, settings: null };
  }

  /** The settings the kiosk runs with: the last applied, or the defaults before any was pushed. */
  applied(): AppliedSettings {
    const { version, settings } = this.settings();
    return settings ? { version, settings } : { version: 0, settings: DEFAULT_TERMINAL_SETTINGS };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer; a heartbeat still out finds the loop stopped and changes nothing (the store may be closing). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.beat()
        .catch((error: unknown) => this.o.log.warn('heartbeat.failed', { kind: errorKind(error) }))
        .finally(() => this.schedule(this.intervalMs));
    }, ms);
    this.timer.unref();
  }

  heartbeat(): Heartbeat {
    const now = (this.o.now ?? (() => new Date()))();
    const sync = this.o.facts.sync();
    const presence = this.o.facts.presence();
    let diskFreeMb: number | null = null;
    try {
      const fs = statfsSync(this.o.facts.dataDir);
      diskFreeMb = Math.floor((fs.bavail * fs.bsize) / 1_048_576);
    } catch {
      diskFreeMb = null;
    }
    return {
      sentAt: now.toISOString(),
      appVersion: this.o.facts.appVersion,
      uptimeS: Math.floor((Date.now() - this.started) / 1000),
      outbox: { depth: sync.queueDepth, oldestAgeS: sync.oldestPendingAgeMs === null ? null : Math.floor(sync.oldestPendingAgeMs / 1000), parked: sync.needsAttention },
      lastSyncAt: sync.lastSuccessAt,
      devices: { camera: presence?.camera ?? 'unknown', microphone: presence?.microphone ?? 'unknown', printer: this.o.facts.printer() },
      diskFreeMb,
      playlist: { version: this.o.facts.playlistVersion(), cache: this.o.facts.playlistItems() > 0 ? 'ok' : 'empty', items: this.o.facts.playlistItems() },
      lastTouchAt: this.o.facts.lastTouchAt(),
      screen: presence?.screen ?? 'unknown',
      configVersion: this.settings().version,
      commandsDone: this.done.slice(0, 20),
    };
  }

  /** One heartbeat and what its reply asks; never throws (the next one tries again). */
  async beat(): Promise<void> {
    const credential = this.o.credential();
    if (!credential) return; // not enrolled yet: the sync enrolls
    await this.o.facts.probe?.();
    if (this.stopped) return;
    const body = this.heartbeat();
    const signal = AbortSignal.timeout(10_000);
    try {
      const res = await (this.o.fetch ?? fetch)(new URL(fleetPaths.heartbeat, this.o.hubUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(body),
        signal,
      });
      if (!res.ok) {
        await res.body?.cancel();
        this.o.log.warn('heartbeat.refused', { status: res.status });
        return;
      }
      const reply = parseHubAnswer(HeartbeatReply, await readJson(res, signal));
      if (this.stopped) return; // the agent is closing: its store is no place to write now
      if (body.commandsDone.length > 0) this.setDone(this.done.slice(body.commandsDone.length));
      this.intervalMs = this.o.intervalMs ?? reply.intervalS * 1000;
      if (reply.adminPin !== undefined) this.o.onAdminPin?.(reply.adminPin);
      if (reply.siteId !== undefined) this.o.onSite?.(reply.siteId);
      if (reply.config && reply.config.version > body.configVersion) {
        this.o.values.setJson(SETTINGS_KEY, { version: reply.config.version, settings: reply.config.settings });
        this.o.log.info('terminal.settings', { version: reply.config.version });
        this.o.onSettings(reply.config.settings, reply.config.version);
      }
      for (const c of reply.commands) {
        if (this.done.some((d) => d.commandId === c.commandId)) continue;
        if (c.kind === 'restart') {
          // Reported done before it happens: the restarted agent sends it; done after would restart forever.
          this.setDone([...this.done, { commandId: c.commandId, outcome: 'done' }]);
          await this.o.onCommand(c.kind).catch(() => false);
          continue;
        }
        const ok = await this.o.onCommand(c.kind).catch(() => false);
        this.setDone([...this.done, { commandId: c.commandId, outcome: ok ? 'done' : 'failed' }]);
      }
    } catch (error) {
      this.o.log.warn('heartbeat.failed', { kind: errorKind(error) });
    }
  }
}
