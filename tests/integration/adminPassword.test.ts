import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { signIn as signedIn } from '../support/courtClient.js';
import { tempDir } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// HUB_ADMIN_PASSWORD across restarts (issue 11, session 8): the admin's password becomes the value
// set only when that value CHANGES since the last start that had it (the hub remembers a salted
// hash of it, never the value). A password changed in the console survives restarts with the same
// value — as under `npm start`, which passes the checkout's one value every time; a new value
// resets it (and ends admin's sessions); unset, nothing changes.

describe('HUB_ADMIN_PASSWORD on a hub that has its admin', () => {
  const running: RunningHub[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) await r.close();
  });

  const start = async (dataDir: string, adminPassword: string | undefined) => {
    const r = await startHub({ dataDir, adminPassword });
    running.push(r);
    return r;
  };
  const restart = async (dataDir: string, adminPassword: string | undefined) => {
    await running.pop()!.close();
    return start(dataDir, adminPassword);
  };
  const signIn = async (r: RunningHub, password: string) =>
    (
      await fetch(`${r.url}${courtPath('signIn', {})}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: r.url },
        body: JSON.stringify({ username: 'admin', password }),
      })
    ).status;
  const adminSessions = (r: RunningHub) => r.hub.database.db.selectFrom('staff_sessions').select('token_hash').where('username', '=', 'admin').execute();
  const CONSOLE = 'Console-chosen-2026!';

  it('applies the value when set, keeps a console change while the value stays, applies a changed value again', async () => {
    const dataDir = tempDir('hub-admin-');
    // set → applied (the admin is created with it); remembered only as a hash
    const first = await start(dataDir, 'first-password-1');
    expect(first.hub.adminPasswordReset).toBe(false);
    expect(await signIn(first, 'first-password-1')).toBe(200);
    const remembered = await first.hub.database.db.selectFrom('staff').select(['env_password_digest', 'password_hash']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(remembered.env_password_digest).toMatch(/\S/);
    expect(remembered.env_password_digest).not.toContain('first-password-1');

    // changed in the console (admin's own password change) …
    const admin = await signedIn(first.url, 'admin', 'first-password-1');
    expect((await admin.call('changePassword', { body: { currentPassword: 'first-password-1', newPassword: CONSOLE } })).status).toBe(204);

    // … survives a restart with the same value, sessions and all
    const second = await restart(dataDir, 'first-password-1');
    expect(second.hub.adminPasswordReset).toBe(false);
    expect(await adminSessions(second)).not.toEqual([]);
    expect(await signIn(second, 'first-password-1')).toBe(401);
    expect(await signIn(second, CONSOLE)).toBe(200);

    // unset: nothing changes either
    const third = await restart(dataDir, undefined);
    expect(third.hub.adminPasswordReset).toBe(false);
    expect(await signIn(third, CONSOLE)).toBe(200);

    // the value changed: applied again, admin's sessions ended
    const fourth = await restart(dataDir, 'second-password-2');
    expect(fourth.hub.adminPasswordReset).toBe(true);
    expect(await adminSessions(fourth)).toEqual([]);
    expect(await signIn(fourth, CONSOLE)).toBe(401);
    expect(await signIn(fourth, 'second-password-2')).toBe(200);

    // the same value again: nothing to do
    const fifth = await restart(dataDir, 'second-password-2');
    expect(fifth.hub.adminPasswordReset).toBe(false);
    expect(await adminSessions(fifth)).not.toEqual([]);
  });

  it('a hub upgraded with its admin and no remembered value: a value that is already the password is only remembered', async () => {
    const dataDir = tempDir('hub-admin-');
    const first = await start(dataDir, 'first-password-1');
    await first.hub.database.db.updateTable('staff').set({ env_password_digest: null }).where('username', '=', 'admin').execute();
    const second = await restart(dataDir, 'first-password-1');
    expect(second.hub.adminPasswordReset).toBe(false);
    expect(await signIn(second, 'first-password-1')).toBe(200);
    const after = await second.hub.database.db.selectFrom('staff').select('env_password_digest').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(after.env_password_digest).not.toBeNull();
  });
});
