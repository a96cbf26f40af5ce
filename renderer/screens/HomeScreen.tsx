import { useTranslation } from 'react-i18next';
import { CallMediatorButton } from '../call/CallMediatorButton.js';

export function HomeScreen({ onFileDispute, onCallMediator }: { onFileDispute: () => void; onCallMediator?: () => void }) {
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
      <button
        type="button"
        className="button button-primary button-hero"
        data-testid="home-file-button"
        aria-describedby="home-file-hint"
        onClick={onFileDispute}
      >
        {t('home.fileDispute')}
      </button>
      <p id="home-file-hint" className="home-hint">
        {t('home.fileDisputeHint')}
      </p>
      {onCallMediator && <CallMediatorButton onCall={onCallMediator} />}
    </section>
  );
}
