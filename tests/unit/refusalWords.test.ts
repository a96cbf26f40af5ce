import { describe, expect, it } from 'vitest';
import { courtErrorCodes } from '../../shared/courtApi/errors.js';
import { refusalKind, refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { speaker } from '../../server/console/consoleWords.js';
import { formPage, noticeHtml, refusalNotice } from '../../server/console/notice.js';
import { afterPasswordChange, passwordFormReturningTo, returnPath, signInReturningTo } from '../../server/console/returnPaths.js';

// A refused staff request reads as what failed and what to do, in the staff member's language:
// never a status number, never the API's English message on a Chinese page.

const zh = speaker('zh');
const en = speaker('en');
const refusal = (status: number, code: string, issues: { path: string; message: string }[] = [], write = true) => ({ status, code, issues, write });

describe('a refusal, by its status and code', () => {
  it('says what to do next by the status', () => {
    expect(refusalKind(409, 'STALE_CASE')).toBe('stale');
    expect(refusalKind(409, 'PERIOD_ENDED')).toBe('rule');
    expect(refusalKind(403, 'ROLE_NOT_ALLOWED')).toBe('role');
    expect(refusalKind(403, 'PASSWORD_CHANGE_REQUIRED')).toBe('password');
    expect(refusalKind(403, 'OWN_SITE_ONLY')).toBe('scope');
    expect(refusalKind(401, 'UNAUTHORIZED')).toBe('signedOut');
    expect(refusalKind(400, 'INVALID_INPUT')).toBe('fields');
    expect(refusalKind(422, 'INVALID_REFERENCE')).toBe('fields');
    expect(refusalKind(503, 'UNAVAILABLE')).toBe('retry');
    expect(refusalKind(500, 'INTERNAL')).toBe('retry');
    expect(refusalKind(null)).toBe('retry');
  });

  it('has words in both languages for every court API code, and never shows a number', () => {
    for (const code of courtErrorCodes) {
      for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 503]) {
        const said = refusalSaid(status, code);
        for (const words of [said.failed, said.advice]) {
          expect(words.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(words.en).toMatch(/^[A-Z]/);
          expect(`${words.zh}${words.en}`).not.toMatch(/\d{3}|HTTP/);
        }
      }
    }
  });

  it('a session held before its start: the words name its start, and never show a blank where none came', () => {
    expect(refusalSaid(409, 'SESSION_NOT_YET', { date: '2026-12-07 09:09' }).failed).toEqual({
      zh: '这场调解安排在 2026-12-07 09:09 开始，开始之前不能记为已进行。',
      en: 'This session is arranged to start at 2026-12-07 09:09; it cannot be recorded as held before then.',
    });
    expect(refusalSaid(409, 'SESSION_NOT_YET').failed.en).toBe('This cannot be done at this step.');
  });

  it('a second session held on one call: says the call is already a session, and to cancel the arranged one', () => {
    const said = refusalSaid(409, 'CALL_ALREADY_HELD');
    expect(said.kind).toBe('rule');
    expect(said.failed.zh).toContain('一次通话只能记一场');
    expect(said.failed.en).toContain('one call is one session');
  });

  it('a 5xx is never the person’s fault: nothing was saved, try again', () => {
    const said = refusalSaid(500, 'INVALID_INPUT');
    expect(said.kind).toBe('retry');
    expect(said.failed.en).toBe('The court hub did not answer.');
    expect(said.advice.zh).toContain('没有保存任何内容');
    expect(refusalSaid(503, 'UNAVAILABLE').failed.zh).toContain('数据库');
  });
});

describe('the console’s notice of a refusal', () => {
  it('403 for a password still to change: change it (with its page), not a colleague with the role', () => {
    const zhNotice = refusalNotice(zh, refusal(403, 'PASSWORD_CHANGE_REQUIRED'), '/console/cases/c1');
    expect(zhNotice.text).toBe('您的密码须先修改。没有保存任何内容。请先修改密码，然后再办理。');
    expect(zhNotice.link).toEqual({ href: '/console/password', text: '修改密码' });
    const enRead = refusalNotice(en, refusal(403, 'PASSWORD_CHANGE_REQUIRED', [], false), '/console/cases/c1');
    expect(enRead.text).toBe('Your password must be changed first. Change your password first, then look again.');
    expect(enRead.text).not.toMatch(/role/);
    expect(refusalNotice(en, refusal(403, 'ROLE_NOT_ALLOWED'), '/console/cases/c1').link).toBeUndefined();
  });
  it('403 for another site’s figures: the scope, not the role', () => {
    expect(refusalSaid(403, 'OWN_SITE_ONLY', { write: false })).toEqual({
      kind: 'scope',
      failed: { zh: '您只能查看本站点的数据。', en: 'You may see only your own site’s figures.' },
      advice: { zh: '其他站点的数据请联系法院的同事查看。', en: 'For another site’s figures, ask a colleague at the court.' },
    });
  });
  it('403 from another site’s page: said as that, in both languages, never as the role', () => {
    for (const write of [true, false]) {
      const said = refusalSaid(403, 'CROSS_SITE', { write });
      expect(said.kind).toBe('crossSite');
      expect(said.failed).toEqual({ zh: '这个请求不是从本系统的页面发出的，已拒绝。', en: 'This request did not come from this hub’s own pages, so it was refused.' });
      expect(said.advice.zh).toContain('请从本系统的地址打开工作台');
      expect(said.advice.en).toContain('this hub’s own address');
      expect(`${said.failed.en} ${said.advice.en}`).not.toMatch(/role/);
      expect(said.advice.en.startsWith('Nothing was saved')).toBe(write);
    }
  });
  it('409: someone acted first; the page shows the case as it is now', () => {
    expect(refusalNotice(zh, refusal(409, 'STALE_CASE'), '/console/cases/c1').text).toBe('有人已先处理了此案件。下面是案件当前的情况，请核对后再操作。');
    expect(refusalNotice(en, refusal(409, 'STALE_CASE'), '/console/cases/c1').text).toBe('Someone acted on this case first. This is the case as it is now; check it and try again.');
  });

  it('403: not your role, nothing saved', () => {
    const n = refusalNotice(en, refusal(403, 'ROLE_NOT_ALLOWED'), '/console/cases/c1');
    expect(n).toMatchObject({ kind: 'problem', refusal: 'role' });
    expect(n.text).toBe('Your role may not do this. Nothing was saved. Ask a colleague whose role allows it.');
  });

  it('401: a sign-in link that comes back to the page', () => {
    const n = refusalNotice(zh, refusal(401, 'UNAUTHORIZED'), '/console/cases/c1');
    expect(n.link).toEqual({ href: '/console?next=%2Fconsole%2Fcases%2Fc1', text: '重新登录' });
    expect(noticeHtml(n)).toContain('<a href="/console?next=%2Fconsole%2Fcases%2Fc1" data-notice-link>重新登录</a>');
  });

  it('400: which field, from the hub’s translated issue, and no doubled stop', () => {
    const n = refusalNotice(zh, refusal(400, 'INVALID_PAYLOAD', [{ path: 'callId', message: 'errors.call.unknown' }]), '/console/cases/c1');
    expect(n.text).toMatch(/^填写的内容有误。举行本场调解的视频通话：没有这个视频通话编号/);
    expect(n.text).not.toContain('。。');
    expect(n.text).toMatch(/没有保存任何内容。请改正后再提交。$/);
  });

  it('names what was refused; says nothing was saved only after a write', () => {
    const agreement = { zh: '保存调解协议', en: 'save the agreement' };
    expect(refusalNotice(zh, refusal(409, 'TRANSITION_NOT_ALLOWED'), '/console/cases/c1', { action: agreement }).text).toBe(
      '未能保存调解协议：案件已不在可以办理这一步的阶段。没有保存任何内容。页面显示的是现在的情况。',
    );
    expect(refusalNotice(en, refusal(409, 'TRANSITION_NOT_ALLOWED'), '/console/cases/c1', { action: agreement }).text).toBe(
      'Could not save the agreement: the case is no longer at a step where this can be done. Nothing was saved. The page shows how things stand now.',
    );
    // a page that only reads: nothing was going to be saved, so it is not said
    for (const status of [403, 404, 429, 500, 503]) {
      for (const s of [zh, en]) {
        const text = refusalNotice(s, refusal(status, 'UNKNOWN', [], false), '/console/terminals').text;
        expect(text).not.toMatch(/没有保存|Nothing was saved/);
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });

  it('network or 5xx: try again, nothing was saved', () => {
    expect(refusalNotice(en, refusal(502, 'UNKNOWN'), '/console').text).toBe('The court hub did not answer. Nothing was saved. Try again shortly; if it keeps failing, call IT.');
  });
});

describe('coming back after signing in', () => {
  it('only to the console’s own pages, and to the page a form was on', () => {
    expect(returnPath('/console/cases/c1/act')).toBe('/console/cases/c1');
    expect(returnPath('/console/cases/c1/invite')).toBe('/console/cases/c1');
    expect(returnPath('/console/admin/sites')).toBe('/console/admin/sites');
    expect(returnPath('//evil.example/console')).toBeNull();
    expect(returnPath('https://evil.example/console')).toBeNull();
    expect(returnPath('/console/../dashboard')).toBeNull();
    expect(returnPath('/console\\@evil')).toBeNull();
    expect(returnPath(undefined)).toBeNull();
    // the guidance desk is a page of the console's build: it comes back there too, and only there
    expect(returnPath('/guidance')).toBe('/guidance');
    expect(returnPath('/guidance/x')).toBeNull();
    // a Location header takes printable ASCII only: anything else was a 500 after signing in
    expect(returnPath('/console/中')).toBeNull();
    expect(returnPath('/console/a\u0000b')).toBeNull();
    expect(signInReturningTo('/console/cases/c1')).toBe('/console?next=%2Fconsole%2Fcases%2Fc1');
  });

  it('after changing the password: back to the desk or page the form was come to from, never elsewhere nor to the form again', () => {
    expect(returnPath('/mediator')).toBe('/mediator');
    expect(returnPath('/mediator/assets/x.js')).toBeNull();
    expect(passwordFormReturningTo('/mediator')).toBe('/console/password?next=%2Fmediator');
    expect(passwordFormReturningTo('/guidance')).toBe('/console/password?next=%2Fguidance');
    expect(passwordFormReturningTo('/console/playlist')).toBe('/console/password?next=%2Fconsole%2Fplaylist');
    expect(passwordFormReturningTo('https://evil.example/mediator')).toBe('/console/password');
    expect(passwordFormReturningTo('/console/password')).toBe('/console/password');
    expect(afterPasswordChange('/console/password')).toBeNull();
    expect(afterPasswordChange('//evil.example')).toBeNull();
    expect(afterPasswordChange('/console/cases/c1/act')).toBe('/console/cases/c1');
  });

  it('a form posted signed out comes back to the page it sits on, never to its target (no page there)', () => {
    expect(formPage('/console/cases/:caseId/act', '/console/cases/c1')).toBe('/console/cases/c1');
    expect(formPage('/console/cases/:caseId/invite', '/console/cases/c1')).toBe('/console/cases/c1');
    expect(formPage('/console/admin/staff/:username/:action', '/console/admin/staff/li/deactivate')).toBe('/console/admin');
    expect(formPage('/console/admin/sites/new', '/console/admin/sites/new')).toBe('/console/admin/sites');
    expect(formPage('/console/admin/organisations/new', '/console/admin/organisations/new')).toBe('/console/admin');
    expect(formPage('/console/search', '/console/search')).toBe('/console');
  });
});
