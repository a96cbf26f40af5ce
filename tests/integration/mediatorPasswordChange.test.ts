import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { roomPaths } from '../../shared/rooms/joining.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { consolePaths } from '../../server/console/paths.js';
import { consoleRequest } from '../support/consoleCases.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { mediatorClient } from '../support/signallingClients.js';

// A mediator an admin has just created signs in on the password the admin was given: until they
// change it, the doors that take calls refuse them the way the court API does (403
// PASSWORD_CHANGE_REQUIRED, the desk's 'password' words and link), and the desk's page sends them
// to the form; the same session, once the password is changed, takes calls.

let running: RunningHub;
let base: string;
let origin: string;
let admin: CourtClient;
const STRONG = 'Lanzhou-Qilihe-2026!';

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  origin = new URL(base).origin;
  admin = await signIn(base, 'admin', 'test-admin-password');
});
afterAll(async () => {
  await running?.close();
});

describe('a mediator whose password must still be changed', () => {
  it('is refused by the mediator desk, its socket and the invitations until the password is changed', async () => {
    const created = await admin.call('createStaff', { body: { username: 'zhao.tiaojie', displayName: '赵调解', role: 'mediator', organisationId: 'qlh-xiyuan-mediation' } });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ mustChangePassword: true });
    const login = await fetch(base + mediatorPaths.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'zhao.tiaojie', password: created.body.initialPassword }),
    });
    // signed in: the session is what changes the password
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const get = (path: string) => fetch(base + path, { headers: { cookie, 'accept-language': 'en' }, redirect: 'manual' });
    const invite = () =>
      fetch(base + roomPaths.invitations, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify({ callId: randomUUID(), role: 'respondent' }) });

    for (const res of [await get(mediatorPaths.session), await get(mediatorPaths.calls), await invite()]) {
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as { error: { code: string } };
      expect(error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      // what the desk says of it: the password words, with the link to the form
      expect(refusalSaid(res.status, error.code).failed.en).toBe('Your password must be changed first.');
    }
    const page = await get(mediatorPaths.app);
    expect(page.status).toBe(303);
    // the form, coming back to the desk once the password is changed
    expect(page.headers.get('location')).toBe(`${consolePaths.password}?next=${encodeURIComponent(mediatorPaths.app)}`);
    const form = await get(page.headers.get('location')!);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('id="newPassword"');
    expect(formHtml).toContain(`<input type="hidden" name="next" value="${mediatorPaths.app}">`);
    await expect(mediatorClient(base, cookie)).rejects.toMatchObject({ status: 403 });

    // changed on the form: back to the desk, not the console's front page
    const changed = await consoleRequest(base, cookie, consolePaths.password, {
      currentPassword: created.body.initialPassword,
      newPassword: STRONG,
      newPasswordAgain: STRONG,
      next: mediatorPaths.app,
    });
    expect([changed.status, changed.location]).toEqual([303, mediatorPaths.app]);

    const session = await get(mediatorPaths.session);
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ username: 'zhao.tiaojie', displayName: '赵调解' });
    expect((await get(mediatorPaths.calls)).status).toBe(200);
    expect((await get(mediatorPaths.app)).status).not.toBe(303);
    // past the password: refused only because this is no call of theirs
    expect((await invite()).status).toBe(404);
    const desk = await mediatorClient(base, cookie);
    try {
      await desk.next((f) => f.t === 'hello', 'hello');
    } finally {
      desk.close();
    }
  });
});
