import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleWords, LANG_COOKIE } from '../../server/console/consoleWords.js';
import { casePagePath, consolePaths } from '../../server/console/paths.js';
import { deferrableFields } from '../../shared/application.js';
import { courtClient, type CourtClient as ConsoleClient } from '../../server/console/courtClient.js';
import { mediatorNames } from '../../server/console/placeNames.js';
import type { FastifyRequest } from 'fastify';
import { addDays, daysBetween } from '../../shared/cases/deadlines.js';
import { courtDay, courtTime } from '../../shared/courtTime.js';
import { guidancePaths } from '../../shared/rooms/guidance.js';
import { applyForConfirmation, consoleRequest, consoleSignIn, listedCases } from '../support/consoleCases.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { sampleApplication } from '../support/fixtures.js';
import { ADMIN_PASSWORD, startHub, type RunningHub } from '../support/hubHarness.js';
import { clearOfCourtMidnight, onOneCourtDay } from '../support/courtMidnight.js';
import { scheduledNow } from '../support/courtSteps.js';

// The console on a real hub and real SQLite: staff sign in through its form (the court API's one
// sign-in, with its limits and lockout; the mediator desk's door too), and each role lands on its
// own work list and sees only its part: the clerk the cases waiting for diversion, a mediator their
// organisation's mediations by deadline (overdue first, in red and in words), the judge the
// confirmations to rule on, counter staff their site's submissions, the admin the accounts.

let running: RunningHub;
let base: string;
const api = {} as Record<'clerk' | 'mediator' | 'judge' | 'counter', CourtClient>;
const cookies = {} as Record<'clerk' | 'mediator' | 'judge' | 'assistant' | 'counter' | 'admin', string>;
const ids = {} as Record<'waiting' | 'atCounter' | 'mine' | 'orgOnly' | 'overdue' | 'otherOrg' | 'confirmation' | 'confirmedDispute', string>;
/** The court day the cases were set up on (beforeAll); the pages are read against the day they are read on. */
let today: string;

async function enter(by: CourtClient, channel: 'court' | 'counter', name: string): Promise<{ caseId: string; seq: number }> {
  const res = await by.call('enterCase', { body: { channel, application: sampleApplication({ name }) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case;
}
async function divert(c: { caseId: string; seq: number }, organisationId: string, mediator?: string) {
  const res = await api.clerk.call('actOnCase', {
    params: { caseId: c.caseId },
    body: { type: 'case.diverted', payload: { organisationId, ...(mediator ? { mediator } : {}), consent: { method: 'application' } }, expectedSeq: c.seq },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case;
}

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  const pw = running.hub.initialPasswords;
  api.clerk = await signIn(base, 'clerk', pw.get('clerk')!);
  api.mediator = await signIn(base, 'mediator.people', pw.get('mediator.people')!);
  api.judge = await signIn(base, 'judge', pw.get('judge')!);
  api.counter = await signIn(base, 'counter.xiyuan', pw.get('counter.xiyuan')!);
  for (const [key, username] of [
    ['clerk', 'clerk'],
    ['mediator', 'mediator.people'],
    ['judge', 'judge'],
    ['assistant', 'assistant'],
    ['counter', 'counter.xiyuan'],
  ] as const) {
    const { cookie, answer } = await consoleSignIn(base, username, pw.get(username)!);
    expect(answer.status, answer.html).toBe(303);
    cookies[key] = cookie!;
  }
  cookies.admin = (await consoleSignIn(base, 'admin', ADMIN_PASSWORD)).cookie!;

  // the cases below are entered, diverted and dated on one court day, `today`: a minute's margin for a set-up
  // that takes seconds (a margin chosen here, not the hook's limit, which is 120 s)
  await clearOfCourtMidnight(60_000);
  today = courtDay(Date.now());
  ids.waiting = (await enter(api.clerk, 'court', '王小明')).caseId;
  ids.atCounter = (await enter(api.counter, 'counter', '赵大山')).caseId;
  ids.mine = (await divert(await enter(api.clerk, 'court', '郑九'), 'qlh-people-mediation', 'mediator.people')).caseId;
  ids.orgOnly = (await divert(await enter(api.clerk, 'court', '钱五'), 'qlh-people-mediation')).caseId;
  ids.otherOrg = (await divert(await enter(api.clerk, 'court', '孙六'), 'qlh-traffic-mediation')).caseId;
  // a mediation whose 30 days ran out three days ago (diverted through the case store itself)
  const late = await enter(api.clerk, 'court', '周七');
  await running.hub.cases.append(
    running.hub.database,
    late.caseId,
    {
      type: 'case.diverted',
      actor: { kind: 'system' },
      payload: { caseNumber: '-', organisationId: 'qlh-people-mediation', consent: { method: 'application' }, mediationDueDate: addDays(today, -3) },
    },
    { today },
  );
  ids.overdue = late.caseId;
  // a settled one carried to an application for judicial confirmation
  const settled = await divert(await enter(api.clerk, 'court', '吴八'), 'qlh-people-mediation', 'mediator.people');
  const r = await api.mediator.call('actOnCase', { params: { caseId: settled.caseId }, body: { type: 'mediation.settled', payload: {}, expectedSeq: settled.seq } });
  expect(r.status).toBe(201);
  ids.confirmation = await applyForConfirmation(api.mediator, api.clerk, settled.caseId);
  ids.confirmedDispute = settled.caseId;
});
afterAll(async () => {
  await running?.close();
});

const work = async (who: keyof typeof cookies, query = '') => consoleRequest(base, cookies[who], `${consolePaths.page}${query}`);
/** A work list with the days it shows counted from the set-up day: `days(30)` is 30 read on that day, 29 the day after. */
const workOnOneDay = async (who: keyof typeof cookies, query = '') => {
  const { answer, day } = await onOneCourtDay(() => work(who, query));
  return { page: answer, days: (onSetUpDay: number) => onSetUpDay - daysBetween(today, day) };
};

describe('each role lands on its own work list', () => {
  it('the filing clerk: the cases waiting for diversion, oldest first, and nothing already diverted', async () => {
    const page = await work('clerk');
    expect(page.status).toBe(200);
    expect(page.html).toContain('待分流的案件');
    expect(listedCases(page.html)).toEqual([ids.waiting, ids.atCounter]);
  });

  it('a mediator: their organisation’s mediations by deadline, the overdue one first in red and in words; another organisation’s never', async () => {
    const { page, days } = await workOnOneDay('mediator');
    const listed = listedCases(page.html);
    expect(listed[0]).toBe(ids.overdue);
    expect(new Set(listed)).toEqual(new Set([ids.overdue, ids.mine, ids.orgOnly]));
    expect(listed).not.toContain(ids.otherOrg);
    const overdueRow = page.html.slice(page.html.indexOf(`data-case="${ids.overdue}"`));
    expect(overdueRow.slice(0, overdueRow.indexOf('</tr>'))).toMatch(new RegExp(`overdue-row[\\s\\S]*class="due overdue" data-days="${days(-3)}"[\\s\\S]*已超期 ${-days(-3)} 天`));
    expect(page.html).toContain(`剩余 ${days(30)} 天`);
    // only mine: the one assigned to this mediator, named as staff know them (not by account)
    const mine = await work('mediator', '?mine=1');
    expect(listedCases(mine.html)).toEqual([ids.mine]);
    expect(mine.html).toContain('<small data-mediator>人民调解员</small>');
    expect(mine.html).not.toContain('mediator.people</small>');
    // another organisation's case is answered as if it did not exist
    expect((await consoleRequest(base, cookies.mediator, `/console/cases/${ids.otherOrg}`)).status).toBe(404);
  });

  it('the judge: confirmations to rule on, with the ruling deadline; the assistant: the judge’s', async () => {
    const { page: judge, days } = await workOnOneDay('judge');
    expect(judge.html).toContain('待裁定的司法确认');
    expect(listedCases(judge.html)).toEqual([ids.confirmation]);
    expect(judge.html).toContain(`剩余 ${days(15)} 天`);
    expect(listedCases((await work('assistant')).html)).toEqual([ids.confirmation]);
  });

  // The walk (s17 item 13): the 民特 case opened from a kiosk filing's agreement said "not filed at a
  // terminal". It names the dispute it came from, linked, where the filing, terminal and calls are.
  it('a confirmation case names and links the dispute it came from, not "not filed at a terminal"', async () => {
    const dispute = (await api.judge.call('getCase', { params: { caseId: ids.confirmedDispute } })).body.case;
    for (const [lang, words] of [
      ['zh', ['本案由 ', ' 而来；当事人提交申请的终端和视频通话见该案。']],
      ['en', ['This case comes from ', '; the terminal the party filed at and its video calls are shown there.']],
    ] as const) {
      const page = await consoleRequest(base, lang === 'en' ? `${cookies.judge}; ${LANG_COOKIE}=en` : cookies.judge, `/console/cases/${ids.confirmation}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain(
        `<p class="note" data-origin="${ids.confirmedDispute}">${words[0]}<a href="/console/cases/${ids.confirmedDispute}">${dispute.caseNumber as string}</a>${words[1]}</p>`,
      );
      expect(page.html).not.toContain('本案不是在终端提交的');
      expect(page.html).not.toContain('This case was not filed at a terminal');
    }
  });

  it('counter staff: their site’s submissions only', async () => {
    expect(listedCases((await work('counter')).html)).toEqual([ids.atCounter]);
  });

  it('the admin: the accounts screen, not case files', async () => {
    const page = await work('admin');
    expect(page.status).toBe(303);
    expect(page.location).toBe(consolePaths.admin);
    const admin = await consoleRequest(base, cookies.admin, consolePaths.admin);
    expect(admin.html).toContain('data-account="mediator.people"');
    // the organisation or site by its name, as the form above names them, never its raw id
    const placeCell = (username: string) => admin.html.match(new RegExp(`data-account="${username.replace('.', '\\.')}">(?:<td>[^<]*</td>){3}<td>([^<]*)</td>`))?.[1];
    expect(placeCell('mediator.people')).toBe('七里河区人民调解委员会');
    expect(placeCell('counter.xiyuan')).toBe('西园街道矛盾纠纷调处中心');
    expect(placeCell('clerk')).toBe('—');
    expect(admin.html).not.toMatch(/<td>qlh-[a-z-]+<\/td>/);
    expect((await consoleRequest(base, cookies.admin, `/console/cases/${ids.waiting}`)).status).toBe(403);
  });

  it('in English when the browser asks for it or the switch is pressed', async () => {
    const res = await fetch(`${base}${consolePaths.page}`, { headers: { cookie: cookies.clerk, 'accept-language': 'en-GB,en;q=0.9' } });
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Cases waiting for diversion');
    const switched = await consoleRequest(base, cookies.clerk, consolePaths.language, { lang: 'en' });
    expect(switched.status).toBe(303);
  });
});

describe('the names a list shows', () => {
  it('every organisation’s mediators in one call, however many organisations the list holds', async () => {
    const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
    const traffic = await admin.call('createStaff', { body: { username: 'mediator.traffic', displayName: '交通调解员', role: 'mediator', organisationId: 'qlh-traffic-mediation' } });
    expect(traffic.status, JSON.stringify(traffic.body)).toBe(201);
    // the console's own client of the API, as a page uses it, counting what it asks
    const request = { host: new URL(base).host, protocol: 'http', ip: '127.0.0.1', headers: { cookie: cookies.clerk } } as unknown as FastifyRequest;
    const real = courtClient(running.hub.app, request);
    const asked: string[] = [];
    const counting = ((name, opts) => {
      asked.push(name);
      return real(name, opts);
    }) as ConsoleClient;
    const person = await mediatorNames(counting);
    expect(asked).toEqual(['listAllMediators']);
    expect([person('mediator.people'), person('mediator.traffic'), person('nobody')]).toEqual(['人民调解员', '交通调解员', 'nobody']);
  });
});

describe('signing in comes back to the page asked for', () => {
  it('every console page asked for signed out: the sign-in form, then that page', async () => {
    const pages = [
      '/console/reference-cases',
      '/console/reference-cases/new',
      '/console/terminals',
      '/console/terminals/KSK-X',
      '/console/help-requests',
      '/console/releases',
      '/console/playlist',
      `/console/cases/${ids.mine}`,
    ];
    for (const path of pages) {
      const signedOut = await consoleRequest(base, null, path);
      expect([path, signedOut.status, signedOut.location]).toEqual([path, 303, `${consolePaths.page}?next=${encodeURIComponent(path)}`]);
    }
    const form = await consoleRequest(base, null, `${consolePaths.page}?next=${encodeURIComponent('/console/reference-cases')}`);
    expect(form.html).toContain('<input type="hidden" name="next" value="/console/reference-cases">');
    const res = await fetch(`${base}${consolePaths.login}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ username: 'judge', password: running.hub.initialPasswords.get('judge')!, next: '/console/reference-cases' }).toString(),
    });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/console/reference-cases']);
    // the guidance desk (the console build's page) links to this sign-in, which comes back to it
    expect((await consoleRequest(base, null, guidancePaths.signIn)).html).toContain('<input type="hidden" name="next" value="/guidance">');
  });
});

describe('search and the case page', () => {
  it('a refused "session held" comes back with the session, minutes, notes and call as they were entered', async () => {
    const c = await divert(await enter(api.clerk, 'court', '冯十'), 'qlh-people-mediation', 'mediator.people');
    const scheduled = await scheduledNow(api.mediator, c, { mode: 'video' });
    const sessionId = scheduled.sessions[0].sessionId as string;
    const typed = { type: 'session.held', expectedSeq: String(scheduled.seq), sessionId, minutes: '37', notes: '双方均到场', callIdOther: 'no-such-call' };
    const refused = await consoleRequest(base, cookies.mediator, `/console/cases/${c.caseId}/act`, typed);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('举行本场调解的视频通话：没有这个视频通话编号');
    const form = /<details class="action" data-action="session.held" open>[\s\S]*?<\/details>/.exec(refused.html)?.[0] ?? '';
    expect(form).toContain(`<option value="${sessionId}" selected>`);
    expect(form).toContain('name="minutes" type="number" min="0" max="1440" required inputmode="numeric" value="37"');
    expect(form).toContain('>双方均到场</textarea>');
    expect(form).toContain('value="no-such-call"');
    // the case page names the mediator (in the facts, the diversion and as the actor), never by account id
    expect(refused.html).toContain(' · 人民调解员</dd>');
    expect(refused.html).toContain('· 人民调解员');
    expect(refused.html).not.toContain('· mediator.people');
    expect(refused.html).not.toContain('mediator.people ·');
    // the timeline names who acted as recorded then: the clerk who diverted, the mediator who scheduled
    expect(refused.html).toContain('操作人：<span class="actor">立案庭 书记员（立案人员）</span>');
    expect(refused.html).toContain('操作人：<span class="actor">人民调解员（调解员）</span>');
    expect(refused.html).not.toMatch(/<span class="actor">(clerk|mediator\.people)\b/);
  });

  it('a session arranged for later today is refused as held before its start, the refusal naming its start in the mediator’s language', async () => {
    const c = await divert(await enter(api.clerk, 'court', '褚十一'), 'qlh-people-mediation', 'mediator.people');
    // the walk (s17 item 2): arranged for 09:09, recorded as held at 08:59; half an hour ahead is its start still to come for every request below
    const startsAt = new Date(Date.now() + 30 * 60_000).toISOString();
    const scheduled = await api.mediator.call('actOnCase', {
      params: { caseId: c.caseId },
      body: { type: 'session.scheduled', payload: { startsAt, mode: 'in_person', place: '调解室' }, expectedSeq: c.seq },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    const typed = { type: 'session.held', expectedSeq: String(scheduled.body.case.seq), sessionId: scheduled.body.case.sessions[0].sessionId as string, minutes: '30' };
    const start = courtTime(startsAt, 'minute');
    const refused = await consoleRequest(base, cookies.mediator, `/console/cases/${c.caseId}/act`, typed);
    expect(refused.status).toBe(409);
    // the notice says what was refused, then why, then that nothing was saved
    expect(refused.html).toContain(`未能记录“调解已进行”：这场调解安排在 ${start} 开始，开始之前不能记为已进行。没有保存任何内容。`);
    const inEnglish = await consoleRequest(base, `${cookies.mediator}; ${LANG_COOKIE}=en`, `/console/cases/${c.caseId}/act`, typed);
    expect(inEnglish.html).toContain(`Could not record “Session held”: this session is arranged to start at ${start}; it cannot be recorded as held before then. Nothing was saved.`);
    // a page that only reads says no such thing: the terminal list refused to a mediator
    const read = await consoleRequest(base, cookies.mediator, '/console/terminals');
    expect(read.status).toBe(403);
    expect(read.html).toContain('role="alert"');
    expect(read.html).not.toContain('没有保存');
  });

  it('a failed mediation posted without its cause: the refusal names the missing field by its label', async () => {
    const c = await divert(await enter(api.clerk, 'court', '蒋十三'), 'qlh-people-mediation', 'mediator.people');
    const refused = await consoleRequest(base, cookies.mediator, `/console/cases/${c.caseId}/act`, { type: 'mediation.failed', expectedSeq: String(c.seq), reason: '双方分歧大' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('未能记录“调解不成”：填写的内容有误。原因：必填。没有保存任何内容。请改正后再提交。');
  });

  it('offers the invitation into a session only while one can take place: in mediation, not once settled (the API refuses it too)', async () => {
    const c = await divert(await enter(api.clerk, 'court', '卫十二'), 'qlh-people-mediation', 'mediator.people');
    const page = `/console/cases/${c.caseId}`;
    expect((await consoleRequest(base, cookies.mediator, page)).html).toContain('data-invite="needs-call"');
    const settled = await api.mediator.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'mediation.settled', payload: {}, expectedSeq: c.seq } });
    expect(settled.status, JSON.stringify(settled.body)).toBe(201);
    const html = (await consoleRequest(base, cookies.mediator, page)).html;
    expect(html).toContain('data-state="settled"');
    expect(html).not.toContain('data-invite');
    expect(html).not.toContain('邀请当事人进入本次视频调解');
    const invited = await api.mediator.call('inviteToSession', { params: { caseId: c.caseId }, body: { role: 'respondent' } });
    expect(invited.status).toBe(409);
    expect(invited.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('finds a case by party name and by case number, within the caller’s part', async () => {
    const byName = await consoleRequest(base, cookies.clerk, `${consolePaths.search}?q=${encodeURIComponent('郑九')}`);
    expect(listedCases(byName.html)).toEqual([ids.mine]);
    const number = (await api.clerk.call('getCase', { params: { caseId: ids.mine } })).body.case.caseNumber as string;
    expect(listedCases((await consoleRequest(base, cookies.clerk, `${consolePaths.search}?q=${encodeURIComponent(number)}`)).html)).toEqual([ids.mine]);
    expect(listedCases((await consoleRequest(base, cookies.counter, `${consolePaths.search}?q=${encodeURIComponent('郑九')}`)).html)).toEqual([]);
  });

  it('offers only the actions the role may take now, and a stale form gets 409 with the case as it is', async () => {
    const clerkView = (await consoleRequest(base, cookies.clerk, `/console/cases/${ids.waiting}`)).html;
    expect(clerkView).toContain('data-action="case.diverted"');
    expect(clerkView).not.toContain('data-action="session.scheduled"');
    const mediatorView = (await consoleRequest(base, cookies.mediator, `/console/cases/${ids.mine}`)).html;
    expect(mediatorView).toContain('data-action="session.scheduled"');
    expect(mediatorView).not.toContain('data-action="case.diverted"');
    expect(mediatorView).toContain(`/console/cases/${ids.mine}/agreement`);

    const note = { type: 'note.added', expectedSeq: '1', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' };
    const first = await consoleRequest(base, cookies.clerk, `/console/cases/${ids.waiting}/act`, note);
    expect(first.status, first.html).toBe(303);
    const stale = await consoleRequest(base, cookies.clerk, `/console/cases/${ids.waiting}/act`, note);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('有人已先处理了此案件');
    expect(stale.html).toContain('data-seq="2"');
    // what was typed is shown as text, never run
    expect(stale.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(stale.html).not.toContain('<script>');
    // and it is kept in its form, open, so the clerk need not type it again
    const noteForm = /<details class="action" data-action="note.added" open>[\s\S]*?<\/details>/.exec(stale.html)?.[0] ?? '';
    expect(noteForm).toContain('name="text" maxlength="4000" required>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</textarea>');
    expect(noteForm).toContain('name="expectedSeq" value="2"');
  });

  it('parties are masked until opened, and the opening is audited', async () => {
    const masked = (await consoleRequest(base, cookies.clerk, `/console/cases/${ids.waiting}`)).html;
    expect(masked).not.toContain('王小明');
    expect(masked).toContain('王*');
    const opened = (await consoleRequest(base, cookies.clerk, `/console/cases/${ids.waiting}?reveal=parties`)).html;
    expect(opened).toContain('王小明');
    const audit = await running.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'case.parties_opened').where('case_id', '=', ids.waiting).execute();
    expect(audit).toHaveLength(1);
  });
});

describe('a short-path filing', () => {
  /** Enters a short application (everything deferrable left to be asked) for `name`; its case id. */
  async function enterShort(name: string, mobile: string): Promise<string> {
    const short = {
      ...sampleApplication({ name }),
      applicant: { kind: 'person' as const, name, mobile },
      respondents: [{ kind: 'person' as const, name: '李四' }],
      typeAnswers: undefined,
      process: undefined,
      deferred: [...deferrableFields],
    };
    const entered = await api.clerk.call('enterCase', { body: { channel: 'court', application: short } });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    return entered.body.case.caseId as string;
  }
  const cells = (html: string) => [...html.matchAll(/<span class="to-be-asked">([^<]*)<\/span>/g)].map((m) => m[1]);

  it('shows what the resident was not asked as "to be asked", masked and opened, in the staff member’s language; a full filing’s blanks stay "—"', async () => {
    const caseId = await enterShort('冯短', '13912345678');
    // the applicant's ID number and address, the respondent's address: asked on the call, not missing
    expect(cells((await consoleRequest(base, cookies.clerk, casePagePath(caseId))).html)).toEqual(['待询问', '待询问', '待询问']);
    expect(cells((await consoleRequest(base, cookies.clerk, `${casePagePath(caseId)}?reveal=parties`)).html)).toEqual(['待询问', '待询问', '待询问']);
    const en = (await consoleRequest(base, `${cookies.clerk}; ${LANG_COOKIE}=en`, casePagePath(caseId))).html;
    expect(cells(en)).toEqual(['To be asked', 'To be asked', 'To be asked']);
    // the raw application page says the same words (one source)
    expect(consoleWords.toBeAsked).toEqual({ zh: '待询问', en: 'To be asked' });
    // a full filing asked everything: nothing there is "to be asked"
    expect(cells((await consoleRequest(base, cookies.clerk, casePagePath(ids.waiting))).html)).toEqual([]);
  });

  it('a masked view says "to be asked" without opening the application: a case whose application cannot be opened still shows its masked page', async () => {
    const caseId = await enterShort('冯封', '13912345679');
    // the sealed application no longer opens (as a wrong key or a damaged row would leave it)
    await running.hub.database.db.updateTable('case_applications').set({ application_sealed: 'not-a-sealed-value' }).where('case_id', '=', caseId).execute();
    const masked = await consoleRequest(base, cookies.clerk, casePagePath(caseId));
    expect(masked.status).toBe(200);
    expect(cells(masked.html)).toEqual(['待询问', '待询问', '待询问']);
    const viewed = await api.clerk.call('getCase', { params: { caseId } });
    expect(viewed.status).toBe(200);
    expect(viewed.body.deferred).toEqual([...deferrableFields]);
    expect(viewed.body.application).toBeNull();
  });

  it('a case stored before the list was kept beside the application (migration 0064) still says "to be asked" masked, read from the application', async () => {
    const caseId = await enterShort('冯旧', '13912345670');
    // as every row from before 0064 is: no list beside the application
    await running.hub.database.db.updateTable('case_applications').set({ deferred_json: null }).where('case_id', '=', caseId).execute();
    expect(cells((await consoleRequest(base, cookies.clerk, casePagePath(caseId))).html)).toEqual(['待询问', '待询问', '待询问']);
    const viewed = await api.clerk.call('getCase', { params: { caseId } });
    expect(viewed.body.deferred).toEqual([...deferrableFields]);
    // such a row whose application no longer opens has nothing to say: "—", never a 500
    await running.hub.database.db.updateTable('case_applications').set({ application_sealed: 'not-a-sealed-value' }).where('case_id', '=', caseId).execute();
    const broken = await consoleRequest(base, cookies.clerk, casePagePath(caseId));
    expect(broken.status).toBe(200);
    expect(cells(broken.html)).toEqual([]);
  });
});

describe('one sign-in for every door', () => {
  it('wrong passwords lock the account for the console form and the mediator desk alike', async () => {
    const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('createStaff', { body: { username: 'med.locked', role: 'mediator', organisationId: 'qlh-people-mediation' } });
    expect(created.status).toBe(201);
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) last = (await consoleSignIn(base, 'med.locked', `wrong-${i}`)).answer.status;
    expect(last).toBe(429);
    const right = await consoleSignIn(base, 'med.locked', created.body.initialPassword);
    expect(right.answer.status).toBe(429);
    expect(right.answer.html).toContain('账号暂时锁定');
    expect(right.cookie).toBeNull();
    const desk = await fetch(`${base}/api/v1/mediator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'med.locked', password: created.body.initialPassword }),
    });
    expect(desk.status).toBe(429);
    const attempts = await running.hub.database.db.selectFrom('audit_log').select('outcome').where('action', '=', 'staff.sign_in').where('actor_id', '=', 'med.locked').execute();
    expect(attempts.length).toBeGreaterThan(0);
  });

  it('the admin forms name a refused field by its label and say what is wrong, in the admin’s language', async () => {
    const account = await consoleRequest(base, cookies.admin, consolePaths.adminStaff, { username: 'x', displayName: '', role: 'mediator', organisationId: '', siteId: '' });
    expect(account.status).toBe(400);
    expect(account.html).toContain('用户名：3–32 个字母、数字或 . _ -，以字母或数字开头');
    expect(account.html).toContain('调解组织（调解员必填）：调解员必须选择调解组织');
    expect(account.html).not.toMatch(/>[^<]*\b(username|organisationId)\b/);
    const site = await consoleRequest(base, `${cookies.admin}; ${LANG_COOKIE}=en`, consolePaths.adminSiteCreate, { id: '-bad id', name: '', kind: 'hall' });
    expect(site.status).toBe(400);
    expect(site.html).toContain('Id (letters, digits): Check it');
    expect(site.html).not.toMatch(/>[^<]*\bsiteId\b/);
  });

  it('a new account must change its first password before it sees any work', async () => {
    const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
    const created = await admin.call('createStaff', { body: { username: 'clerk.new', role: 'filing_clerk' } });
    const { cookie } = await consoleSignIn(base, 'clerk.new', created.body.initialPassword);
    const first = await consoleRequest(base, cookie, consolePaths.page);
    expect(first.html).toContain('请先修改密码');
    // refusals in the staff member's words, the field named by its label — never the API's English
    expect(first.html).toContain('id="newPasswordAgain"');
    // typed twice: a slip is refused before anything changes, in the staff member's words
    const slip = await consoleRequest(base, cookie, consolePaths.password, {
      currentPassword: created.body.initialPassword,
      newPassword: 'a-much-longer-passphrase-2026',
      newPasswordAgain: 'a-much-longer-passphrase-2062',
    });
    expect(slip.status).toBe(400);
    expect(slip.html).toContain('两次输入的新密码不一样，密码没有修改。');
    const slipEn = await consoleRequest(base, `${cookie}; ${LANG_COOKIE}=en`, consolePaths.password, {
      currentPassword: created.body.initialPassword,
      newPassword: 'a-much-longer-passphrase-2026',
      newPasswordAgain: '',
    });
    expect(slipEn.html).toContain('The two new passwords differ; the password was not changed.');
    expect((await consoleRequest(base, cookie, consolePaths.page)).html).toContain('请先修改密码');
    const wrong = await consoleRequest(base, cookie, consolePaths.password, {
      currentPassword: 'not-it',
      newPassword: 'a-much-longer-passphrase-2026',
      newPasswordAgain: 'a-much-longer-passphrase-2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('当前密码：不正确');
    expect(wrong.html).not.toMatch(/current password|wrong/i);
    const weak = await consoleRequest(base, `${cookie}; ${LANG_COOKIE}=en`, consolePaths.password, { currentPassword: created.body.initialPassword, newPassword: 'short', newPasswordAgain: 'short' });
    expect(weak.html).toContain('New password: Use at least 12 characters');
    expect(weak.html).not.toContain('errors.password');
    const changed = await consoleRequest(base, cookie, consolePaths.password, {
      currentPassword: created.body.initialPassword,
      newPassword: 'a-much-longer-passphrase-2026',
      newPasswordAgain: 'a-much-longer-passphrase-2026',
    });
    expect(changed.status, changed.html).toBe(303);
    expect((await consoleRequest(base, cookie, consolePaths.page)).html).toContain('待分流的案件');
  });
});
