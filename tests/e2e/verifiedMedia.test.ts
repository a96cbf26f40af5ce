import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { FIXTURES, seedHubPlaylist } from '../support/playlistFixtures.js';
import { attractPage, shown, waitForItem } from './support/attractStack.js';
import { e2eSuite } from './support/kioskSuite.js';

// What the kiosk shows is what the court published (issue 14 item 5). A clip in the kiosk's cache
// is replaced on disk by another video of the same size: the loop never shows it, neither while
// the host runs nor after a restart; once the hub can be reached the court's clip is fetched again
// and returns to the loop with no change to the playlist. The hub is down meanwhile, so the
// tampered state lasts as long as the test needs to look at it.

const suite = e2eSuite();

describe('verified media in the legal-education loop', () => {
  it('a same-size clip swapped in on disk is never shown, before or after a host restart, and the court’s clip returns', async () => {
    const hubDir = tempDir('hub-verified-');
    let hub: RunningHub = suite.own(await startHub({ dataDir: hubDir, playlist: { defaultPlaylistDir: null } }));
    await seedHubPlaylist(hub.hub, [
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-b', file: 'clip-b.webm' },
    ]);
    const port = Number(new URL(hub.url).port);
    const dataDir = tempDir('kiosk-verified-');
    const startHost = async (): Promise<BrowserHost> =>
      suite.own(
        await startBrowserHost({
          dataDir,
          hubUrl: hub.url,
          enrollmentCode: ENROLLMENT_CODE,
          rendererDir: resolve('dist/renderer'),
          port: 0,
          log: silentLog,
          healthIntervalMs: 500,
          playlistPollMs: 500,
          bundledPlaylistDir: null,
        }),
      );
    const url = (host: BrowserHost) => `${host.bridge.origin}/?attractMs=1000#secret=${host.bridge.secret}`;
    const ids = (host: BrowserHost) => host.agent.playlist.current().items.map((i) => i.id);
    const playsOfB = (host: BrowserHost) => host.agent.plays.list().filter((p) => p.itemId === 'item-b' && p.outcome === 'completed').length;
    /** Waits until the loop has played item-b through `n` more times (it reports each play as it ends). */
    const morePlaysOfB = async (host: BrowserHost, n: number) => {
      const from = playsOfB(host);
      await waitFor(() => playsOfB(host) >= from + n || null, `${n} more plays of item-b`);
    };

    let host = await startHost();
    await waitFor(() => ids(host).length === 2 || null, 'both clips cached');
    const a = host.agent.playlist.current().items.find((i) => i.id === 'item-a')!;
    const onDisk = join(host.agent.media.dir, a.mediaUrl.slice('/media/'.length));
    const court = readFileSync(onDisk);
    const other = Buffer.alloc(court.length); // another valid video, padded to the same size
    readFileSync(join(FIXTURES, 'clip-c.webm')).copy(other);
    await hub.close();

    // Every answer the page gets for item-a's file while the swapped bytes are on disk.
    const servedWhileTampered: number[] = [];
    let tampered = false;
    const watch = (page: Awaited<ReturnType<typeof attractPage>>['page']) =>
      page.on('response', (res) => {
        if (tampered && res.url().includes(a.mediaUrl)) servedWhileTampered.push(res.status());
      });

    // while the host runs
    let { page } = await attractPage(suite.browser, url(host));
    watch(page);
    await waitForItem(page, 'item-a');
    tampered = true;
    writeFileSync(onDisk, other);
    await waitFor(() => !ids(host).includes('item-a') || null, 'item-a out of the loop');
    await morePlaysOfB(host, 1); // the page has the playlist without item-a by now
    const before = (await shown(page)).length;
    await morePlaysOfB(host, 2);
    expect((await shown(page)).slice(before)).not.toContain('item-a');
    await page.context().close();

    // after a restart of the host (the hub still down); swapped again, as a thief would after the quarantine
    await host.close();
    writeFileSync(onDisk, other);
    host = await startHost();
    ({ page } = await attractPage(suite.browser, url(host)));
    watch(page);
    await morePlaysOfB(host, 2);
    expect(await shown(page)).toEqual(['item-b']);
    expect(ids(host)).toEqual(['item-b']);
    expect(servedWhileTampered.filter((s) => s === 200 || s === 206)).toEqual([]);

    // the hub is back: the court's clip is fetched again and returns to the loop (same playlist)
    tampered = false;
    const version = host.agent.playlist.current().version;
    hub = suite.own(await startHub({ dataDir: hubDir, port, playlist: { defaultPlaylistDir: null } }));
    await waitForItem(page, 'item-a', 60_000);
    expect(readFileSync(onDisk).equals(court)).toBe(true);
    expect(host.agent.playlist.current().version).toBe(version);
  });
});
