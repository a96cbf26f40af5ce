import { textLimits } from '../../shared/application.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disputeLabels } from '../../shared/disputeLabels.js';
import { nextStepOnFiling } from '../../shared/cases/residentStage.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { receiptText } from '../../shared/receiptText.js';
import { createI18n, translateErrorKey } from '../../renderer/i18n/index.js';

const root = join(import.meta.dirname, '..', '..');
const load = (name: string) => JSON.parse(readFileSync(join(root, 'renderer', 'i18n', name), 'utf8')) as Record<string, unknown>;
const zh = load('zh-CN.json');
const en = load('en.json');

function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else {
    out.set(prefix, node);
  }
  return out;
}
const zhKeys = flatten(zh);
const enKeys = flatten(en);

/** Every `errors.*` key the shared validators and schemas can produce, read from their source. */
function errorKeysInShared(): string[] {
  const keys = new Set<string>();
  for (const file of ['validators.ts', 'intake.ts', 'application.ts', 'attachment.ts']) {
    const source = readFileSync(join(root, 'shared', file), 'utf8');
    for (const m of source.matchAll(/errors\.[A-Za-z]+\.[A-Za-z]+/g)) keys.add(m[0]);
    // application.ts builds text-field keys from a template: text('field') → required / tooLong,
    // one per entry of textLimits.
    if (/`errors\.\$\{key\}\.required`/.test(source) && /`errors\.\$\{key\}\.tooLong`/.test(source)) {
      for (const field of Object.keys(textLimits)) {
        keys.add(`errors.${field}.required`);
        keys.add(`errors.${field}.tooLong`);
      }
    }
    // application.ts: yesNo('key') and choice(values, 'key') → errors.<key>.required.
    if (/`errors\.\$\{key\}\.required`/.test(source)) {
      for (const m of source.matchAll(/\b(?:yesNo\(|choice\([A-Za-z]+,\s*)'([A-Za-z]+)'\)/g)) keys.add(`errors.${m[1]}.required`);
    }
  }
  return [...keys].sort();
}

describe('renderer i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
  });

  it('every value is a non-empty string and uses the same {{placeholders}} in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zhKeys) {
      const other = enKeys.get(key);
      expect(typeof value, key).toBe('string');
      expect(typeof other, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
      expect((other as string).trim(), key).not.toBe('');
      expect(placeholders(other as string), key).toEqual(placeholders(value as string));
    }
  });

  it('covers every errors.* key that shared/validators.ts and shared/intake.ts produce', () => {
    const keys = errorKeysInShared();
    // The scan must see the whole family, not just a couple of literals.
    for (const expected of [
      'errors.mobile.required',
      'errors.mobile.digits',
      'errors.mobile.length',
      'errors.mobile.prefix',
      'errors.idNumber.required',
      'errors.idNumber.length',
      'errors.idNumber.chars',
      'errors.idNumber.region',
      'errors.idNumber.birthDate',
      'errors.idNumber.checksum',
      'errors.creditCode.required',
      'errors.creditCode.length',
      'errors.creditCode.chars',
      'errors.creditCode.checksum',
      'errors.facts.required',
      'errors.facts.tooLong',
      'errors.disputeType.required',
      'errors.submissionId.invalid',
      'errors.date.future',
      'errors.amount.decimals',
      'errors.phone.areaCode',
      'errors.respondentWhere.required',
      'errors.loanIou.required',
      'errors.agentRelationship.required',
      'errors.claim.tooLong',
      'errors.attachment.tooLarge',
    ]) {
      expect(keys).toContain(expected);
    }
    for (const key of keys) {
      expect(typeof zhKeys.get(key), `zh-CN ${key}`).toBe('string');
      expect(typeof enKeys.get(key), `en ${key}`).toBe('string');
    }
  });

  it("states no limit as a literal number: a hint that names a maximum reads the field's own (the facts said 2000 beside a counter of 10000)", () => {
    for (const keys of [zhKeys, enKeys]) {
      for (const [key, value] of keys) {
        if (!/^fields\..*\.hint$/.test(key) || typeof value !== 'string') continue;
        if (/最多|at most|up to|maximum/i.test(value)) expect(value, key).toMatch(/\{\{max\}\}/);
      }
    }
    const i18n = createI18n();
    expect(i18n.t('fields.facts.hint', { max: textLimits.facts })).toContain(String(textLimits.facts));
  });

  it('names every dispute type as the receipt and the court do: one name per type (shared/disputeLabels.ts)', async () => {
    // the catalogues keep no list of their own to drift ("Private loan" on the receipt, "Private loans" on check-my-case)
    expect([...zhKeys.keys(), ...enKeys.keys()].filter((k) => k.startsWith('disputeTypes.'))).toEqual([]);
    const i18n = createI18n();
    for (const code of disputeTypes) {
      await i18n.changeLanguage('zh-CN');
      expect(i18n.t(`disputeTypes.${code}`), code).toBe(disputeLabels[code].zh);
      await i18n.changeLanguage('en');
      expect(i18n.t(`disputeTypes.${code}`), code).toBe(disputeLabels[code].en);
    }
  });

  it("words what the receipt and check-my-case both show as the agent's receipt does, in both languages", () => {
    for (const [language, keys] of [
      ['zh-CN', zhKeys],
      ['en', enKeys],
    ] as const) {
      const printed = receiptText(language);
      const same = {
        'receipt.provisionalNumber': printed.provisionalNumber,
        'checkCase.provisionalNumber': printed.provisionalNumber,
        'receipt.caseNumber': printed.caseNumber,
        'checkCase.caseNumber': printed.caseNumber,
        'receipt.submittedAt': printed.submittedAt,
        'checkCase.submittedAt': printed.submittedAt,
        'checkCase.disputeType': printed.disputeType,
        // what comes after filing, before the agent's receipt is on screen (no phone number to name)
        [`receipt.nextSteps.${nextStepOnFiling}`]: printed.nextSteps.filed[nextStepOnFiling](null),
      };
      for (const [key, words] of Object.entries(same)) expect(keys.get(key), `${language} ${key}`).toBe(words);
    }
  });

  it('falls back to a calm generic message for unknown or non-error keys', async () => {
    const i18n = createI18n();
    expect(translateErrorKey(i18n, 'errors.mobile.length')).toBe('手机号码应为11位数字，请检查');
    expect(translateErrorKey(i18n, 'errors.nope.never')).toBe(zhKeys.get('errors.generic'));
    expect(translateErrorKey(i18n, 'errors.mobile')).toBe(zhKeys.get('errors.generic'));
    expect(translateErrorKey(i18n, 'Invalid input')).toBe(zhKeys.get('errors.generic'));
    await i18n.changeLanguage('en');
    expect(translateErrorKey(i18n, 'errors.mobile.length')).toBe('A mobile number has 11 digits – please check it');
    expect(translateErrorKey(i18n, 'submit.unavailable')).toBe(enKeys.get('submit.unavailable'));
  });

  it('no component hard-codes visible CJK text', () => {
    const dir = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? dir(join(d, e.name)) : [join(d, e.name)]));
    const sources = dir(join(root, 'renderer')).filter((f) => /\.tsx?$/.test(f));
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(/[\u4e00-\u9fff]/.test(code), file).toBe(false);
    }
  });
});
