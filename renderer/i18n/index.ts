import { textLimits, type TextLimitKey } from '../../shared/application.js';
import { nextStepNames } from '../../shared/cases/nextStepWords.js';
import { disputeNames } from '../../shared/disputeLabels.js';
import { AMOUNT_MAX_YUAN } from '../../shared/validators.js';
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE } from '../wizard/wizardContext.js';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

// Every word the resident sees comes from these two files, which carry identical keys
// (tests/unit/rendererI18n.test.ts). Error keys from shared/ validators resolve under `errors.`.
// The dispute types' names (`disputeTypes.*`) come from shared/disputeLabels.ts, which the printed
// receipt and the court's pages read too: one name per type everywhere. So do check-my-case's
// next steps (`checkCase.next.*`, shared/cases/nextStepWords.ts), which the hub's status page says too.

export const resources = {
  'zh-CN': { translation: { ...zhCN, checkCase: { ...zhCN.checkCase, next: nextStepNames('zh') }, disputeTypes: disputeNames('zh') } },
  en: { translation: { ...en, checkCase: { ...en.checkCase, next: nextStepNames('en') }, disputeTypes: disputeNames('en') } },
} as const;

const GENERIC_ERROR_KEY = 'errors.generic';

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Translates an error key from the validators, a schema or the agent; unknown keys get a calm fallback. */
export function translateErrorKey(i18n: I18n, key: string): string {
  const known = (key.startsWith('errors.') || key.startsWith('submit.')) && typeof i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', key) === 'string';
  return i18n.t(known ? key : GENERIC_ERROR_KEY, limitValues(key));
}

/** "errors.facts.tooLong" → { max: 10000 }: a message states the limit the schema enforces. */
function limitValues(key: string): { max?: number | string; yi?: number } {
  if (key === 'errors.amount.tooLarge') return { max: AMOUNT_MAX_YUAN.toLocaleString('en'), yi: AMOUNT_MAX_YUAN / 1e8 };
  const m = /^errors\.(\w+)\.tooLong$/.exec(key);
  const field = m?.[1];
  return field !== undefined && Object.hasOwn(textLimits, field) ? { max: textLimits[field as TextLimitKey] } : {};
}
