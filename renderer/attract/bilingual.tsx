import { useTranslation } from 'react-i18next';

/**
 * Both languages of one text, the visitor's current language first: the loop plays to whoever
 * walks by, so every word on it is bilingual (keys from the i18n files, never hard-coded).
 */
export function useBilingual(): (key: string) => Array<{ lang: 'zh-CN' | 'en'; text: string }> {
  const { t, i18n } = useTranslation();
  const first = i18n.language === 'en' ? 'en' : 'zh-CN';
  const second = first === 'en' ? 'zh-CN' : 'en';
  return (key) => [
    { lang: first, text: t(key, { lng: first }) },
    { lang: second, text: t(key, { lng: second }) },
  ];
}
