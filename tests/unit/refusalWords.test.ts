import { describe, expect, it } from 'vitest';
import { courtErrorCodes } from '../../shared/courtApi/errors.js';
import { refusalKind, refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { speaker } from '../../server/console/consoleWords.js';
import { formPage, noticeHtml, refusalNotice, returnPath, signInReturningTo } from '../../server/console/notice.js';

// A refused staff request reads as what failed and what to do, in the staff member's language:
// never a status number, never the API's English message on a Chinese page.

const zh = speaker('zh');
const en = speaker('en');
const refusal = (status: number, code: string, issues: { path: string; message: string }[] = []) => ({ status, code, issues });

describe('a refusal, by its status and code', () => {
  it('says what to do next by the status', () => {
    expect(refusalKind(409, 'STALE_CASE')).toBe('stale');
    expect(refusalKind(409, 'PERIOD_ENDED')).toBe('rule');
    expect(refusalKind(403, 'ROLE_NOT_ALLOWED')).toBe('role');
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

  it('a 5xx is never the person’s fault: nothing was saved, try again', () => {
    const said = refusalSaid(500, 'INVALID_INPUT');
    expect(said.kind).toBe('retry');
    expect(said.failed.en).toBe('The court hub did not answer.');
    expect(said.advice.zh).toContain('没有保存任何内容');
    expect(refusalSaid(503, 'UNAVAILABLE').failed.zh).toContain('数据库');
  });
});

describe('the console’s notice of a refusal', () => {
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
    // a Location header takes printable ASCII only: anything else was a 500 after signing in
    expect(returnPath('/console/中')).toBeNull();
    expect(returnPath('/console/a\u0000b')).toBeNull();
    expect(signInReturningTo('/console/cases/c1')).toBe('/console?next=%2Fconsole%2Fcases%2Fc1');
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
