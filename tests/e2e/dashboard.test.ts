import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/cases/deadlines.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { courtDay, courtTime } from '../../shared/courtTime.js';
import { helpRequestFiguresPath, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import { helpRequestPath } from '../../shared/terminals/helpRequest.js';
import { seedCourt, smallCourt } from '../support/courtFixture.js';
import { divertDispute, receiveDispute, settleDispute, signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { BUSY_MS, startHub, type RunningHub } from '../support/hubHarness.js';
import { launchChromium, screenshot } from './support/stack.js';

// The command centre's screens in Chromium against a real hub whose cases go through the real
// case store: the wall at 1920×1080 (no scroll, figures pushed within seconds of a new event),
// the managers' working view drilled from the court down to one case (axe: nothing serious),
// and a site's page; on the wall, residents waiting for help (the working view's answer) and why
// a change is "—". Any CSP refusal on the way fails the test.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const siteNames: Record<string, string> = {
  'court-hall': '七里河区法院诉讼服务中心',
  'centre-xiyuan': '西园街道综治中心',
  'centre-pengjiaping': '彭家坪镇综治中心',
  'grid-lianjia': '廉家庄社区网格点',
};

let browser: Browser;
let running: RunningHub;
let context: BrowserContext;
/** The thirty days up to the day the month's mix was entered, and the day after (set in beforeAll, once it is in). */
let period: string;
/** The hub's first court day with a dispute received: the day the mix was entered (set in beforeAll). */
let firstDay: string;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  running = await startHub({ fleet: { offlineAfterMs: 10_000, sweepMs: 200 } });
  const { hub } = running;
  await seedCourt(hub.database);
  for (const [siteId, name] of Object.entries(siteNames)) await hub.database.db.updateTable('sites').set({ name }).where('site_id', '=', siteId).execute();
  await hub.database.db.updateTable('organisations').set({ name: '西园街道人民调解委员会' }).where('organisation_id', '=', 'org-people-xiyuan').execute();
  await hub.database.db.updateTable('staff').set({ display_name: '李调解' }).where('username', '=', 'med-li').execute();
  // a month's mix: most disputes diverted, half of those settled
  const orgs = Object.keys(smallCourt.organisations);
  for (let i = 0; i < 36; i++) {
    const site = smallCourt.sites[i % smallCourt.sites.length]!;
    const id = await receiveDispute(hub, site, i % 5 === 0 ? 'kiosk' : i % 7 === 0 ? 'court' : 'counter', ['neighbour', 'family', 'labour', 'private_loan', 'property_service'][i % 5]);
    if (i % 4 === 3) continue;
    const org = i % 3 === 0 ? 'org-people-xiyuan' : orgs[i % orgs.length]!;
    await divertDispute(hub, id, org, org === 'org-people-xiyuan' ? 'med-li' : undefined);
    if (i % 2 === 0) await settleDispute(hub, id);
  }
  // to the day after the mix is in: a dispute the tests receive later still falls in it if court midnight has passed meanwhile
  const today = courtDay(Date.now());
  period = `from=${addDays(today, -30)}&to=${addDays(today, 1)}`;
  firstDay = (
    await hub.database.db
      .selectFrom('daily_counts')
      .select((eb) => eb.fn.min('court_day').as('first'))
      .where('measure', '=', 'received')
      .executeTakeFirstOrThrow()
  ).first!;
  const viewer = await signedInStaff(hub, 'dashboard_viewer');
  // the browser's zone is UTC, as a hub server's often is: the pages must still show court time
  context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC' });
  await context.addCookies([{ name: 'hub_session', value: viewer.token, url: running.url }]);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  expect(problems).toEqual([]);
});

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(BUSY_MS);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(`${running.url}${path}`);
  return page;
}

/** The "updated" stamp reads the court's clock (UTC+8), within the minute or two the test takes. */
function expectCourtClock(stamp: string | null): void {
  const shown = /(\d\d):(\d\d):(\d\d)/.exec(stamp ?? '');
  expect(shown, String(stamp)).not.toBeNull();
  const [h, m] = courtTime(new Date().toISOString(), 'clock').split(':').map(Number) as [number, number];
  const minutesAgo = (h * 60 + m - (Number(shown![1]) * 60 + Number(shown![2])) + 1440) % 1440;
  expect(minutesAgo, `${stamp} at court time ${h}:${m}`).toBeLessThanOrEqual(3);
}

/** The wall's panels and figures whose content is taller or wider than their box, or that reach past the screen (cut), with what they hold. */
async function cutBoxes(page: Page): Promise<string[]> {
  return page.locator('.wall-panel, .wall-figure, .wall-panel .wall-chart').evaluateAll((boxes) =>
    boxes
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1 || r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1 || r.height < 40;
      })
      .map((b) => `${b.className}: ${b.scrollWidth}×${b.scrollHeight} in ${b.clientWidth}×${b.clientHeight}`),
  );
}

async function seriousAxe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
  });
}

describe('command centre screens', () => {
  it('the wall fills 1920×1080 without scrolling and shows a new dispute within seconds', async () => {
    const page = await open(`/dashboard/wall?${period}`, { width: 1920, height: 1080 });
    const received = page.locator('[data-indicator="received"] .wall-value');
    await expect.poll(() => received.textContent(), { timeout: 30_000 }).toBe('36');
    expect(await page.locator('[data-indicator="diverted"] .wall-value').textContent()).toBe('27');
    // each figure with its unit: counts in 件, rates in %
    expect(await page.locator('[data-indicator="received"] [data-unit]').textContent()).toBe('件');
    expect(await page.locator('[data-indicator="settlement_rate"] [data-unit]').count()).toBe(0);
    // every decision a diversion: 100 %, read with the 9 received disputes still awaiting the decision
    expect(await page.locator('[data-indicator="diversion_rate"] .wall-value').textContent()).toBe('100.00 %');
    expect(await page.locator('[data-indicator="diversion_rate"] [data-read-with="awaiting_decision"]').textContent()).toBe('未计入：今日仍有 9 件收案待分流决定');
    expect(await page.locator('.wall-head h1').textContent()).toContain('兰州市七里河区人民法院');
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    expectCourtClock(await page.locator('.wall-stamp').textContent());
    await screenshot(page, 'dashboard-wall');

    await receiveDispute(running.hub, 'grid-lianjia', 'counter', 'land');
    await expect.poll(() => received.textContent()).toBe('37');
    await expect.poll(() => page.locator('[data-read-with="awaiting_decision"]').textContent()).toBe('未计入：今日仍有 10 件收案待分流决定');

    const en = await open(`/dashboard/wall?${period}&lang=en`, { width: 1920, height: 1080 });
    await expect.poll(() => en.locator('[data-indicator="received"] .wall-name').textContent(), { timeout: 30_000 }).toBe('Disputes received');
    expect(await en.locator('[data-indicator="received"] [data-unit]').textContent()).toBe('cases');
    expect(await en.locator('[data-indicator="diversion_rate"] [data-read-with="awaiting_decision"]').textContent()).toBe('Not in the rate: 10 received, awaiting the decision today');
    expect(await en.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1920, h: 1080 });
    // read from across a room: the court's name and the English title whole, no tile's name broken over two lines
    await expect.poll(() => en.locator('.wall-head h1').textContent(), { timeout: 30_000 }).toContain('兰州市七里河区人民法院');
    expect(await en.locator('.wall-head h1').evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
    await en.locator('.wall-fleet-total').first().waitFor({ timeout: 30_000 });
    const wrapped = await en.locator('.wall-fleet-total span:last-child').evaluateAll((names) =>
      names
        .filter((n) => {
          const text = document.createRange(); // one rect per line the words take
          text.selectNodeContents(n);
          return text.getClientRects().length > 1;
        })
        .map((n) => n.textContent),
    );
    expect(wrapped).toEqual([]);
    await screenshot(en, 'dashboard-wall-en');

    // on a smaller screen (a centre's 1366×768) the wall still fits, and no panel or figure is cut
    for (const lang of ['zh', 'en'] as const) {
      const small = await open(`/dashboard/wall?${period}${lang === 'en' ? '&lang=en' : ''}`, { width: 1366, height: 768 });
      await expect.poll(() => small.locator('[data-indicator="received"] .wall-value').textContent(), { timeout: 30_000 }).toBe('37');
      await small.locator('.wall-fleet-total').first().waitFor({ timeout: 30_000 });
      expect(await small.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1366, h: 768 });
      expect(await cutBoxes(small)).toEqual([]);
      // the line beside a figure ("not in the rate: …") is read from across the room too: as the figure's name
      const beside = small.locator('[data-indicator="diversion_rate"] [data-read-with]');
      const px = (l: typeof beside) => l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(await px(beside)).toBeGreaterThanOrEqual(15);
      expect(await px(beside)).toBe(await px(small.locator('[data-indicator="diversion_rate"] .wall-name')));
      await screenshot(small, `dashboard-wall-1366-${lang}`);
      await small.close(); // its open stream would hold one of the browser's six connections to the hub
    }

    // today's undecided disputes are not said beside a past year's rate (shared/dashboard/indicators.ts readWithWords)
    const year = Number(courtDay(Date.now()).slice(0, 4)) - 1;
    const past = await open(`/dashboard/wall?from=${year}-01-01&to=${year}-12-31`, { width: 1920, height: 1080 });
    const pastRate = past.locator('[data-indicator="diversion_rate"]');
    await pastRate.locator('.wall-value').waitFor({ timeout: 30_000 }); // the figure and its words are drawn together
    expect(await pastRate.locator('[data-read-with]').count()).toBe(0);
    // a year before the hub's first record is not a year of 0: nothing drawn, and said so
    expect(await past.locator('.wall-trend [data-partial-note]').textContent()).toBe(`1月—12月：早于本系统记录起始日（${firstDay}），没有数据，图中不画出`);
    // …and its headlines are not "0 件" as if counted: "—" and why, today's open cases still counted
    const pastReceived = past.locator('[data-indicator="received"]');
    expect(await pastReceived.locator('.wall-value').textContent()).toBe('—');
    expect(await pastReceived.locator('[data-unit]').count()).toBe(0);
    expect(await pastReceived.locator('[data-not-begun]').textContent()).toBe('早于记录起始日，无数据');
    expect(await past.locator('.wall-figure [data-not-begun]').count()).toBe(7);
    expect(await past.locator('[data-indicator="overdue_mediations"] [data-not-begun]').count()).toBe(0);
    // no site named "0" on the map: the heading says why instead
    expect(await past.locator('[data-map-named]').getAttribute('data-named')).toBe('0');
    expect(await past.locator('[data-map-named]').textContent()).toBe('早于记录起始日，无数据');
    expect(await past.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1920, h: 1080 });
    expect(await cutBoxes(past)).toEqual([]);
    await screenshot(past, 'dashboard-wall-before-records');
    await past.close();
  });

  it('the wall started small and then made full screen lays its map out again for the new size, without new figures', async () => {
    // a screen too low for the four sites' names beside the map: fewer are named
    const page = await open(`/dashboard/wall?${period}`, { width: 1366, height: 300 });
    const named = page.locator('[data-map-named]');
    await expect.poll(() => named.getAttribute('data-named'), { timeout: 30_000 }).not.toBeNull();
    const smallNamed = Number(await named.getAttribute('data-named'));
    expect(smallNamed).toBeLessThan(smallCourt.sites.length);
    const loadedNow = () => page.evaluate(() => document.querySelector('[data-loaded]')?.getAttribute('data-loaded'));
    const loaded = await loadedNow();
    await page.setViewportSize({ width: 1920, height: 1080 });
    // every site named now, from the answers already there (no new read: the figures did not move)
    await expect.poll(() => named.getAttribute('data-named'), { timeout: 30_000 }).toBe(String(smallCourt.sites.length));
    expect(await named.textContent()).toBe('');
    expect(await loadedNow()).toBe(loaded);
    await page.close();
  });

  it('the working view drills from the court to a site, an organisation, a mediator and one case', async () => {
    const page = await open(`/dashboard?${period}`, { width: 1440, height: 900 });
    await page.locator('#root[data-loaded="true"]').waitFor();
    expect(await seriousAxe(page)).toEqual([]);
    expectCourtClock(await page.locator('main .status').textContent());
    // the working view's tile says it too, and its own tile lists the undecided disputes (37 received, 27 diverted)
    expect(await page.locator('[data-indicator="diversion_rate"] [data-read-with="awaiting_decision"]').textContent()).toBe('未计入：今日仍有 10 件收案待分流决定');
    expect(await page.locator('[data-indicator="awaiting_decision"] .tile-value').textContent()).toBe('10');
    // every counted figure says its unit (件, 分钟), the table's columns too
    expect(await page.locator('[data-indicator="received"] [data-unit]').textContent()).toBe('件');
    expect(await page.locator('[data-indicator="video_minutes"] [data-unit]').textContent()).toBe('分钟');
    expect(await page.locator('[data-indicator="diversion_rate"] [data-unit]').count()).toBe(0);
    expect(await page.locator('.breakdown thead').textContent()).toContain('收案数（件）');
    // the trend's weeks before the hub's first record (the mix came in today) are not drawn, and said
    // so; the week under way, which holds a day of records, says its days
    await expect
      .poll(() => page.locator('[data-partial-note]').textContent(), { timeout: 30_000 })
      .toMatch(
        new RegExp(
          `^\\d{2}-\\d{2} 起的一周—\\d{2}-\\d{2} 起的一周：早于本系统记录起始日（${firstDay}），没有数据，图中不画出；\\* \\d{2}-\\d{2} 起的一周：(统计期间|本系统记录自 ${firstDay} 起，)只含其中 1/7 天`,
        ),
      );
    await screenshot(page, 'dashboard-working');

    await page.getByRole('button', { name: '西园街道综治中心' }).click();
    await page.getByRole('button', { name: '西园街道人民调解委员会' }).click();
    await page.getByRole('button', { name: '李调解' }).click();
    await page.locator('[data-case]').first().waitFor();
    const listed = await page.locator('[data-case]').count();
    const tile = await page.locator('[data-indicator="diverted"] .tile-value').textContent();
    // the mediator's own figures: every case of theirs is past the decision, so the rate is read alone
    expect(await page.locator('[data-indicator="diversion_rate"] [data-read-with]').count()).toBe(0);
    expect(String(listed)).toBe(tile);
    await page.locator('[data-case]').first().click();
    await expect.poll(() => page.locator('.case h2').textContent(), { timeout: 30_000 }).toMatch(/民诉前调/);
    expect(await seriousAxe(page)).toEqual([]);
    await screenshot(page, 'dashboard-working-case');

    // an indicator's tile lists exactly the cases behind its number
    await page.getByRole('button', { name: '西园街道综治中心' }).click();
    await page.locator('[data-indicator="settled"]').click();
    await expect.poll(() => page.locator('#drill-title').textContent(), { timeout: 30_000 }).toContain('调解成功数');
    const settled = await page.locator('[data-indicator="settled"] .tile-value').textContent();
    expect(await page.locator('[data-case]').count()).toBe(Number(settled));
    // the list was below the fold: it is brought into view and its heading has the focus
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 }).toBe('drill-title');
    const heading = await page.locator('#drill-title').boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(0);
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(900);
    await screenshot(page, 'dashboard-working-drill');
    // a viewer has no case pages: the numbers open the summary here, they are no links
    expect(await page.locator('a[data-case]').count()).toBe(0);
  });

  it('a role that may open cases gets the drill list’s case numbers as links to their case pages', async () => {
    const judge = await signedInStaff(running.hub, 'judge');
    const judgeContext = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC' });
    await judgeContext.addCookies([{ name: 'hub_session', value: judge.token, url: running.url }]);
    try {
      const page = await judgeContext.newPage();
      page.on('pageerror', (e) => problems.push(`judge drill: ${e.message}`));
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${running.url}/dashboard?${period}&indicator=settled`);
      const first = page.locator('a[data-case]').first();
      await first.waitFor({ timeout: 30_000 });
      const caseId = await first.getAttribute('data-case');
      expect(await first.getAttribute('href')).toBe(`/console/cases/${caseId}`);
      expect(await first.textContent()).toMatch(/民诉前调/);
      await first.click();
      await page.waitForURL(`**/console/cases/${caseId}`, { timeout: 30_000 });
    } finally {
      await judgeContext.close();
    }
  });

  it('a site’s staff asking for another site’s page are told they may see their own site only, not asked to sign in again', async () => {
    const counter = await signedInStaff(running.hub, 'counter_staff', 'centre-xiyuan');
    for (const [locale, lang, said, link] of [
      ['zh-CN', '', '您只能查看本站点的数据。其他站点的数据请联系法院的同事查看。', '返回工作台'],
      ['en', '&lang=en', 'You may see only your own site’s figures. For another site’s figures, ask a colleague at the court.', 'Back to the console'],
    ] as const) {
      const counterContext = await browser.newContext({ locale, timezoneId: 'UTC' });
      await counterContext.addCookies([{ name: 'hub_session', value: counter.token, url: running.url }]);
      try {
        const page = await counterContext.newPage(); // its 403s are what is tested: not added to the page problems
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto(`${running.url}/dashboard/site/court-hall?${period}${lang}`);
        const stopped = page.locator('main[data-stopped="scope"]');
        await stopped.waitFor();
        expect(await stopped.locator('p').textContent()).toBe(said);
        expect(await stopped.locator('a').textContent()).toBe(link);
        await screenshot(page, `dashboard-not-allowed-${locale}`);
      } finally {
        await counterContext.close();
      }
    }
  });

  it('a password still to change stops the wall with the way to change it, not “your role may not”', async () => {
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    await running.hub.database.db.updateTable('staff').set({ must_change_password: 1 }).where('username', '=', viewer.username).execute();
    for (const [locale, lang, said, link] of [
      ['zh-CN', '', '您的密码须先修改。请先修改密码，然后再查看。', '修改密码'],
      ['en', '&lang=en', 'Your password must be changed first. Change your password first, then look again.', 'Change your password'],
    ] as const) {
      const context = await browser.newContext({ locale, timezoneId: 'UTC' });
      await context.addCookies([{ name: 'hub_session', value: viewer.token, url: running.url }]);
      try {
        const page = await context.newPage(); // its 403s are what is tested
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto(`${running.url}/dashboard/wall?${period}${lang}`);
        const stopped = page.locator('main[data-stopped="password"]');
        await stopped.waitFor();
        expect(await stopped.locator('p').textContent()).toBe(said);
        expect(await stopped.locator('a').textContent()).toBe(link);
        expect(await stopped.locator('a').getAttribute('href')).toBe('/console/password');
        await screenshot(page, `dashboard-password-change-${locale}`);
      } finally {
        await context.close();
      }
    }
  });

  it('a site has its own page', async () => {
    const page = await open(`/dashboard/site/centre-xiyuan?${period}`, { width: 1440, height: 900 });
    await page.locator('#root[data-loaded="true"]').waitFor();
    expect(await page.locator('.crumbs').textContent()).toContain('西园街道综治中心');
    await screenshot(page, 'dashboard-site');
  });

  it('a kiosk that falls silent turns its tile red on the device view', async () => {
    const credential = await enrolledTerminal(running, 'kiosk-lianjia-1', 'grid-lianjia', '廉家庄自助终端');
    await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端');
    const page = await open('/dashboard/fleet', { width: 1440, height: 900 });
    await page.locator('#root[data-loaded="true"]').waitFor();
    await sendHeartbeat(running, credential, healthyHeartbeat());
    const tile = page.locator('[data-terminal="kiosk-lianjia-1"]');
    await expect.poll(() => tile.getAttribute('data-health'), { timeout: 30_000 }).toBe('online');
    await screenshot(page, 'dashboard-fleet-online');
    // no further heartbeat: the hub's sweep finds it silent and pushes the page
    await expect.poll(() => tile.getAttribute('data-health'), { timeout: 40_000 }).toBe('offline');
    expect(await tile.evaluate((e) => getComputedStyle(e).borderColor)).toBe('rgb(163, 22, 26)');
    expect(await tile.textContent()).toContain('离线');
    await screenshot(page, 'dashboard-fleet-offline');
  });

  it('the wall shows the trend and the terminals; a kiosk that falls silent turns its site red there', async () => {
    const credential = await enrolledTerminal(running, 'kiosk-pengjiaping-1', 'centre-pengjiaping', '彭家坪自助终端');
    await sendHeartbeat(running, credential, healthyHeartbeat());
    // each open page holds a server-sent stream: Chromium's six connections per host would queue the wall's reads
    for (const p of context.pages()) await p.close();
    const page = await open(`/dashboard/wall?${period}`, { width: 1920, height: 1080 });
    await page.locator('#root[data-loaded]').waitFor({ state: 'attached' });
    expect(await page.locator('.wall-trend h2').textContent()).toMatch(/受理趋势.*环比/);
    expect(await page.locator('.wall-trend canvas').count()).toBe(1);
    // thirty days by week: a week the period holds only part of is starred and its days said, never read as a fall
    const part = page.locator('.wall-trend [data-partial-note]');
    expect(await part.textContent()).toMatch(
      new RegExp(
        `^\\d{2}-\\d{2} 起的一周—\\d{2}-\\d{2} 起的一周：早于本系统记录起始日（${firstDay}），没有数据，图中不画出；\\* \\d{2}-\\d{2} 起的一周：(统计期间|本系统记录自 ${firstDay} 起，)只含其中 1/7 天，数字偏小不代表下降`,
      ),
    );
    const [noteBox, chartBox] = [await part.boundingBox(), await page.locator('.wall-trend canvas').boundingBox()];
    expect(noteBox!.y + noteBox!.height, 'the note above the chart, not over it').toBeLessThanOrEqual(chartBox!.y + 1);
    expect(chartBox!.height, 'room left for the chart').toBeGreaterThanOrEqual(190);
    const site = page.locator('[data-site="centre-pengjiaping"]');
    // no further heartbeat: the hub's sweep raises "offline" and pushes the wall
    await expect.poll(() => site.getAttribute('data-health'), { timeout: 40_000 }).toBe('offline');
    expect(await site.evaluate((e) => getComputedStyle(e).borderColor)).toBe('rgb(163, 22, 26)');
    expect(await site.textContent()).toContain('彭家坪镇综治中心');
    expect(Number(await page.locator('[data-total="offline"] .wall-fleet-count').textContent())).toBeGreaterThanOrEqual(1);
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    await screenshot(page, 'dashboard-wall-terminals');
    const en = await open(`/dashboard/wall?${period}&lang=en`, { width: 1920, height: 1080 });
    await en.locator('[data-site="centre-pengjiaping"][data-health="offline"]').waitFor({ timeout: 40_000 });
    // the English notes are longer: the chart below them still gets the height its labels need
    const [enNote, enChart] = [await en.locator('.wall-trend [data-partial-note]').boundingBox(), await en.locator('.wall-trend canvas').boundingBox()];
    expect(enNote!.y + enNote!.height, 'the note above the chart, not over it').toBeLessThanOrEqual(enChart!.y + 1);
    expect(enChart!.height, 'room left for the chart in English').toBeGreaterThanOrEqual(190);
    expect(await en.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1920, h: 1080 });
    await screenshot(en, 'dashboard-wall-terminals-en');
  });

  it('the wall shows residents waiting for help per site, from the working view’s answer, and says why a change is “—”', async () => {
    const hall = await enrolledTerminal(running, 'kiosk-hall-help', 'court-hall', '大厅自助终端');
    const xiyuan = await enrolledTerminal(running, 'kiosk-xiyuan-help', 'centre-xiyuan', '西园求助终端');
    const ask = async (credential: string, requestId: string, minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      const res = await fetch(`${running.url}${helpRequestPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({ requestId, reason: 'general', screen: 'home', at }),
      });
      expect(res.status).toBe(204);
    };
    await ask(xiyuan, 'help-wall-xiyuan-1', 14);
    await ask(xiyuan, 'help-wall-xiyuan-2', 2);
    await ask(hall, 'help-wall-hall-001', 6);
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const answer = (await (await fetch(`${running.url}${helpRequestFiguresPath}`, { headers: { cookie: viewer.cookie } })).json()) as HelpRequestFigures;

    for (const p of context.pages()) await p.close();
    const page = await open(`/dashboard/wall?${period}`, { width: 1920, height: 1080 });
    const court = page.locator('[data-help-count="court"] .wall-help-count');
    await expect.poll(() => court.textContent(), { timeout: BUSY_MS }).toBe(String(answer.requests.length));
    // each site's row is the answer's count, the longest waiting first
    expect(await page.locator('[data-help-site]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-help-site'), r.querySelector('[data-help-open]')?.textContent]))).toEqual(
      answer.sites.map((s) => [s.siteId, String(s.open)]),
    );
    expect(await page.locator('[data-help-site="centre-xiyuan"]').textContent()).toMatch(/西园街道综治中心2已等 1[45] 分钟/);
    expect(await page.locator('[data-help-count="court"]').textContent()).toMatch(/最久已等 1[45] 分钟/);
    // the trend's "—" has its reason on the wall itself, not only in a tooltip
    await expect.poll(() => page.locator('.wall-trend h2').textContent(), { timeout: BUSY_MS }).toMatch(/环比 —¹ · 同比 —¹/);
    expect(await page.locator('.wall-trend .wall-note').textContent()).toMatch(/^¹ 环比、同比：对比期早于本系统记录起始日（\d{4}-\d\d-\d\d），数据不完整/);
    expect(await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1920, h: 1080 });
    await screenshot(page, 'dashboard-wall-help');

    // handled in the console: the wall is pushed and counts one fewer
    const clerk = await signedInStaff(running.hub, 'filing_clerk');
    const handled = await fetch(`${running.url}${courtPath('handleTerminalHelpRequest', { terminalId: 'kiosk-hall-help', requestId: 'help-wall-hall-001' })}`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, origin: running.url },
    });
    expect(handled.status).toBe(200);
    await expect.poll(() => court.textContent(), { timeout: BUSY_MS }).toBe(String(answer.requests.length - 1));
    expect(await page.locator('[data-help-site="court-hall"]').count()).toBe(0);

    await page.close();
    const en = await open(`/dashboard/wall?${period}&lang=en`, { width: 1920, height: 1080 });
    await expect.poll(() => en.locator('[data-help-count="court"]').textContent(), { timeout: BUSY_MS }).toMatch(/waiting, whole court/);
    expect(await en.locator('.wall-trend .wall-note').textContent()).toMatch(/^¹ vs prior period, vs last year: The comparison period starts before the records do/);
    expect(await en.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))).toEqual({ w: 1920, h: 1080 });
    await screenshot(en, 'dashboard-wall-help-en');
  });
});
