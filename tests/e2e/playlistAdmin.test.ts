import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUSY_MS, ADMIN_PASSWORD, startHub } from '../support/hubHarness.js';
import { FIXTURES } from '../support/playlistFixtures.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// Court staff manage the legal-education playlist in a real browser: sign in, find it in the
// console's menu, see the default content, upload a clip with a night-time schedule, get a clear
// refusal for a bad file, open the proof-of-play report, and read it all in English through the
// console's switch. The pages run no script at all.

const suite = e2eSuite({ start: () => startHub() });

describe('playlist admin', () => {
  it('lists, uploads, refuses and reports through the staff pages', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(BUSY_MS);
    const scripts: string[] = [];
    page.on('console', (m) => {
      if (!m.text().startsWith('Failed to load resource')) scripts.push(m.text()); // statuses are checked below
    });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await page.goto(`${suite.stack.url}/console/playlist`);
    await page.fill('#username', 'admin');
    await page.fill('#password', ADMIN_PASSWORD);
    await page.locator('form[action="/console/login"] button').click();
    // the IT clerk finds it in the console's menu, and the console's menu stays there as the way back
    await page.goto(`${suite.stack.url}/console`);
    await page.locator('header nav a[href="/console/playlist"]').click();
    await page.waitForURL((url) => url.pathname === '/console/playlist');
    await page.getByText('司法确认').first().waitFor();
    expect(await page.locator('header nav a[href="/console/playlist"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('header nav a[href="/console/admin"]').count()).toBe(1);
    expect(await page.locator('header h1').innerText()).toBe('法院工作台');
    await screenshot(page, 'hub-playlist');

    const upload = page.locator('form[enctype="multipart/form-data"]');
    await upload.locator('input[name="title"]').fill('夜间普法');
    await upload.locator('input[name="titleEn"]').fill('Night-time legal education');
    await upload.locator('input[name="windowStart"]').fill('22:00');
    await upload.locator('input[name="windowEnd"]').fill('02:00');
    await upload.locator('input[name="file"]').setInputFiles(join(FIXTURES, 'clip-b.webm'));
    await upload.locator('button[type="submit"]').click();
    await page.getByText('已上传').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('tbody').innerText()).toContain('22:00–02:00');

    await upload.locator('input[name="title"]').fill('坏文件');
    await upload.locator('input[name="file"]').setInputFiles({ name: 'notes.mp4', mimeType: 'video/mp4', buffer: Buffer.from('this is not a video') });
    await upload.locator('button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('只接受 MP4、WebM 视频和 PNG、JPG 图片');
    await screenshot(page, 'hub-playlist-refused');

    await page.goto(`${suite.stack.url}/console/playlist/plays`);
    await page.getByText('此期间没有播放记录').waitFor();
    await screenshot(page, 'hub-playlist-plays');

    // the console's language switch speaks for these pages too: English only, nothing side by side
    await page.goto(`${suite.stack.url}/console/playlist`);
    await page.locator('header form[action="/console/language"] button').click();
    await page.getByRole('heading', { name: 'Upload new content' }).waitFor();
    const english = await page.locator('main').innerText();
    expect(english).toContain('Loop settings');
    expect(english).not.toMatch(/上传新内容|播放设置|标题|顺序/);
    expect(await page.locator('header nav a[href="/console/playlist"]').innerText()).toBe('Playlist');
    await screenshot(page, 'hub-playlist-en');
    await page.locator('header nav a[href="/console/admin"]').click();
    await page.waitForURL((url) => url.pathname === '/console/admin');
    // the accounts there name each one's organisation by its name, as the create form does
    expect(await page.locator('tr[data-account="mediator.people"] td').nth(3).innerText()).toBe('七里河区人民调解委员会');
    await screenshot(page, 'hub-console-accounts-en');
    expect(scripts).toEqual([]); // no CSP reports, no errors
    expect(missing.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]); // every preview and stylesheet loads
  });

  it("is the court admin's alone: a mediator signed in is told so in both languages, with the way back", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(BUSY_MS);
      await page.goto(`${suite.stack.url}/console/playlist`);
      await page.fill('#username', 'mediator.people');
      await page.fill('#password', suite.stack.hub.initialPasswords.get('mediator.people')!);
      await page.locator('form[action="/console/login"] button').click();
      const refused = await page.goto(`${suite.stack.url}/console/playlist`);
      expect(refused?.status()).toBe(403);
      await page.getByText('您的角色不能办理这一事项').waitFor();
      expect(await page.locator('h1').innerText()).toContain('Your role may not do this');
      expect(await page.locator('a[href="/console"]').count()).toBe(1);
      await screenshot(page, 'hub-playlist-role-refused');
    } finally {
      await context.close();
    }
  });
});
