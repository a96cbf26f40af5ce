import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';

/**
 * The resident's choices reach the whole document: i18n, <html lang> and the window title follow
 * the language; <html class="elderly"> scales the design tokens for what is drawn outside the
 * kiosk frame too (the idle loop covers the screen from <body>).
 */
export function useResidentChoices(language: Language, elderly: boolean): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    void i18n.changeLanguage(language).then(() => {
      document.title = i18n.t('app.title');
    });
    document.documentElement.lang = language;
  }, [i18n, language]);
  // Before paint, so the page never shows one frame in the other mode's sizes.
  useLayoutEffect(() => {
    document.documentElement.classList.toggle('elderly', elderly);
  }, [elderly]);
}
