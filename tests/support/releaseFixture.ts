import { createHash, randomBytes } from 'node:crypto';
import { dump } from 'js-yaml';
import { updatePaths } from '../../shared/updates/release.js';
import { courtPath } from '../../shared/courtApi/routes.js';

// A kiosk release as `npm run dist` writes it (an installer per platform and its latest*.yml),
// built from random bytes, and the court admin's session that uploads it to a test hub.

export interface ReleaseFile {
  name: string;
  bytes: Buffer;
}

export const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');

export function fakeRelease(version: string, over: { stagingPercentage?: number; wrongHashOf?: string } = {}): ReleaseFile[] {
  const appImage = { name: `Dispute-Kiosk-${version}.AppImage`, bytes: randomBytes(64 * 1024) };
  const setup = { name: `Dispute-Kiosk-Setup-${version}.exe`, bytes: randomBytes(48 * 1024) };
  const yml = (file: ReleaseFile) => {
    const sum = over.wrongHashOf === file.name ? sha512(Buffer.from('something else')) : sha512(file.bytes);
    const doc: Record<string, unknown> = { version, files: [{ url: file.name, sha512: sum, size: file.bytes.length }], path: file.name, sha512: sum, releaseDate: '2026-12-05T03:00:00.000Z' };
    if (over.stagingPercentage !== undefined) doc.stagingPercentage = over.stagingPercentage;
    return Buffer.from(dump(doc));
  };
  return [appImage, setup, { name: 'latest-linux.yml', bytes: yml(appImage) }, { name: 'latest.yml', bytes: yml(setup) }];
}

export async function adminCookie(base: string, password: string): Promise<string> {
  const res = await fetch(`${base}${courtPath('signIn')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`admin sign-in answered ${res.status}`);
  return cookie;
}

export async function uploadRelease(base: string, cookie: string, files: readonly ReleaseFile[], fields: Record<string, string | string[]> = {}): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  return fetch(`${base}${updatePaths.releases}`, { method: 'POST', headers: { cookie }, body: form });
}
