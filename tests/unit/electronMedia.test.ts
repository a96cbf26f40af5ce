import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaNameFromPath, parseMediaFileName } from '../../main/agent/playlist/mediaFiles.js';
import { createAppProtocolHandler } from '../../main/electron/appProtocol.js';
import { resolveMediaUrl } from '../../main/electron/mediaUrl.js';

// kiosk://app/media/<sha256>.<ext>: the Electron host serves legal-education media from the
// agent's verified cache, and nothing else, whatever the URL tries.

const mediaDir = path.resolve('/var/lib/kiosk/agent/media');
const renderer = path.resolve('/opt/kiosk/dist/renderer');
const sha = 'ab'.repeat(32);

describe('resolveMediaUrl', () => {
  it('maps exactly /media/<sha256>.<ext> into the cache folder', () => {
    expect(resolveMediaUrl(mediaDir, `kiosk://app/media/${sha}.webm`)).toEqual({ sha256: sha, mimeType: 'video/webm', fileName: `${sha}.webm`, path: path.join(mediaDir, `${sha}.webm`) });
    expect(resolveMediaUrl(mediaDir, `kiosk://app/media/${sha}.mp4?t=1#x`)?.mimeType).toBe('video/mp4');
    expect(resolveMediaUrl(mediaDir, `kiosk://app/media/${sha}.png`)?.mimeType).toBe('image/png');
    expect(resolveMediaUrl(mediaDir, `kiosk://app/media/${sha}.jpg`)?.mimeType).toBe('image/jpeg');
  });

  it('refuses everything else: other origins, partial downloads, traversal, encodings, odd names', () => {
    const refused = [
      `https://hub.example/media/${sha}.webm`,
      `kiosk://other/media/${sha}.webm`,
      `kiosk://app:1/media/${sha}.webm`,
      `file:///var/lib/kiosk/agent/media/${sha}.webm`,
      `kiosk://app/media/.partial/${sha}.part`,
      `kiosk://app/media/${sha}.part`,
      `kiosk://app/media/${sha}`,
      `kiosk://app/media/${sha.toUpperCase()}.webm`,
      `kiosk://app/media/${sha.slice(1)}.webm`,
      `kiosk://app/media/${sha}.webm/`,
      `kiosk://app/media/../data.key`,
      `kiosk://app/media/%2e%2e/data.key`,
      `kiosk://app/media/${sha}%2ewebm`,
      `kiosk://app/media//${sha}.webm`,
      `kiosk://app/media/${sha}.html`,
      `kiosk://app/media/sub/${sha}.webm`,
      `kiosk://app/mediaX/${sha}.webm`,
      `kiosk://user@app/media/${sha}.webm`,
    ];
    for (const url of refused) expect(resolveMediaUrl(mediaDir, url), url).toBeNull();
  });

  it('parses cache file names strictly', () => {
    expect(parseMediaFileName(`${sha}.webm`)?.sha256).toBe(sha);
    expect(parseMediaFileName(`${sha}.webm.part`)).toBeNull();
    expect(mediaNameFromPath(`/media/${sha}.jpg`)?.mimeType).toBe('image/jpeg');
    expect(mediaNameFromPath(`/assets/${sha}.jpg`)).toBeNull();
  });
});

describe('kiosk:// protocol media route', () => {
  const reads: Array<{ file: string; range: string | null }> = [];
  const handler = createAppProtocolHandler({
    rendererDir: renderer,
    mediaDir,
    hubOrigin: () => 'https://hub.example.cn',
    readFile: async (file, range) => {
      reads.push({ file, range });
      if (file.startsWith(mediaDir)) {
        return range
          ? new Response('ab', { status: 206, headers: { 'content-range': 'bytes 0-1/10', 'content-length': '2', 'accept-ranges': 'bytes' } })
          : new Response('0123456789', { status: 200, headers: { 'content-length': '10' } });
      }
      return new Response(null, { status: 404 });
    },
  });
  const request = (url: string, headers: Record<string, string> = {}) => ({ url, method: 'GET', headers: new Headers(headers) }) as unknown as Request;

  it('reads the verified file with the media type and passes Range through', async () => {
    const full = await handler(request(`kiosk://app/media/${sha}.webm`));
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/webm');
    expect(full.headers.get('content-security-policy')).toContain("media-src 'self'");
    const part = await handler(request(`kiosk://app/media/${sha}.webm`, { range: 'bytes=0-1' }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 0-1/10');
    expect(reads.at(-1)).toEqual({ file: path.join(mediaDir, `${sha}.webm`), range: 'bytes=0-1' });
  });

  it('answers 404 for media URLs that do not name a verified file, without touching the disk', async () => {
    const before = reads.length;
    for (const url of [`kiosk://app/media/${sha}.part`, 'kiosk://app/media/../../etc/passwd', 'kiosk://app/media/x.webm']) {
      expect((await handler(request(url))).status, url).toBe(404);
    }
    expect(reads.length).toBe(before);
  });

  it('leaves the renderer routes as they were', async () => {
    await handler(request('kiosk://app/assets/app.js'));
    expect(reads.at(-1)?.file).toBe(path.join(renderer, 'assets', 'app.js'));
  });
});
