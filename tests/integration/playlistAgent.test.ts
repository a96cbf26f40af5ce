import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent, type AgentOptions } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { PlaylistHubClient } from '../../main/agent/playlist/playlistHubClient.js';
import { startBrowserHost } from '../../main/browserHost/host.js';
import { playlistPaths } from '../../shared/playlist.js';
import { ALL_WEEKDAYS } from '../../shared/schedule.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { corruptOnHub, FIXTURES, seedHubPlaylist, sha256 } from '../support/playlistFixtures.js';

// The kiosk agent's playlist cache against a real hub: downloads verified before use, resumed
// with Range, corrupt files never admitted (and reported once), removed items evicted, a bounded
// cache, the last good playlist kept offline, the bundled defaults before the hub was ever seen,
// and proof of play delivered through the outbox exactly once.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hubWith(items: Parameters<typeof seedHubPlaylist>[1], dataDir?: string): Promise<RunningHub> {
  const h = await startHub({ playlist: { defaultPlaylistDir: null }, ...(dataDir ? { dataDir } : {}) });
  await seedHubPlaylist(h.hub, items);
  cleanup.push(() => h.close());
  return h;
}

const key = randomBytes(32);
async function agentFor(hubUrl: string, options: Partial<AgentOptions> = {}): Promise<Agent> {
  const agent = await createAgent({
    dataDir: options.dataDir ?? tempDir('agent-playlist-'),
    hubUrl,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: options.terminalId ?? `KSK-${randomBytes(2).toString('hex')}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: silentLog,
    healthIntervalMs: 100,
    playlistPollMs: 200,
    bundledPlaylistDir: null,
    ...options,
  });
  let closed = false;
  const close = agent.close.bind(agent);
  agent.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanup.push(() => agent.close());
  return agent;
}
/** A hub with clips a and b, and a kiosk (its data folder and id kept for a restart) that has both. */
async function twoClipsCached(prefix: string) {
  const hub = await hubWith([
    { id: 'a', file: 'clip-a.webm' },
    { id: 'b', file: 'clip-b.webm' },
  ]);
  const dataDir = tempDir(prefix);
  const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
  const first = await agentFor(hub.url, { dataDir, terminalId });
  await waitFor(() => playable(first).length === 2 || null, 'cached');
  return { hub, dataDir, terminalId, first };
}
const playable = (agent: Agent) => agent.playlist.current().items.map((i) => i.id);
const mediaFiles = (agent: Agent) => readdirSync(agent.media.dir).filter((f) => !f.startsWith('.'));

describe('agent playlist cache', () => {
  it('downloads, verifies and serves the playlist through the browser host, with Range', async () => {
    const hub = await hubWith([
      { id: 'a', file: 'clip-a.webm' },
      { id: 'b', file: 'clip-b.webm' },
      { id: 'slide', file: '../../../assets/playlist/judicial-confirmation.png', durationMs: 5000 },
    ]);
    const host = await startBrowserHost({
      dataDir: tempDir('host-playlist-'),
      hubUrl: hub.url,
      enrollmentCode: ENROLLMENT_CODE,
      rendererDir: tempDir('renderer-'),
      port: 0,
      log: silentLog,
      healthIntervalMs: 100,
      playlistPollMs: 200,
      bundledPlaylistDir: null,
    });
    cleanup.push(() => host.close());
    await waitFor(() => host.agent.playlist.current().items.length === 3 || null, 'three verified items');
    const current = host.agent.playlist.current();
    expect(current.source).toBe('hub');
    const clip = readFileSync(join(FIXTURES, 'clip-a.webm'));
    const a = current.items[0]!;
    expect(a.mediaUrl).toBe(`/media/${sha256(clip)}.webm`);
    expect((await host.agent.dispatch('playlist.current', undefined)).ok).toBe(true);

    const full = await fetch(`${host.bridge.origin}${a.mediaUrl}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/webm');
    expect(Buffer.from(await full.arrayBuffer()).equals(clip)).toBe(true);
    const part = await fetch(`${host.bridge.origin}${a.mediaUrl}`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${clip.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(10, 20))).toBe(true);
    expect((await fetch(`${host.bridge.origin}${a.mediaUrl}`, { headers: { range: `bytes=${clip.length}-` } })).status).toBe(416);
    expect((await fetch(`${host.bridge.origin}${a.mediaUrl}`, { headers: { 'if-none-match': `"${a.sha256}"` } })).status).toBe(304);
    expect((await fetch(`${host.bridge.origin}${a.mediaUrl}`, { method: 'POST' })).status).toBe(405);
    // Only verified files, only by their exact name.
    for (const path of [`/media/${a.sha256}.mp4`, `/media/${'0'.repeat(64)}.webm`, `/media/.partial/${a.sha256}.part`, '/media/../kiosk.sqlite', `/media/${a.sha256}.webm/..`]) {
      expect((await fetch(`${host.bridge.origin}${path}`)).status, path).toBe(404);
    }
    expect(current.items.find((i) => i.id === 'slide')).toMatchObject({ mimeType: 'image/png', durationMs: 5000 });
  });

  it('resumes a partial download with Range and still checks the hash', async () => {
    const hub = await hubWith([{ id: 'a', file: 'clip-a.webm' }]);
    const agent = await agentFor(hub.url);
    const credential = await waitFor(() => agent.config.credential(), 'enrolled');
    await waitFor(() => playable(agent).length === 1 || null, 'first copy');
    const clip = readFileSync(join(FIXTURES, 'clip-a.webm'));
    const ranges: Array<string | null> = [];
    const client = new PlaylistHubClient({
      hubUrl: hub.url,
      fetch: (input, init) => {
        ranges.push(new Headers(init?.headers).get('range'));
        return fetch(input, init);
      },
    });
    const part = join(tempDir('part-'), 'x.part');
    writeFileSync(part, clip.subarray(0, 2000));
    expect(await client.download(credential, sha256(clip), clip.length, part)).toEqual({ kind: 'complete' });
    expect(ranges).toEqual(['bytes=2000-']);
    expect(readFileSync(part).equals(clip)).toBe(true);
    // A partial file that is not a prefix of the real one completes to the wrong bytes: the cache refuses it.
    writeFileSync(part, Buffer.alloc(2000, 7));
    await client.download(credential, sha256(clip), clip.length, part);
    expect(await agent.media.admit(part, sha256(clip), 'video/webm')).toBe('mismatch');
    expect(existsSync(part)).toBe(false);
    // A partial file longer than the real one starts over.
    writeFileSync(part, Buffer.alloc(clip.length + 10));
    expect(await client.download(credential, sha256(clip), clip.length, part)).toEqual({ kind: 'complete' });
    expect(readFileSync(part).equals(clip)).toBe(true);
  });

  it('never admits a corrupted download, reports it to the hub once, and takes the fixed file later', async () => {
    const hub = await hubWith([
      { id: 'good', file: 'clip-a.webm' },
      { id: 'bad', file: 'clip-b.webm' },
    ]);
    const bad = (await hub.hub.playlist.store.item('bad'))!;
    corruptOnHub(hub.hub, bad.sha256);
    const agent = await agentFor(hub.url);
    await waitFor(() => playable(agent).includes('good') || null, 'good item');
    await waitFor(async () => (await hub.hub.playlist.store.playsCount()) >= 1 || null, 'fault at the hub');
    for (let i = 0; i < 3; i++) await agent.playlist.refresh(); // several more polls, made now
    expect(playable(agent)).toEqual(['good']);
    expect(mediaFiles(agent)).toEqual([`${(await hub.hub.playlist.store.item('good'))!.sha256}.webm`]);
    expect(await hub.hub.playlist.store.playsByDay('2000-01-01', '2100-01-01')).toEqual([expect.objectContaining({ itemId: 'bad', completed: 0, skipped: 1, reasons: 'corrupt×1' })]);
    // The hub's copy is repaired: the next retry admits it.
    writeFileSync(hub.hub.playlist.library.filePath(bad.sha256), readFileSync(join(FIXTURES, 'clip-b.webm')));
    (agent.playlist as unknown as { corrupt: Map<string, unknown> }).corrupt.clear(); // skip the back-off wait
    await agent.playlist.refresh();
    expect(playable(agent)).toEqual(['good', 'bad']);
  });

  it('never serves a same-size clip swapped in on disk, neither after a restart nor while running; quarantines it, reports it once and fetches the court’s again', async () => {
    const { hub, dataDir, terminalId, first } = await twoClipsCached('agent-tamper-');
    const a = first.playlist.current().items.find((i) => i.id === 'a')!;
    const fileName = a.mediaUrl.slice('/media/'.length);
    const onDisk = join(first.media.dir, fileName);
    const court = readFileSync(onDisk);
    // another valid video, cut to the same size
    const other = Buffer.alloc(court.length, readFileSync(join(FIXTURES, 'clip-b.webm')));
    await first.close();
    writeFileSync(onDisk, other);

    // after a restart: 'a' is never offered nor served from the swapped bytes, and comes back as the court's
    const again = await agentFor(hub.url, { dataDir, terminalId });
    expect(again.media.resolve(fileName)).toBeNull();
    expect(playable(again)).not.toContain('a');
    await waitFor(() => playable(again).length === 2 || null, 'the court’s clip fetched again');
    expect(readFileSync(onDisk).equals(court)).toBe(true);
    expect(readdirSync(join(again.media.dir, '.quarantine'))).toEqual([fileName]);
    expect(readFileSync(join(again.media.dir, '.quarantine', fileName)).equals(other)).toBe(true);

    // while running: the file changes under the host; it is not served from that moment, and returns
    writeFileSync(onDisk, other);
    expect(again.media.resolve(fileName)).toBeNull();
    await waitFor(() => (again.media.resolve(fileName) && readFileSync(onDisk).equals(court)) || null, 'fetched again while running');
    expect(playable(again)).toEqual(['a', 'b']);
    // a play of bytes not verified here is not proof of play; the tampering reached the hub once
    const at = new Date().toISOString();
    expect(await again.dispatch('play.report', { playId: randomUUID(), itemId: 'a', sha256: sha256(other), startedAt: at, endedAt: at, outcome: 'completed', reason: null })).toMatchObject({
      ok: true,
    });
    expect(again.plays.list().filter((p) => p.outcome === 'completed')).toEqual([]);
    await waitFor(async () => (await hub.hub.playlist.store.playsCount()) >= 1 || null, 'fault at the hub');
    for (let i = 0; i < 3; i++) await again.playlist.refresh();
    expect(await hub.hub.playlist.store.playsByDay('2000-01-01', '2100-01-01')).toEqual([expect.objectContaining({ itemId: 'a', completed: 0, skipped: 1, reasons: 'corrupt×1' })]);
  });

  it('evicts removed items and keeps within its size bound, never displacing what is scheduled now', async () => {
    const clipA = readFileSync(join(FIXTURES, 'clip-a.webm'));
    const hub = await hubWith([
      { id: 'a', file: 'clip-a.webm' },
      { id: 'b', file: 'clip-b.webm' },
      { id: 'later', file: 'clip-c.webm', schedule: { startDate: '2099-01-01', endDate: null, weekdays: ALL_WEEKDAYS, window: null } },
    ]);
    // Room for two of the three clips.
    const agent = await agentFor(hub.url, { mediaCacheMaxBytes: clipA.length * 2 + 500 });
    await waitFor(() => playable(agent).length === 2 || null, 'two cached');
    for (let i = 0; i < 2; i++) await agent.playlist.refresh(); // the far-future item had its chance
    expect(playable(agent).sort()).toEqual(['a', 'b']); // the far-future item does not push out today's
    expect(agent.media.usedBytes()).toBeLessThanOrEqual(agent.media.maxBytes);

    await hub.hub.playlist.store.removeItem('b');
    await waitFor(() => (!playable(agent).includes('b') && mediaFiles(agent).length === 2) || null, 'b evicted, later cached');
    expect(playable(agent).sort()).toEqual(['a', 'later']);
    expect(mediaFiles(agent)).not.toContain(`${(await hub.hub.playlist.store.media(sha256(readFileSync(join(FIXTURES, 'clip-b.webm')))))?.sha256 ?? 'gone'}.webm`);
  });

  it('keeps playing the last good playlist offline, across a restart, and the hub comes back', async () => {
    const { hub, dataDir, terminalId, first } = await twoClipsCached('agent-offline-');
    const version = first.playlist.current().version;
    await first.close();
    const hubDir = hub.dataDir;
    const port = Number(new URL(hub.url).port);
    await hub.close();

    const again = await agentFor(hub.url, { dataDir, terminalId });
    expect(again.playlist.current()).toMatchObject({ source: 'hub', version });
    await waitFor(() => playable(again).length === 2 || null, 'the cache verified again after the restart');
    expect(playable(again)).toEqual(['a', 'b']);
    for (let i = 0; i < 3; i++) await again.playlist.refresh(); // failed polls change nothing
    expect(playable(again)).toEqual(['a', 'b']);

    const back = await startHub({ dataDir: hubDir, port, playlist: { defaultPlaylistDir: null } });
    cleanup.push(() => back.close());
    await back.hub.playlist.store.removeItem('a');
    await waitFor(() => (playable(again).length === 1 && playable(again)[0] === 'b') || null, 'new manifest after the outage');
  });

  it('plays the bundled defaults before it ever reached a hub', async () => {
    const agent = await agentFor(`http://127.0.0.1:${await freePort()}`, { bundledPlaylistDir: undefined });
    const current = agent.playlist.current();
    expect(current.source).toBe('bundled');
    expect(current.items.map((i) => i.title)).toEqual(['人民调解', '诉前调解', '司法确认']);
    for (const item of current.items) expect(agent.media.resolve(item.mediaUrl.slice('/media/'.length))).not.toBeNull();
  });

  it('delivers proof of play through the outbox once, reports faults once, and keeps residents’ queue count clean', async () => {
    const hub = await hubWith([{ id: 'a', file: 'clip-a.webm' }]);
    const agent = await agentFor(hub.url);
    await waitFor(() => playable(agent).length === 1 || null, 'cached');
    const item = agent.playlist.current().items[0]!;
    const play = (reason: 'error' | 'interrupted' | null) => ({
      playId: randomUUID(),
      itemId: item.id,
      sha256: item.sha256,
      startedAt: new Date().toISOString(),
      endedAt: new Date(Date.now() + 1).toISOString(),
      outcome: reason === null ? 'completed' : 'skipped',
      reason,
    });
    const completed = play(null);
    for (const p of [completed, completed, play('interrupted'), play('error'), play('error'), play('error')]) {
      expect((await agent.dispatch('play.report', p)).ok).toBe(true);
    }
    // Recorded: the completed one once, the interruption, and the error once.
    expect(agent.plays.list()).toHaveLength(3);
    expect((await agent.dispatch('sync.status', undefined)) as { value: { queueDepth: number } }).toMatchObject({ value: { queueDepth: 0 } });
    await waitFor(async () => (await hub.hub.playlist.store.playsCount()) === 3 || null, 'plays at the hub');
    await waitFor(() => (agent.db.prepare(`SELECT count(*) AS n FROM outbox_jobs WHERE kind = 'play'`).get() as { n: number }).n === 0 || null, 'outbox drained');
    // A resend of the same batch (say the ack was lost) changes nothing at the hub.
    const credential = agent.config.credential()!;
    const again = await fetch(`${hub.url}${playlistPaths.plays}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ plays: agent.plays.list() }),
    });
    expect(again.status).toBe(200);
    expect(await hub.hub.playlist.store.playsCount()).toBe(3);
    // After the item plays through again, a new failure is news again.
    await agent.dispatch('play.report', play(null));
    await agent.dispatch('play.report', play('error'));
    expect(agent.plays.list().filter((p) => p.reason === 'error')).toHaveLength(2);
    expect((await agent.dispatch('play.report', { ...play(null), itemId: '../etc' })).ok).toBe(false);
  });
});
