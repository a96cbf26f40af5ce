import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementPagePath, consolePaths } from '../../server/console/paths.js';
import { agreementPagePaths } from '../../server/agreements/agreementPage.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { maskAddress, maskIdNumber } from '../../shared/masking.js';
import { can, staffRoles } from '../../shared/staff/roles.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { courtStaff, draftedAgreement } from '../support/courtSteps.js';
import { sampleApplication, sampleResident } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';

// The mediator's agreement desk shows the parties as the case page does: the draft's ID numbers
// and addresses masked until staff open them (the same `?reveal=parties`, offered and allowed only
// to a role that may open personal data, audited as `case.parties_opened`); a role that may not is
// refused in its own language, and the refusal is audited. The page speaks the console's language.

const APPLICANT_ADDRESS = '兰州市城关区张掖路街道1号';
const RESPONDENT_ADDRESS = '兰州市城关区庆阳路2号';
const FULL = [PERSON_ID, APPLICANT_ADDRESS, RESPONDENT_ADDRESS];

let h: RunningHub;
let caseId: string;
beforeAll(async () => {
  h = await startHub();
  const staff = await courtStaff(h);
  const entered = await staff.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication() } });
  expect(entered.status, JSON.stringify(entered.body)).toBe(201);
  ({ caseId } = await draftedAgreement(staff, entered.body.case));
});
afterAll(async () => {
  await h?.close();
});

/** A browser's session cookie for `username`. */
async function cookieOf(username: string): Promise<string> {
  const password = username === 'admin' ? ADMIN_PASSWORD : h.hub.initialPasswords.get(username)!;
  const res = await fetch(h.url + courtPath('signIn'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function desk(cookie: string, opts: { reveal?: boolean; language?: string } = {}) {
  const res = await fetch(`${h.url}${agreementPagePath(caseId)}${opts.reveal ? '?reveal=parties' : ''}`, { headers: { cookie, 'accept-language': opts.language ?? 'zh-CN' } });
  return { status: res.status, html: await res.text(), cacheControl: res.headers.get('cache-control') };
}

const openings = (outcome: 'ok' | 'denied') =>
  h.hub.database.db
    .selectFrom('audit_log')
    .select(['actor_id', 'actor_role', 'case_id', 'record_kind', 'record_id'])
    .where('action', '=', 'case.parties_opened')
    .where('outcome', '=', outcome)
    .orderBy('audit_seq')
    .execute();

describe('the agreement desk’s words', () => {
  it('says a refused post in the console’s language, naming the action and the field; a signed-out desk signs in coming back to it', async () => {
    const mediator = await cookieOf('mediator.people');
    const ask = async (cookie: string, q: Record<string, string>) => {
      const res = await fetch(`${h.url}${agreementPagePaths.refusal}?${new URLSearchParams(q).toString()}`, { headers: { cookie } });
      return { status: res.status, body: (res.status === 200 ? await res.json() : {}) as { text?: string; link?: { href: string; text: string } } };
    };
    const stale = await ask(mediator, { action: 'sign', status: '409', code: 'STALE_CASE', issues: '[]' });
    expect(stale.body.text).toBe('未能记录签名：有人已先处理了此案件。下面是案件当前的情况，请核对后再操作。');
    const fields = await ask(`${mediator}; console_lang=en`, { action: 'draft', status: '400', code: 'INVALID_INPUT', issues: JSON.stringify([{ path: 'facts', message: 'Too small' }]) });
    expect(fields.body.text).toBe('Could not save the agreement: something in the form is not right. Facts: Check it. Nothing was saved. Correct it and submit again.');
    expect((await ask(mediator, { action: 'other', status: '409', code: 'X', issues: '[]' })).status).toBe(400);
    // a password still to change is not the role's refusal: its words, and the way to its page
    const password = await ask(mediator, { action: 'sign', status: '403', code: 'PASSWORD_CHANGE_REQUIRED', issues: '[]' });
    expect(password.body).toEqual({ text: '未能记录签名：您的密码须先修改。没有保存任何内容。请先修改密码，然后再办理。', link: { href: '/console/password', text: '修改密码' } });
    expect((await ask(mediator, { action: 'sign', status: '403', code: 'ROLE_NOT_ALLOWED', issues: '[]' })).body).toEqual({
      text: '未能记录签名：您的角色不能办理这一事项。没有保存任何内容。如需办理，请联系有此权限的同事。',
    });
    // the words are the console's: signed out, no answer but 401
    const anyone = await ask('', { action: 'sign', status: '409', code: 'STALE_CASE', issues: '[]' });
    expect(anyone).toEqual({ status: 401, body: {} });
    const signedOut = await fetch(h.url + agreementPagePath(caseId));
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).toContain(`href="/console?next=${encodeURIComponent(agreementPagePath(caseId))}"`);
  });
});

describe('the agreement desk and the parties’ personal data', () => {
  it('masks the draft’s ID numbers and addresses as the case page does until opened; opening shows them in full and is audited', async () => {
    const mediator = await cookieOf('mediator.people');
    const masked = await desk(mediator);
    expect(masked.status).toBe(200);
    for (const secret of [...FULL, sampleResident.mobile]) expect(masked.html).not.toContain(secret);
    // the case page's masks, and the names the signers sign by
    for (const shown of [maskIdNumber(PERSON_ID), maskAddress(APPLICANT_ADDRESS), maskAddress(RESPONDENT_ADDRESS), sampleResident.name, '李四']) expect(masked.html).toContain(shown);
    expect(masked.html).toContain('个人信息已遮蔽。');
    expect(masked.html).toContain(
      `<form method="get" action="${agreementPagePath(caseId)}"><input type="hidden" name="reveal" value="parties"><button type="submit">查看完整信息（将记录）</button></form>`,
    );
    // the PDF holds them in full: no link to it before the recorded opening
    expect(masked.html).not.toContain('下载预览（PDF）');
    expect(await openings('ok')).toEqual([]);

    const opened = await desk(mediator, { reveal: true });
    expect(opened.status).toBe(200);
    for (const secret of FULL) expect(opened.html).toContain(secret);
    expect(opened.html).not.toContain(sampleResident.mobile); // the agreement names no phone, opened or not
    expect(opened.html).toContain('个人信息已打开，此次查看已记录。');
    expect(opened.html).toContain('下载预览（PDF）');
    expect(opened.html).not.toContain('name="reveal"');
    expect(opened.cacheControl).toBe('private, no-store');
    expect(await openings('ok')).toEqual([{ actor_id: 'mediator.people', actor_role: 'mediator', case_id: caseId, record_kind: 'page', record_id: 'agreement' }]);
  });

  it('sends an account whose password must be changed to change it before the case is read, opened or not, and records no reading', async () => {
    const mediator = await cookieOf('mediator.people');
    const viewed = (outcome: 'ok' | 'denied') =>
      h.hub.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_id', '=', 'mediator.people')
        .where('action', 'in', ['agreement.viewed', 'case.parties_opened'])
        .where('outcome', '=', outcome)
        .execute();
    const before = (await viewed('ok')).length;
    await h.hub.database.db.updateTable('staff').set({ must_change_password: 1 }).where('username', '=', 'mediator.people').execute();
    try {
      for (const query of ['', '?reveal=parties']) {
        const res = await fetch(`${h.url}${agreementPagePath(caseId)}${query}`, { headers: { cookie: mediator }, redirect: 'manual' });
        expect([res.status, res.headers.get('location')]).toEqual([303, consolePaths.password]);
        const body = await res.text();
        for (const secret of [...FULL, maskIdNumber(PERSON_ID), sampleResident.name]) expect(body).not.toContain(secret);
      }
      expect(await viewed('ok')).toHaveLength(before);
      // where it leads is the form, in the console's language
      const form = await fetch(h.url + consolePaths.password, { headers: { cookie: mediator, 'accept-language': 'en' } });
      expect(form.status).toBe(200);
      expect(await form.text()).toContain(`<form method="post" action="${consolePaths.password}">`);
    } finally {
      await h.hub.database.db.updateTable('staff').set({ must_change_password: 0 }).where('username', '=', 'mediator.people').execute();
    }
  });

  it('refuses to open them to a role that may not, in its language, and audits the refusal', async () => {
    const refusers = staffRoles.filter((r) => !can(r, 'openPersonalData'));
    expect(refusers).toContain('court_admin'); // what this test signs in as
    const admin = await cookieOf('admin');
    const before = (await openings('ok')).length;
    for (const [language, said] of [
      ['zh-CN', '您的角色不能查看当事人的完整个人信息。此次请求已记录。'],
      ['en', 'Your role may not open the parties’ personal data in full. This request was recorded.'],
    ] as const) {
      const refused = await desk(admin, { reveal: true, language });
      expect(refused.status).toBe(403);
      expect(refused.html).toContain(said);
      expect(refused.html).toContain(`<html lang="${language}">`);
      for (const secret of [...FULL, maskIdNumber(PERSON_ID)]) expect(refused.html).not.toContain(secret);
    }
    expect((await openings('denied')).filter((r) => r.actor_id === 'admin')).toEqual([
      { actor_id: 'admin', actor_role: 'court_admin', case_id: null, record_kind: 'ability', record_id: 'openPersonalData' },
      { actor_id: 'admin', actor_role: 'court_admin', case_id: null, record_kind: 'ability', record_id: 'openPersonalData' },
    ]);
    expect(await openings('ok')).toHaveLength(before);
    // nor does it see the masked page: it works on accounts, not cases
    const unopened = await desk(admin, { language: 'en' });
    expect(unopened.status).toBe(403);
    expect(unopened.html).toContain('Your role may not see cases. This request was recorded.');
    for (const secret of [...FULL, maskIdNumber(PERSON_ID)]) expect(unopened.html).not.toContain(secret);
  });

  it('answers a case outside the caller’s part as not found, in its language', async () => {
    const counter = await cookieOf('counter.xiyuan');
    const elsewhere = await desk(counter, { reveal: true, language: 'en' });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.html).toContain('No such case, or it is not in your part of the court.');
    for (const secret of FULL) expect(elsewhere.html).not.toContain(secret);
    expect((await openings('denied')).filter((r) => r.actor_id === 'counter.xiyuan')).toEqual([
      { actor_id: 'counter.xiyuan', actor_role: 'counter_staff', case_id: caseId, record_kind: 'reason', record_id: 'OUT_OF_SCOPE' },
    ]);
  });

  it('speaks the console’s language, not both at once (the document itself stays Chinese)', async () => {
    const mediator = await cookieOf('mediator.people');
    const zh = await desk(mediator);
    const en = await desk(mediator, { language: 'en' });
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(en.html).toContain('<html lang="en">');
    for (const page of [zh.html, en.html]) expect(page).toContain('<article class="court-document" lang="zh-CN"><h2>人民调解协议书</h2>');
    for (const [zhWords, enWords] of [
      ['生成协议预览', 'Draw the agreement'],
      ['确认签名', 'Confirm signature'],
      ['个人信息已遮蔽。', 'Personal data is masked.'],
      ['请先签名。', 'Please sign first.'],
    ]) {
      expect(zh.html).toContain(zhWords);
      expect(zh.html).not.toContain(enWords);
      expect(en.html).toContain(enWords);
      expect(en.html).not.toContain(zhWords);
    }
    // the choice made with the console's language switch (a cookie) wins over the browser's
    const chosen = await fetch(h.url + agreementPagePath(caseId), { headers: { cookie: `${mediator}; console_lang=en`, 'accept-language': 'zh-CN' } });
    expect(await chosen.text()).toContain('Draw the agreement');
  });
});
