import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_PNG } from './support/applications.js';
import { watchCsp } from './support/cspWatch.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';
import { drawSignature } from './support/wizard.js';
import { RESPONDENT, hearingClosedWithoutPhone, hearingRooms, type Cleanup } from '../support/hearingRoom.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { RECORD_UNLOCK_TRIES } from '../../shared/rooms/hearingRecord.js';
import { JOIN_TRIES_PER_MINUTE, roomPaths } from '../../shared/rooms/joining.js';
import { recordLinkPaths } from '../../shared/rooms/recordByLink.js';

// A respondent who joined an online hearing from their phone was away when the judge closed it
// (issue 12): after the call has ended, the same invite link opened on a phone (390×844, portrait)
// offers the record; a wrong ID ending is told in words, the right one opens the text, and the
// party signs by hand. The hub's round gets the signature once and stores the signed record with
// its record.signed event. The hearing itself runs on the real hub and SFU through the desk's and
// the kiosk's protocol (tests/support/hearingRoom.ts); only the phone is a browser here.
// A party locked out by wrong answers is told when to try again, in minutes. Screenshots: the
// sign page in zh-CN and en, and the locked-out messages.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom } = hearingRooms(cleanup);
const suite = e2eSuite();

const TEXT = ['审判员：现在开庭。核对当事人身份。', '申请人：请求归还借款五万元。', '被申请人：李四，同意分期归还，每月五千元。', '审判员：双方对笔录有无异议？'].join('\n');

describe('the join link after the hearing', () => {
  it('lets the phone party read and sign the record after the call ended', async () => {
    const room = await hearingRoom('judge', [], resolve('dist/console'));
    await hearingClosedWithoutPhone(room, TEXT, SIGNATURE_PNG.split(',')[1]!);
    const { h, callId, respondentInvite } = room;

    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await watchCsp(context);
    const phone = await context.newPage();
    phone.setDefaultTimeout(BUSY_MS);
    await phone.goto(`${h.url}/join?invite=${encodeURIComponent(respondentInvite)}`, { waitUntil: 'domcontentloaded' });
    await phone.getByTestId('join-after').waitFor();
    await phone.getByRole('heading', { name: '签署庭审笔录' }).waitFor();
    expect(await phone.getByTestId('join-code').count(), 'no meeting code asked for a record').toBe(0);
    await screenshot(phone, 'record-link-identify-zh-CN');

    // A wrong ID ending: told so, the text not shown.
    await phone.getByTestId('join-after-name').fill(RESPONDENT.name);
    await phone.getByTestId('join-after-idLast4').fill('9999');
    await phone.getByTestId('join-after-open').tap();
    await phone.locator('[data-testid="join-after-error"][data-code="FORBIDDEN"]').waitFor();
    expect(await phone.locator('main').innerText()).not.toContain('现在开庭');
    await screenshot(phone, 'record-link-refused-zh-CN');

    // The right one: the record to read, then signed by hand.
    await phone.getByTestId('join-after-idLast4').fill(RESPONDENT.idNumber.slice(-4));
    await phone.getByTestId('join-after-open').tap();
    const reading = phone.locator('[data-testid="join-record"][data-stage="read"]');
    await reading.getByText('被申请人：李四，同意分期归还，每月五千元。').waitFor();
    await screenshot(phone, 'record-link-read-zh-CN');
    await phone.getByTestId('join-record').getByRole('button', { name: 'English' }).tap();
    await phone.getByTestId('join-record').getByRole('heading', { name: 'Record of the hearing' }).waitFor();
    await screenshot(phone, 'record-link-read-en');
    await phone.getByTestId('join-record-to-pad').tap();
    await drawSignature(phone, 'join-record-signature');
    await screenshot(phone, 'record-link-pad-en');
    await phone.getByTestId('join-record-sign').tap();
    await phone.locator('[data-testid="join-record-message"][data-kind="signed"]').waitFor();
    await phone.getByTestId('join-record-done').tap();
    await phone.getByTestId('join-after-done').waitFor();
    await screenshot(phone, 'record-link-done-en');

    // The round has the phone party's signature, and the case the signed record, once.
    const signed = await waitFor(async () => {
      const events = (await h.hub.cases.events(h.hub.database, room.caseId)).filter((e) => e.event.type === 'record.signed');
      return events.length > 0 ? events : null;
    }, 'record.signed');
    expect(signed).toHaveLength(1);
    expect(signed[0]!.event.payload).toMatchObject({ roomId: callId });
    const signers = await h.hub.database.db.selectFrom('record_signers').select(['identity', 'answer']).where('call_id', '=', callId).orderBy('seat').execute();
    expect(signers.map((s) => `${s.identity}:${s.answer}`)).toEqual(['KSK-HEAR-1:signed', 'join:respondent:0:signed']);

    // Opened again (another phone): nothing waits any more; the page is the plain join form.
    await phone.reload({ waitUntil: 'domcontentloaded' });
    await phone.getByTestId('join-code').waitFor();
    expect(await phone.getByTestId('join-after').count()).toBe(0);
  }, 600_000);

  it('tells a party locked out by wrong answers, in words and minutes, when to try again — on the record link and the join form', async () => {
    const room = await hearingRoom('judge', [], resolve('dist/console'));
    await hearingClosedWithoutPhone(room, TEXT, SIGNATURE_PNG.split(',')[1]!);
    const { h, callId, respondentInvite } = room;
    const post = (path: string, body: unknown) =>
      fetch(h.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(h.url).origin }, body: JSON.stringify(body) }).then((r) => r.status);
    // The round's wrong answers used up (from another phone, say).
    for (let i = 0; i < RECORD_UNLOCK_TRIES; i++) expect(await post(recordLinkPaths.unlock, { invite: respondentInvite, callId, name: RESPONDENT.name, idLast4: '9999' })).toBe(403);

    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await watchCsp(context);
    const phone = await context.newPage();
    phone.setDefaultTimeout(BUSY_MS);
    await phone.goto(`${h.url}/join?invite=${encodeURIComponent(respondentInvite)}`, { waitUntil: 'domcontentloaded' });
    await phone.getByTestId('join-after-name').fill(RESPONDENT.name);
    await phone.getByTestId('join-after-idLast4').fill(RESPONDENT.idNumber.slice(-4));
    await phone.getByTestId('join-after-open').tap();
    const locked = phone.locator('[data-testid="join-after-error"][data-code="RATE_LIMITED"]');
    // The hour that began with the first wrong answer: 59 or 60 minutes.
    await locked.getByText(/错误次数太多，请 (59|60) 分钟后再试/).waitFor();
    expect(await phone.locator('main').innerText()).not.toContain('现在开庭');
    await screenshot(phone, 'record-link-locked-zh-CN');
    await phone.getByRole('button', { name: 'English' }).tap();
    await locked.getByText(/Please try again in (59|60) minutes, or ask court staff/).waitFor();
    await screenshot(phone, 'record-link-locked-en');

    // The join form: this address's tries this minute used up on wrong codes; the page says to wait a minute.
    // (The respondent's own join from this address, at the start, is one of them.)
    const tries: number[] = [];
    for (let i = 0; i < JOIN_TRIES_PER_MINUTE; i++) tries.push(await post(roomPaths.join, { code: String(300000 + i), name: '王五', idLast4: '1234' }));
    expect(tries.at(-1)).toBe(429);
    await phone.goto(`${h.url}/join`, { waitUntil: 'domcontentloaded' });
    await phone.getByTestId('join-code').fill('300999');
    await phone.getByTestId('join-name').fill('王五');
    await phone.getByTestId('join-idLast4').fill('1234');
    await phone.getByTestId('join-enter').tap();
    await phone.getByTestId('join-error').getByText('尝试次数太多，请 1 分钟后再试。').waitFor();
    await screenshot(phone, 'join-locked-zh-CN');
    await phone.getByRole('button', { name: 'English' }).tap();
    await phone.getByTestId('join-error').getByText('Too many tries. Please try again in 1 minute.').waitFor();
    await screenshot(phone, 'join-locked-en');
  }, 600_000);
});
