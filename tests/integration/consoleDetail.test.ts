import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/intake.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { addPhoto, jpeg, startKiosk } from '../support/attachmentFixtures.js';
import { listedCases } from '../support/consoleCases.js';
import { APPLICANT_MOBILE, fullApplication, fullSubmission } from '../support/applicationFixtures.js';
import { ADMIN_PASSWORD, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { sampleSubmission } from '../support/fixtures.js';

// The court's view of one filed application: the whole 调解申请书 as the kiosk sent it, with the
// evidence photos, escaped, for signed-in staff in the case's scope only, masked until opened and
// the opening audited (as on the case page).

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function staffCookie(h: RunningHub, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${h.url}/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function setUp() {
  const h = await startHub();
  cleanup.push(() => h.close());
  const kiosk = await startKiosk({ hubUrl: h.url });
  cleanup.push(() => kiosk.close());
  return { h, kiosk };
}

describe('console: one application as filed', () => {
  it('shows the whole application with its evidence photos and signature, escaping what residents typed', async () => {
    const { h, kiosk } = await setUp();
    const submissionId = randomUUID();
    const photo = await addPhoto(kiosk, submissionId, jpeg(2048));
    const application = fullApplication((d) => {
      d.facts = '借款5万元未还。<script>alert("x")</script>';
      d.claims = ['归还借款50000元', '<b>承担诉讼费</b>'];
      d.evidence = [{ name: '借条', proves: '借款事实', photos: [photo] }];
      d.process = { mode: 'scheduled', timePreferences: ['weekday_morning', 'weekend'], interpreter: false, accessibility: ['hearing'] };
    });
    const submitted = await kiosk.dispatch('intake.submit', { ...fullSubmission(application), submissionId, attachments: [{ sha256: photo, label: '借条' }] });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const receipt = submitted as { ok: true; value: Receipt };
    const row = await waitFor(async () => (await h.intakes()).find((r) => r.submission_id === submissionId), 'delivery');

    const cookie = await staffCookie(h);
    // the clerk finds it by its receipt number, and its case page leads to the filing as received
    const clerk = await staffCookie(h, 'clerk', h.hub.initialPasswords.get('clerk'));
    const found = await (await fetch(`${h.url}/console/search?q=${encodeURIComponent(receipt.value.provisionalNumber)}`, { headers: { cookie: clerk } })).text();
    const [caseId] = listedCases(found);
    const casePage = await (await fetch(`${h.url}/console/cases/${caseId}`, { headers: { cookie: clerk } })).text();
    expect(casePage).toContain(`href="/console/intakes/${submissionId}"`);

    // masked as on the case page: no full name, ID number or phone, no facts or signature, until opened
    const masked = await fetch(`${h.url}/console/intakes/${submissionId}`, { headers: { cookie: clerk } });
    expect(masked.status).toBe(200);
    const maskedHtml = await masked.text();
    for (const secret of [PERSON_ID, APPLICANT_MOBILE, '王建国', '李四', '借款5万元未还', 'data:image/png']) expect(maskedHtml).not.toContain(secret);
    expect(maskedHtml).toContain('王**');
    expect(maskedHtml).toContain('民间借贷');
    expect(maskedHtml).toContain(`action="/console/intakes/${submissionId}"`);
    expect(maskedHtml).toContain(`href="/console/cases/${caseId}"`);
    const opened = () => h.hub.database.db.selectFrom('audit_log').selectAll().where('case_id', '=', caseId!).where('action', '=', 'case.parties_opened').execute();
    expect(await opened()).toHaveLength(0);
    // a court admin works on accounts, not cases; a mediator of an organisation the case was not diverted to does not see it
    expect((await fetch(`${h.url}/console/intakes/${submissionId}`, { headers: { cookie } })).status).toBe(403);
    const mediator = await staffCookie(h, 'mediator.people', h.hub.initialPasswords.get('mediator.people'));
    expect((await fetch(`${h.url}/console/intakes/${submissionId}?reveal=parties`, { headers: { cookie: mediator } })).status).toBe(404);
    expect(await opened()).toHaveLength(0);

    const res = await fetch(`${h.url}/console/intakes/${submissionId}?reveal=parties`, { headers: { cookie: clerk } });
    expect(res.status).toBe(200);
    expect(await opened()).toMatchObject([{ actor_id: 'clerk', actor_role: 'filing_clerk', outcome: 'ok' }]);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('调解申请书');
    expect(row.case_number).toBeNull(); // not numbered by the court yet: the provisional number is its reference
    expect(html).toContain('尚未立号');
    expect(html).toContain(receipt.value.provisionalNumber);
    // Staff see the identifiers in full: they have to call and identify the parties.
    expect(html).toContain(PERSON_ID);
    expect(html).toContain(APPLICANT_MOBILE);
    expect(html).toContain('王建国');
    expect(html).toContain('李四');
    expect(html).toContain('民间借贷');
    expect(html).toContain('借款日期');
    expect(html).toContain('2024-03-01');
    expect(html).toContain('约定了日期');
    expect(html).toContain('工作日上午');
    expect(html).toContain('听力帮助');
    expect(html).toContain('汉族');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;承担诉讼费&lt;/b&gt;');
    expect(html).toMatch(/<img class="signature" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    const photoPath = `/console/attachments/${submissionId}/${photo}`;
    expect(html).toContain(`<img src="${photoPath}"`);
    const image = await fetch(h.url + photoPath, { headers: { cookie: clerk } });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect((await image.arrayBuffer()).byteLength).toBe(2048);
    const anonymous = await fetch(h.url + photoPath, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });

  it('escapes what the resident wrote; refuses strangers and unknown ids', async () => {
    const { h, kiosk } = await setUp();
    const filed = sampleSubmission({ facts: '楼道<img src=x onerror=alert(1)>' });
    await kiosk.dispatch('intake.submit', filed);
    await waitFor(async () => (await h.intakes()).find((r) => r.submission_id === filed.submissionId), 'delivery');
    const cookie = await staffCookie(h, 'clerk', h.hub.initialPasswords.get('clerk'));
    const html = await (await fetch(`${h.url}/console/intakes/${filed.submissionId}?reveal=parties`, { headers: { cookie } })).text();
    expect(html).toContain('张秀兰');
    expect(html).toContain('楼道&lt;img src=x');
    expect(html).not.toContain('<img src=x');

    const stranger = await fetch(`${h.url}/console/intakes/${filed.submissionId}`, { redirect: 'manual' });
    expect(stranger.status).toBe(303);
    // to the sign-in form, which comes back to this page
    expect(stranger.headers.get('location')).toBe(`/console?next=${encodeURIComponent(`/console/intakes/${filed.submissionId}`)}`);
    expect((await fetch(`${h.url}/console/intakes/${randomUUID()}`, { headers: { cookie } })).status).toBe(404);
    const odd = await fetch(`${h.url}/console/intakes/${encodeURIComponent('<x>')}`, { headers: { cookie } });
    expect(odd.status).toBe(404);
    expect(await odd.text()).not.toContain('<x>');
    expect((await fetch(`${h.url}/console/application.css`)).headers.get('content-type')).toMatch(/text\/css/);
  });
});
