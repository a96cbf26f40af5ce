import { useTranslation } from 'react-i18next';
import { CallMediatorButton } from '../call/CallMediatorButton.js';

export function HomeScreen({
  onFileDispute,
  onCallMediator,
  onJoinMeeting,
  onCheckCase,
  onCounter,
}: {
  onFileDispute: () => void;
  onCallMediator?: () => void;
  /** A party the mediator invited types the meeting code here (renderer/call/JoinCodeView.tsx). */
  onJoinMeeting?: (() => void) | undefined;
  onCheckCase?: () => void;
  onCounter?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section className="screen screen-home" aria-labelledby="home-title">
      <div className="home-hero">
        <h1 id="home-title" className="home-title">
          {t('app.title')}
        </h1>
        <p className="home-subtitle">{t('app.subtitle')}</p>
        <p className="home-intro">{t('home.intro')}</p>
      </div>
      <button type="button" className="button button-primary button-hero" data-testid="home-file-button" aria-describedby="home-file-hint" onClick={onFileDispute}>
        {t('home.fileDispute')}
      </button>
      <p id="home-file-hint" className="home-hint">
        {t('home.fileDisputeHint')}
      </p>
      <div className="home-more">
        {onCallMediator && <CallMediatorButton onCall={onCallMediator} />}
        {onJoinMeeting && (
          <button type="button" className="button button-secondary call-entry-button home-join-meeting" data-testid="home-join-meeting" onClick={onJoinMeeting}>
            {t('home.joinMeeting')}
          </button>
        )}
        {onCheckCase && (
          <button type="button" className="button button-secondary call-entry-button home-check-case" data-testid="home-check-case" onClick={onCheckCase}>
            {t('home.checkCase')}
          </button>
        )}
        {onCounter && (
          <button type="button" className="button button-secondary home-counter" data-testid="home-counter" onClick={onCounter}>
            {t('counter.enter')}
          </button>
        )}
      </div>
    </section>
  );
}
