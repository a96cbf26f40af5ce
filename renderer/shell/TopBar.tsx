import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { TopBarClock } from './TopBarClock.js';
import { useCourtIdentity } from './useCourtIdentity.js';

export interface TopBarProps {
  showTitle: boolean;
  language: Language;
  elderly: boolean;
  onLanguage: (language: Language) => void;
  onElderly: (on: boolean) => void;
  onStaff: () => void;
  /** Languages court staff offer at this kiosk (shared/terminals/heartbeat.ts TerminalSettings). */
  languages?: readonly Language[] | undefined;
}

/** On every screen: whose terminal it is, the date and time, language, elderly mode, and "ask staff". */
export function TopBar({ showTitle, language, elderly, onLanguage, onElderly, onStaff, languages }: TopBarProps) {
  const { t } = useTranslation();
  const court = useCourtIdentity();
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <img className="topbar-emblem" src={court.emblem} alt="" data-testid="court-emblem" />
        <div className="topbar-names">
          <span className="topbar-court" data-testid="court-name">
            {court.name[language] ?? t('court.defaultName')}
          </span>
          {showTitle && <span className="topbar-title">{t('app.title')}</span>}
        </div>
      </div>
      <TopBarClock />
      <div className="topbar-actions">
        <LanguageSwitch language={language} onChoose={onLanguage} offered={languages} />
        <button type="button" className={`button button-toggle button-elderly${elderly ? ' is-selected' : ''}`} aria-pressed={elderly} data-testid="elderly-toggle" onClick={() => onElderly(!elderly)}>
          {t('elderly.toggle')}
        </button>
        <button type="button" className="button button-secondary button-staff" data-testid="ask-staff" onClick={onStaff}>
          {t('staff.ask')}
        </button>
      </div>
    </header>
  );
}
