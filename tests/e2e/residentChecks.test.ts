import { describe, expect, it } from 'vitest';
import { textLimits } from '../../shared/application.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { readFileSync } from 'node:fs';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';
import { completeApplication, PERSON_ID } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, fillField, next, tap, typeOnKeyboard } from './support/wizard.js';

// Checks a court clerk would make on a filing (issue 15, item 4), through the real screens: an
// old 15-digit ID number is explained (use the 18-digit number), and a respondent who is the
// applicant again is questioned, by ID number or by name and phone. And limits (item 3): each
// is shown before it bites and refuses with words, never by dropping keys silently.

const suite = kioskSuite();
const stepNow = (page: import('playwright-core').Page) => page.locator('[data-step]').getAttribute('data-step');

describe("a clerk's checks", () => {
  it('tells a resident with a first-generation 15-digit ID number to use the 18-digit one', async () => {
    const app = completeApplication();
    app.applicant = { kind: 'person', name: '王建国' };
    await seedDraft(suite.stack, { step: 'applicantIdentity', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');
    await fillField(page, 'applicant.idNumber', '620102580312031');
    await tap(page, 'next');
    const error = page.getByTestId('error-applicant.idNumber');
    await error.waitFor();
    expect(await error.textContent()).toContain('老式15位');
    expect(await error.textContent()).toContain('18位');
    expect(await stepNow(page)).toBe('applicantIdentity');
    await settled(page);
    await screenshot(page, 'zh-CN-error-id-first-generation');
    await tap(page, 'lang-en');
    await error.filter({ hasText: '18-digit number on your current ID card' }).waitFor();
  });

  it("questions a respondent with the applicant's own ID number, or own name and phone", async () => {
    const app = completeApplication();
    app.respondents = [{ kind: 'person', name: '李四', idNumber: PERSON_ID, address: '兰州市城关区庆阳路2号' }];
    await seedDraft(suite.stack, { step: 'respondents', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'respondents');
    await tap(page, 'next');
    const idError = page.getByTestId('error-respondents.0.idNumber');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('对方的身份证号码和您的一样');
    expect(await stepNow(page)).toBe('respondents');
    await settled(page);
    await screenshot(page, 'zh-CN-error-respondent-same-id');

    // The resident meant their neighbour: no ID, but their own name and mobile by mistake.
    await fillField(page, 'respondents.0.idNumber', '', { clear: true });
    await fillField(page, 'respondents.0.name', '', { clear: true });
    await fillField(page, 'respondents.0.name', [
      { pinyin: 'wang', pick: '王' },
      { pinyin: 'jian', pick: '建' },
      { pinyin: 'guo', pick: '国' },
    ]);
    await fillField(page, 'respondents.0.mobile', '13812345678');
    await tap(page, 'next');
    const nameError = page.getByTestId('error-respondents.0.name');
    await nameError.waitFor();
    expect(await nameError.textContent()).toContain('姓名和电话和您的一样');
    await fillField(page, 'respondents.0.mobile', '13987654321', { clear: true });
    await next(page, 'disputeType');
  });
});

describe('limits a resident can see before they bite', () => {
  it('refuses the 11th whole-yuan digit of an amount with a message, and never stores a smaller number', async () => {
    const app = completeApplication();
    app.typeAnswers = { ...app.typeAnswers, amount: '' };
    await seedDraft(suite.stack, { step: 'typeQuestions', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'typeQuestions');
    await page.getByTestId('field-typeAnswers.amount').tap();
    await typeOnKeyboard(page, '99999999999');
    const limit = page.getByTestId('keyboard-limit');
    await limit.waitFor();
    expect(await limit.textContent()).toContain('金额最多 10 位整数');
    expect(await page.getByTestId('keyboard-value').textContent()).toBe('9999999999');
    await settled(page);
    await screenshot(page, 'zh-CN-limit-amount');
    await tap(page, 'key-done');
    expect(await page.getByTestId('field-typeAnswers.amount').inputValue()).toBe('9999999999');
  });

  it('shows how long the facts may be, and says so when the account is full', async () => {
    const app = completeApplication();
    app.facts = '借'.repeat(textLimits.facts - 2);
    await seedDraft(suite.stack, { step: 'facts', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'facts');
    expect(await page.getByTestId('count-facts').textContent()).toBe(`已写 ${textLimits.facts - 2} 字，最多 ${textLimits.facts} 字`);
    await page.getByTestId('field-facts').tap();
    await page.getByTestId('keyboard').waitFor();
    await typeOnKeyboard(page, 'ab');
    expect(await page.getByTestId('keyboard-limit').count()).toBe(0);
    await typeOnKeyboard(page, 'c');
    await page
      .getByTestId('keyboard-limit')
      .filter({ hasText: `已经写满 ${textLimits.facts} 个字了` })
      .waitFor();
    expect(await page.getByTestId('keyboard-count').getAttribute('data-count')).toBe(String(textLimits.facts));
    await settled(page);
    await screenshot(page, 'zh-CN-limit-facts');
    await tap(page, 'key-done');
    await page
      .getByTestId('count-facts')
      .filter({ hasText: `已写 ${textLimits.facts} 字` })
      .waitFor();
  });
});

describe('every name on an ID card can be typed', () => {
  it('takes a name with the middle dot by touch, and a rare character through staff, and both reach the court intact', async () => {
    const app = completeApplication();
    app.applicant = { ...app.applicant, name: '' };
    await seedDraft(suite.stack, { step: 'applicantIdentity', reviewing: true, application: app });
    const { page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), undefined, 'applicantIdentity');
    // 买买提·艾力: pinyin, the middle-dot key, pinyin again.
    await fillField(page, 'applicant.name', [
      { pinyin: 'mai', pick: '买' },
      { pinyin: 'mai', pick: '买' },
      { pinyin: 'ti', pick: '提' },
    ]);
    await page.getByTestId('field-applicant.name').tap();
    await tap(page, 'key-middle-dot');
    await typeOnKeyboard(page, [
      { pinyin: 'ai', pick: '艾' },
      { pinyin: 'li', pick: '力' },
    ]);
    expect(await page.getByTestId('keyboard-value').textContent()).toBe('买买提·艾力');
    await settled(page);
    await screenshot(page, 'zh-CN-name-middle-dot');
    await tap(page, 'key-done');
    await next(page, 'review');

    // The respondent's name has a character no candidate offers: the keyboard leads to staff,
    // who type it with a hardware keyboard straight into the answer.
    await tap(page, 'review-respondents.0.name');
    await page.getByTestId('keyboard').waitFor();
    for (let i = 0; i < 2; i++) await tap(page, 'key-backspace');
    await tap(page, 'key-rare-character');
    await page.getByTestId('staff-help-rare').waitFor();
    await settled(page);
    await screenshot(page, 'zh-CN-name-rare-character-staff');
    await tap(page, 'staff-help-close');
    await page.getByTestId('field-respondents.0.name').focus();
    await page.keyboard.insertText('吴𠮷䶮');
    expect(await page.getByTestId('field-respondents.0.name').inputValue()).toBe('吴𠮷䶮');
    await tap(page, 'key-done');
    await next(page, 'review');
    expect(await page.getByTestId('review-respondents.0.name').textContent()).toContain('吴𠮷䶮');
    await next(page, 'signature');
    await drawSignature(page);
    await tap(page, 'next');
    await page.getByTestId('receipt').waitFor();

    const row = await waitFor(async () => (await suite.stack.hub.intakes()).find((r) => JSON.parse(r.application_json).applicant.name === '买买提·艾力'), 'hub record');
    const filed = JSON.parse(row.application_json);
    expect(filed.applicant.name).toBe('买买提\u00b7艾力');
    expect(filed.respondents[0].name).toBe('吴𠮷䶮');
  });
});

describe('a keyboard that edits', () => {
  it('fixes a typo early in a long account: tap into the text, step with the arrows, delete before the caret, type there', async () => {
    const app = completeApplication();
    const rest = '约定一年归还，到期后多次催要，对方一直拖着不还。'.repeat(6);
    app.facts = `我借给他五千元，${rest}`;
    await seedDraft(suite.stack, { step: 'facts', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'facts');
    const facts = page.getByTestId('field-facts');
    // A finger on the start of the first line puts the caret there, as in any text box.
    const box = (await facts.boundingBox())!;
    const pad = await facts.evaluate((el) => ({ left: parseFloat(getComputedStyle(el).paddingLeft), top: parseFloat(getComputedStyle(el).paddingTop) }));
    await page.touchscreen.tap(box.x + pad.left + 2, box.y + pad.top + 10);
    await page.getByTestId('keyboard').waitFor();
    const caretAt = () => facts.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
    expect(await caretAt()).toBe(0);
    for (let i = 0; i < 6; i++) await tap(page, 'key-right');
    expect(await caretAt()).toBe(6);
    await tap(page, 'key-backspace');
    await typeOnKeyboard(page, { pinyin: 'wan', pick: '万' });
    expect(await facts.inputValue()).toBe(`我借给他五万元，${rest}`);
    expect(await caretAt()).toBe(6);
    await tap(page, 'key-left');
    expect(await caretAt()).toBe(5);
    await settled(page);
    await screenshot(page, 'zh-CN-keyboard-caret-edit');
    await tap(page, 'key-done');
    // The edit is the answer the draft keeps.
    expect(await facts.inputValue()).toBe(`我借给他五万元，${rest}`);
  });
});

describe('what the resident did is kept (the walk of session 6)', () => {
  it('完成 keeps the whole pinyin composition: a word for all of it, else the letters; a double tap on a candidate inserts it once', async () => {
    const app = completeApplication();
    app.facts = '事情是这样的：';
    await seedDraft(suite.stack, { step: 'facts', application: app });
    const first = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'facts');
    const context = first.context;
    let page = first.page;
    const facts = page.getByTestId('field-facts');
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    const letters = async (text: string) => {
      for (const k of text) await tap(page, `key-${k}`);
      await page
        .getByTestId('candidate-pinyin')
        .filter({ hasText: text.slice(-1) })
        .waitFor();
      await page.getByTestId('candidate-0').waitFor();
    };
    // A phrase of several words, ended with 完成 and not picked: all of it is written.
    await letters('jiekuantuoqian');
    await tap(page, 'key-done');
    await expect.poll(() => facts.inputValue(), { timeout: 30_000 }).toBe('事情是这样的：借款拖欠');
    // Two syllables jieba has no word for, written as the likeliest words (未还, once 未换 or the letters).
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    await letters('weihuan');
    await tap(page, 'key-done');
    await expect.poll(() => facts.inputValue(), { timeout: 30_000 }).toBe('事情是这样的：借款拖欠未还');
    // Letters nothing stands for (an unfinished last syllable, "q"): the letters stay, nothing is lost.
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    await letters('weihuanq');
    await settled(page);
    await screenshot(page, 'zh-CN-pinyin-pending-before-done');
    await tap(page, 'key-done');
    await expect.poll(() => facts.inputValue(), { timeout: 30_000 }).toBe('事情是这样的：借款拖欠未还weihuanq');

    // An elderly finger taps a candidate twice before the screen has changed: 王 goes in once.
    await context.close();
    await seedDraft(suite.stack, { step: 'applicantIdentity', application: { ...app, applicant: { ...app.applicant, name: '' } } });
    const named = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');
    page = named.page;
    await tap(page, 'field-applicant.name');
    await page.getByTestId('keyboard').waitFor();
    await letters('wang');
    await page.getByTestId('candidate-0').evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    await letters('xiulan');
    await tap(page, 'key-done');
    await expect.poll(() => page.getByTestId('field-applicant.name').inputValue(), { timeout: 30_000 }).toBe('王秀兰');
  });

  it('keeps every letter of a long phrase typed in one go (the keyboard once dropped all after 24)', async () => {
    const app = completeApplication();
    app.facts = '';
    await seedDraft(suite.stack, { step: 'facts', application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'facts');
    const facts = page.getByTestId('field-facts');
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    // 12 syllables, 34 letters: what 完成 writes must stand for all of them.
    const letters = 'tuoqiangongzihaojigeyueyizhibuhuan';
    for (const k of letters) await tap(page, `key-${k}`);
    await page.getByTestId('candidate-pinyin').filter({ hasText: 'bu huan' }).waitFor({ timeout: BUSY_MS });
    await page.getByTestId('candidate-0').waitFor();
    await settled(page);
    await screenshot(page, 'zh-CN-pinyin-long-phrase');
    await tap(page, 'key-done');
    const dictionary = JSON.parse(readFileSync(new URL('../../renderer/ime/dictionary.json', import.meta.url), 'utf8')) as PinyinDictionary;
    const engine = new PinyinEngine(dictionary);
    const written = engine.commitment(letters);
    expect(written).toMatch(/^[\u4e00-\u9fff]{12}$/);
    expect(written).toMatch(/^拖欠工资好?几个月一直不/); // once 拖欠工资好几个乐意支部还
    await expect.poll(() => facts.inputValue(), { timeout: BUSY_MS }).toBe(written);
  });

  it('takes the first tap on "sign and submit" right after a quick signature whose finger lifted while still moving', async () => {
    await seedDraft(suite.stack, { step: 'review', reviewing: true, application: completeApplication() });
    const { page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), undefined, 'review');
    await next(page, 'signature');
    await drawSignature(page, 'signature-canvas', { liftWhileMoving: true });
    await page.locator('[data-testid="signature-canvas"][data-signed="yes"]').waitFor();
    await tap(page, 'next');
    await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
  });

  it('"ask staff" reaches the court: the dialog says staff are told only once the hub has the request', async () => {
    const looks = [
      { tag: 'zh-CN', viewport: { width: 1920, height: 1080 }, en: false, elderly: false },
      { tag: 'en-elderly', viewport: { width: 1920, height: 1080 }, en: true, elderly: true },
      { tag: 'zh-CN-elderly-1080x1920', viewport: { width: 1080, height: 1920 }, en: false, elderly: true },
      { tag: 'en-1080x1920', viewport: { width: 1080, height: 1920 }, en: true, elderly: false },
    ];
    const db = suite.stack.hub.hub.database.db;
    for (const look of looks) {
      const before = (await db.selectFrom('terminal_help_requests').select('request_id').execute()).length;
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, look.viewport);
      if (look.en) await tap(page, 'lang-en');
      if (look.elderly) await tap(page, 'elderly-toggle');
      await tap(page, 'ask-staff');
      await page.locator('[data-testid="staff-help-title"][data-progress="told"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('staff-help-title').textContent()).toBe(look.en ? 'Staff have been told and are on the way' : '已通知工作人员，马上就来');
      const rows = await db.selectFrom('terminal_help_requests').selectAll().execute();
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ reason: 'general', screen: 'home', handled_at: null });
      await settled(page);
      await screenshot(page, `staff-help-told-${look.tag}`);
      await tap(page, 'staff-help-close');
      await context.close();
    }
  });
});
