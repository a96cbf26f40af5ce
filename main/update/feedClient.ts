import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RELEASE_FILE_NAME, RELEASE_VERSION, updatePaths, type UpdateReport } from '../../shared/updates/release.js';

// The kiosk's side of the hub's update feed in plain Node, the same contract electron-updater's
// generic provider reads: which version the hub offers this terminal (its latest*.yml), the
// release file, verified against the yml's sha512 and size, and the report of how a version
// started. Every request carries the terminal's credential.

export interface FeedAccess {
  hubUrl: string;
  credential: string;
  /** The platform's channel file (channelFileFor). */
  channelFile: string;
  /** The agent's transport to the hub (its CA bundle); default the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** The yml electron-updater asks for on this platform (Windows has no suffix). */
export function channelFileFor(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
}

/** The generic provider's settings for electron-updater: its base URL and the credential header. */
export interface UpdateFeed {
  url: string;
  headers: Record<string, string>;
}
export function updaterFeed(access: FeedAccess): UpdateFeed {
  return { url: `${access.hubUrl.replace(/\/+$/, '')}${updatePaths.feed}`, headers: { authorization: `Bearer ${access.credential}` } };
}

const Offered = z.looseObject({
  version: z.string().regex(RELEASE_VERSION),
  files: z.array(z.looseObject({ url: z.string().regex(RELEASE_FILE_NAME), sha512: z.string(), size: z.int().positive() })).max(20),
});
export type OfferedRelease = z.infer<typeof Offered>;

/** The release the hub offers this terminal now; null when it has none for it. */
export async function offeredRelease(access: FeedAccess): Promise<OfferedRelease | null> {
  const { url, headers } = updaterFeed(access);
  const res = await (access.fetch ?? fetch)(`${url}/${access.channelFile}`, { headers, signal: AbortSignal.timeout(30_000) });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`update feed answered ${res.status}`);
  // js-yaml only when a feed is read (hours after start), not on the way to the home screen
  const { load } = await import('js-yaml');
  return Offered.parse(load(await res.text()));
}

/** Downloads the offer's first file into `dir`, verified; a file that does not match is deleted. */
export async function downloadOffered(access: FeedAccess, offer: OfferedRelease, dir: string): Promise<string> {
  const file = offer.files[0];
  if (!file) throw new Error(`release ${offer.version} has no file for this platform`);
  const { url, headers } = updaterFeed(access);
  const res = await fetch(`${url}/${encodeURIComponent(file.url)}`, { headers });
  if (!res.ok) throw new Error(`release file answered ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const target = path.join(dir, file.url);
  if (bytes.length !== file.size || createHash('sha512').update(bytes).digest('base64') !== file.sha512) {
    rmSync(target, { force: true });
    throw new Error(`release file ${file.url} does not match its sha512`);
  }
  writeFileSync(target, bytes, { mode: 0o600 });
  return target;
}

export async function reportVersion(access: FeedAccess, report: UpdateReport): Promise<void> {
  const res = await fetch(`${access.hubUrl.replace(/\/+$/, '')}${updatePaths.reports}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(report),
  });
  if (res.status !== 204) throw new Error(`update report answered ${res.status}`);
}
