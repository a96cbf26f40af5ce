import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { EnrollmentTokenIssued } from '../../shared/terminals/enrollment.js';
import { addPhoto, jpeg } from '../support/attachmentFixtures.js';
import { signIn } from '../support/courtClient.js';
import { sampleSubmission, tempDir } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Issue 14 items 1 and 4 on a real hub and a real kiosk agent: the kiosk enrolls with the one-time
// token staff issued (and takes the terminal id the token names), and both sides keep their data
// for their own user only: folders 0700, databases (and their WAL) 0600, also where an older
// version had left them readable. Not only the folder and the database: every file and folder
// either side wrote while a resident's photo went up and the court's clips came down.

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file not 0600 and every folder not 0700 under `root`, as `path mode`. */
function openEntries(root: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    const st = lstatSync(p);
    const m = st.mode & 0o777;
    if (st.isDirectory()) {
      if (m !== 0o700) found.push(`${p} ${m.toString(8)}`);
      found.push(...openEntries(p));
    } else if (m !== 0o600) found.push(`${p} ${m.toString(8)}`);
  }
  return found;
}
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('data files on hub and kiosk', () => {
  let hub: RunningHub;
  let agent: Agent;
  let kioskDir: string;

  it('a kiosk enrolls with its token and becomes the terminal the token names', async () => {
    const hubDir = tempDir('hub-modes-');
    chmodSync(hubDir, 0o755); // as an older hub left it
    writeFileSync(join(hubDir, 'hub.sqlite'), '');
    chmodSync(join(hubDir, 'hub.sqlite'), 0o644);
    hub = await startHub({ dataDir: hubDir, enrollmentCode: undefined });
    cleanup.push(() => hub.close());
    const admin = await signIn(hub.url, 'admin', ADMIN_PASSWORD);
    const issued = EnrollmentTokenIssued.parse((await admin.call('createTerminal', { body: { terminalId: 'KSK-MODES-01', name: '七里河 一号机' } })).body);

    kioskDir = join(tempDir('kiosk-modes-'), 'data');
    mkdirSync(kioskDir, { mode: 0o755 });
    const key = randomBytes(32);
    agent = await createAgent({
      dataDir: kioskDir,
      hubUrl: hub.url,
      enrollmentCode: issued.token,
      host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
      log: silentLog,
      healthIntervalMs: 100,
      // the court's clips come from the hub, not from the installer's bundle
      bundledPlaylistDir: null,
    });
    cleanup.push(() => agent.close());
    await waitFor(() => agent.config.credential(), 'enrollment with the token');
    expect(agent.config.read().terminalId).toBe('KSK-MODES-01');
  });

  it('a photo goes up and the clips come down, leaving nothing readable by others on either side', async () => {
    const sub = sampleSubmission();
    const photo = await addPhoto(agent, sub.submissionId, jpeg(50_000));
    expect(await agent.dispatch('intake.submit', { ...sub, attachments: [{ sha256: photo }] })).toMatchObject({ ok: true });
    await waitFor(() => hub.hub.intakes.attachment(sub.submissionId, photo), 'the photo at the hub');
    await waitFor(() => agent.media.all().length > 0 || null, 'a clip in the kiosk cache');
    expect(openEntries(hub.dataDir)).toEqual([]);
    expect(openEntries(kioskDir)).toEqual([]);
  });

  it('the hub keeps its folder 0700 and its database 0600', () => {
    expect(mode(hub.dataDir)).toBe(0o700);
    for (const f of ['hub.sqlite', 'hub.sqlite-wal']) expect(mode(join(hub.dataDir, f))).toBe(0o600);
    for (const d of ['uploads', 'playlist-media']) expect(mode(join(hub.dataDir, d))).toBe(0o700);
  });

  it('the kiosk keeps its folder 0700 and its database 0600', () => {
    expect(mode(kioskDir)).toBe(0o700);
    for (const f of ['kiosk.sqlite', 'kiosk.sqlite-wal']) expect(mode(join(kioskDir, f))).toBe(0o600);
  });
});
