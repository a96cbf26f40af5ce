import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/intake.js';

const labelKey: Record<Language, string> = { 'zh-CN': 'language.zh', en: 'language.en' };
const testId: Record<Language, string> = { 'zh-CN': 'lang-zh', en: 'lang-en' };

/** The languages the court offers at this kiosk (all by default); a single one needs no switch. */
export function LanguageSwitch({ language, onChoose, offered = languages }: { language: Language; onChoose: (language: Language) => void; offered?: readonly Language[] | undefined }) {
  const { t } = useTranslation();
  if (offered.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages
        .filter((lang) => offered.includes(lang))
        .map((lang) => (
          <button
            key={lang}
            type="button"
            lang={lang}
            className={`button button-toggle${lang === language ? ' is-selected' : ''}`}
            aria-pressed={lang === language}
            data-testid={testId[lang]}
            onClick={() => onChoose(lang)}
          >
            {t(labelKey[lang])}
          </button>
        ))}
    </div>
  );
}
