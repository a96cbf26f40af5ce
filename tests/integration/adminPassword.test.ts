import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { tempDir } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// HUB_ADMIN_PASSWORD once staff exist (issue 11, session 7): an IT clerk who sets it expects to sign
// in with it. A start with a different value resets the existing admin's password to it (once: a
// restart with the same value changes nothing) and ends admin's sessions; without it nothing changes.

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
  const signIn = async (r: RunningHub, password: string) =>
    (
      await fetch(`${r.url}${courtPath('signIn', {})}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: r.url },
        body: JSON.stringify({ username: 'admin', password }),
      })
    ).status;

  it('resets the admin password to the one set, once, and leaves it alone when unset', async () => {
    const dataDir = tempDir('hub-admin-');
    const first = await start(dataDir, 'first-password-1');
    expect(first.hub.adminPasswordReset).toBe(false);
    expect(await signIn(first, 'first-password-1')).toBe(200);
    const session = await first.hub.database.db.selectFrom('staff_sessions').select('token_hash').where('username', '=', 'admin').execute();
    expect(session.length).toBeGreaterThan(0);
    await running.pop()!.close();

    const second = await start(dataDir, 'second-password-2');
    expect(second.hub.adminPasswordReset).toBe(true);
    expect(await second.hub.database.db.selectFrom('staff_sessions').select('token_hash').where('username', '=', 'admin').execute()).toEqual([]);
    expect(await signIn(second, 'first-password-1')).toBe(401);
    expect(await signIn(second, 'second-password-2')).toBe(200);
    await running.pop()!.close();

    // the same value again: nothing to do
    const third = await start(dataDir, 'second-password-2');
    expect(third.hub.adminPasswordReset).toBe(false);
    expect(await third.hub.database.db.selectFrom('staff_sessions').select('token_hash').where('username', '=', 'admin').execute()).not.toEqual([]);
    await running.pop()!.close();

    // unset: the admin keeps the password it has
    const fourth = await start(dataDir, undefined);
    expect(fourth.hub.adminPasswordReset).toBe(false);
    expect(await signIn(fourth, 'second-password-2')).toBe(200);
  });
});
