import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';

/** i18n, <html lang> and the window title follow the resident's choice of language. */
export function useDocumentLanguage(language: Language): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    void i18n.changeLanguage(language).then(() => {
      document.title = i18n.t('app.title');
    });
    document.documentElement.lang = language;
  }, [i18n, language]);
}
