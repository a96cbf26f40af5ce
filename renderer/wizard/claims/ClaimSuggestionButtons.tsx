import { useTranslation } from 'react-i18next';
import { CLAIMS_MAX } from '../../../shared/application.js';
import { claimFromSuggestion, type ClaimSuggestion } from '../../../shared/claimSuggestions.js';
import type { Language } from '../../../shared/intake.js';
import './claimSuggestions.css';

interface ClaimSuggestionButtonsProps {
  suggestions: readonly ClaimSuggestion[];
  claims: readonly string[];
  language: Language;
  /** No box left to write into (the claims' limit): buttons not yet used cannot write. */
  full: boolean;
  onChoose: (suggestion: ClaimSuggestion) => void;
}

/**
 * The common claims of the dispute type as big buttons. A claim a button already wrote shows the
 * button as chosen (a tick and "written"); tapping it again writes nothing more.
 */
export function ClaimSuggestionButtons({ suggestions, claims, language, full, onChoose }: ClaimSuggestionButtonsProps) {
  const { t } = useTranslation();
  return (
    <section className="claim-suggestions" aria-labelledby="claim-suggestions-title" data-testid="claim-suggestions">
      <h2 id="claim-suggestions-title" className="claim-suggestions-title">
        {t('claimSuggestions.title')}
      </h2>
      <p className="field-hint">{t('claimSuggestions.hint')}</p>
      {/* why the unused buttons are greyed: said, not left to be guessed (session 18's review) */}
      {full && (
        <p className="field-hint claim-suggestions-full" role="status" data-testid="claim-suggestions-full">
          {t('claimSuggestions.full', { max: CLAIMS_MAX })}
        </p>
      )}
      <div className="claim-suggestion-grid">
        {suggestions.map((suggestion) => {
          const chosen = claims.some((c) => claimFromSuggestion(c, suggestion));
          return (
            <button
              key={suggestion.id}
              type="button"
              className={`button button-toggle claim-suggestion${chosen ? ' is-selected' : ''}`}
              aria-pressed={chosen}
              disabled={full && !chosen}
              data-testid={`claim-suggestion-${suggestion.id}`}
              onClick={() => {
                if (!chosen) onChoose(suggestion);
              }}
            >
              <span className="claim-suggestion-words">{language === 'en' ? suggestion.en : suggestion.zh}</span>
              {chosen ? (
                <span className="claim-suggestion-note">{t('claimSuggestions.written')}</span>
              ) : (
                suggestion.amount && <span className="claim-suggestion-note">{t('claimSuggestions.thenAmount')}</span>
              )}
            </button>
          );
        })}
      </div>
    </section>
  );
}
