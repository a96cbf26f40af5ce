import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';

// Kiosk releases served by the hub to electron-updater's generic provider (issue 14 item 8).
// A release is what `npm run dist` writes: installers plus one `latest*.yml` per platform
// (latest.yml for Windows, latest-linux.yml for Linux x64, …). Staff upload them in the console;
// the hub checks every file against the sha512 and size its yml names, and serves each terminal
// the yml its rollout rule gives it. The rule is the hub's alone: a yml that asks for
// electron-updater's own staged rollout (stagingPercentage, decided on the kiosk by a random id)
// is refused, so the console's choice is the only one.

export const updatePaths = {
  /** The generic provider's base URL: `<feed>/latest-linux.yml`, `<feed>/<installer>` (terminal credential). */
  feed: `${HUB_API}/updates/feed`,
  /** The terminal says which version started and passed its health check, or failed it. */
  reports: `${HUB_API}/updates/reports`,
  /** Staff (court admin): the releases, an upload (multipart), a release's rollout. */
  releases: `${HUB_API}/updates/releases`,
} as const;

/** electron-updater's channel files: `latest` + the platform suffix it adds (Windows has none). */
export const CHANNEL_FILE = /^latest(-linux(-arm64|-armv7l)?|-mac)?\.yml$/;
/** An installer's or blockmap's file name, as electron-builder writes it (no folders, no oddities). */
export const RELEASE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;
/** Versions as electron-builder writes them (package.json's semver). */
export const RELEASE_VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}(-[0-9A-Za-z.-]{1,40})?$/;

const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be base64 (88 characters)');

/** The fields of a latest*.yml the hub relies on (others are kept as uploaded). */
export const ChannelManifest = z
  .looseObject({
    version: z.string().regex(RELEASE_VERSION, 'version must look like 1.2.3'),
    files: z
      .array(
        z.looseObject({
          url: z.string().regex(RELEASE_FILE_NAME, 'files[].url must be a plain file name'),
          sha512: Sha512Base64,
          size: z.int().positive(),
        }),
      )
      .min(1)
      .max(20),
    releaseDate: z.string().min(1).max(40),
    stagingPercentage: z.never({ error: 'stagingPercentage is not used: choose the rollout in the console' }).optional(),
  })
  .refine((m) => new Set(m.files.map((f) => f.url)).size === m.files.length, { message: 'files[].url must not repeat', path: ['files'] });
export type ChannelManifest = z.infer<typeof ChannelManifest>;

export const Rollout = z.discriminatedUnion('kind', [
  /** Only terminals of these sites. */
  z.strictObject({ kind: z.literal('sites'), siteIds: z.array(z.string().min(1).max(64)).min(1).max(500) }),
  /** This share of all terminals (0 holds the release back; 100 is everyone). */
  z.strictObject({ kind: z.literal('percentage'), percent: z.int().min(0).max(100) }),
]);
export type Rollout = z.infer<typeof Rollout>;

/** A terminal as the rollout rule sees it. */
export interface RolloutTerminal {
  terminalId: string;
  siteId: string | null;
}

/** Releases are compared by version number (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitPre(a);
  const [coreB = '', preB] = splitPre(b);
  const na = coreA.split('.').map(Number);
  const nb = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}
function splitPre(v: string): [string, string | undefined] {
  const dash = v.indexOf('-');
  return dash < 0 ? [v, undefined] : [v.slice(0, dash), v.slice(dash + 1)];
}

/**
 * The terminal's place 0–99 in a release's percentage rollout: fixed per terminal and release, so
 * raising the percentage only adds terminals, and a new release draws a different share.
 */
export function rolloutBucket(terminalId: string, version: string): number {
  // FNV-1a: pure, no crypto needed (shared/ runs in the renderer too); spread is all we need.
  let h = 0x811c9dc5;
  for (const ch of `${version}\u0000${terminalId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

export function inRollout(rollout: Rollout, terminal: RolloutTerminal, version: string): boolean {
  if (rollout.kind === 'sites') return terminal.siteId !== null && rollout.siteIds.includes(terminal.siteId);
  return rolloutBucket(terminal.terminalId, version) < rollout.percent;
}

/**
 * The release a terminal should run: the newest whose rollout includes it and that has not failed
 * its start-up check on this terminal; null when none does (it keeps the version it runs).
 */
export function releaseForTerminal<R extends { version: string; rollout: Rollout }>(releases: readonly R[], terminal: RolloutTerminal, failedVersions: ReadonlySet<string>): R | null {
  let best: R | null = null;
  for (const r of releases) {
    if (failedVersions.has(r.version) || !inRollout(r.rollout, terminal, r.version)) continue;
    if (!best || compareVersions(r.version, best.version) > 0) best = r;
  }
  return best;
}

/**
 * The version the hub offers a terminal: its rollout's release when that is newer, or when the
 * version it runs failed its start-up check there (the way back); otherwise the version it runs,
 * so a terminal outside every rollout, or ahead of them, is never moved.
 */
export function offeredVersion(releases: ReadonlyArray<{ version: string; rollout: Rollout }>, terminal: RolloutTerminal, running: string | null, failedVersions: ReadonlySet<string>): string | null {
  const chosen = releaseForTerminal(releases, terminal, failedVersions);
  if (!chosen) return running;
  if (running === null || compareVersions(chosen.version, running) > 0 || failedVersions.has(running)) return chosen.version;
  return running;
}

/** What a terminal reports about a version it started. */
export const UpdateReport = z.strictObject({
  version: z.string().regex(RELEASE_VERSION),
  /** `running`: started and passed its health check; `failed`: failed it and was rolled back. */
  outcome: z.enum(['running', 'failed']),
  /** The version it ran before (the one it rolls back to). */
  previousVersion: z.string().regex(RELEASE_VERSION).nullable(),
});
export type UpdateReport = z.infer<typeof UpdateReport>;

/** A release as staff see it. */
export interface ReleaseView {
  version: string;
  uploadedAt: string;
  uploadedBy: string;
  rollout: Rollout;
  channels: string[];
  files: Array<{ name: string; size: number }>;
  /** Terminals whose heartbeat says they run it / that reported it failed. */
  running: number;
  failed: number;
}
