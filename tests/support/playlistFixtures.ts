import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALWAYS, type ItemSchedule } from '../../shared/schedule.js';
import type { PlaylistItem } from '../../shared/playlist.js';
import type { Hub } from '../../server/hub.js';

// Test content for the legal-education loop: small committed clips (tests/fixtures/playlist) put
// straight into a hub's playlist, and ways to spoil them (bytes that no longer match their hash
// on the hub, or a file whose hash is right but which cannot be decoded).

export const FIXTURES = resolve('tests/fixtures/playlist');

export interface SeedItem {
  id: string;
  file?: string;
  bytes?: Buffer;
  title?: string;
  titleEn?: string;
  order?: number;
  muted?: boolean;
  durationMs?: number | null;
  schedule?: ItemSchedule;
  mimeType?: PlaylistItem['mimeType'];
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Adds items to a running hub's playlist, bypassing the upload checks (tests decide what is valid). */
export async function seedHubPlaylist(hub: Hub, items: SeedItem[]): Promise<PlaylistItem[]> {
  const seeded: PlaylistItem[] = [];
  for (const [n, s] of items.entries()) {
    const bytes = s.bytes ?? readFileSync(join(FIXTURES, s.file ?? 'clip-a.webm'));
    const sha = sha256(bytes);
    const mimeType = s.mimeType ?? (s.file?.endsWith('.png') ? 'image/png' : 'video/webm');
    writeFileSync(hub.playlist.library.filePath(sha), bytes);
    await hub.playlist.store.addMedia({ sha256: sha, mimeType, size: bytes.length });
    const item = await hub.playlist.store.addItem(
      sha,
      {
        title: s.title ?? `测试 ${s.id}`,
        titleEn: s.titleEn ?? `Test ${s.id}`,
        durationMs: s.durationMs ?? null,
        order: s.order ?? (n + 1) * 10,
        muted: s.muted ?? true,
        schedule: { ...(s.schedule ?? ALWAYS), weekdays: [...(s.schedule ?? ALWAYS).weekdays] },
      },
      s.id,
    );
    seeded.push(item);
  }
  return seeded;
}

/** Replaces a file on the hub with bytes of the same length that no longer hash to its name. */
export function corruptOnHub(hub: Hub, sha: string): void {
  const path = hub.playlist.library.filePath(sha);
  const bytes = readFileSync(path);
  for (let i = Math.floor(bytes.length / 3); i < bytes.length; i += 7) bytes[i] = bytes[i]! ^ 0xff;
  writeFileSync(path, bytes);
}

/** A "video" whose hash is right (it is what the hub lists) but which no browser can decode. */
export function undecodableClip(): Buffer {
  const good = readFileSync(join(FIXTURES, 'clip-b.webm'));
  const bad = Buffer.from(good);
  for (let i = 200; i < bad.length; i++) bad[i] = (i * 31) & 0xff;
  return bad;
}
