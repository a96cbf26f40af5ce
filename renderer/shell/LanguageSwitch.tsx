import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/intake.js';

const labelKey: Record<Language, string> = { 'zh-CN': 'language.zh', en: 'language.en' };
const testId: Record<Language, string> = { 'zh-CN': 'lang-zh', en: 'lang-en' };

export function LanguageSwitch({ language, onChoose }: { language: Language; onChoose: (language: Language) => void }) {
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((lang) => (
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
