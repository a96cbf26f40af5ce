import { useTranslation } from 'react-i18next';
import type { CallFlowState } from './callFlow.js';
import { LevelMeter } from './LevelMeter.js';
import type { LocalMediaState } from '../webrtc/localMedia.js';
import { VideoView } from '../webrtc/VideoView.js';
import { ScrollArea } from '../ui/ScrollArea.js';

// Before the mediator is on screen: consent, the camera/microphone check, and the queue.

export function CallConsent({ onAccept, onBack }: { onAccept: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="screen call-screen call-consent" aria-labelledby="call-consent-title" data-testid="call-consent">
      {/* The card scrolls when elderly mode's larger text overflows it. */}
      <ScrollArea className="call-card" testId="call-consent-card">
        <h1 id="call-consent-title" className="call-title">
          {t('call.consent.title')}
        </h1>
        <ul className="call-points">
          <li>{t('call.consent.camera')}</li>
          <li>{t('call.consent.private')}</li>
          <li>{t('call.consent.stop')}</li>
        </ul>
      </ScrollArea>
      <div className="action-bar call-actions">
        <button type="button" className="button button-secondary" data-testid="call-consent-back" onClick={onBack}>
          {t('call.back')}
        </button>
        <button type="button" className="button button-primary" data-testid="call-consent-accept" onClick={onAccept}>
          {t('call.consent.accept')}
        </button>
      </div>
    </section>
  );
}

export function CallPreflight({ local, joining = false, onCall, onBack }: { local: LocalMediaState | null; joining?: boolean; onCall: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const ready = local !== null;
  const camera = !local ? 'checking' : local.video ? 'ok' : 'missing';
  const mic = !local ? 'checking' : local.audio ? 'ok' : 'missing';
  return (
    <section className="screen call-screen call-preflight" aria-labelledby="call-preflight-title" data-testid="call-preflight">
      <div className="call-preflight-body">
        <div className="call-preview">
          {local?.video ? (
            <VideoView stream={local.stream} muted className="call-video call-mirror" testId="call-preview-video" label={t('call.selfView')} />
          ) : (
            <div className="call-video call-video-empty">{t(camera === 'checking' ? 'call.preflight.starting' : 'call.preflight.noCamera')}</div>
          )}
        </div>
        <div className="call-checks">
          <h1 id="call-preflight-title" className="call-title">
            {t('call.preflight.title')}
          </h1>
          <p className={`call-check call-check-${camera}`} data-testid="call-check-camera" data-status={camera}>
            {t(`call.preflight.camera.${camera}`)}
          </p>
          <p className={`call-check call-check-${mic}`} data-testid="call-check-mic" data-status={mic}>
            {t(`call.preflight.mic.${mic}`)}
          </p>
          {local?.audio && (
            <>
              <LevelMeter track={local.audio} label={t('call.preflight.meterLabel')} />
              <p className="call-hint">{t('call.preflight.speak')}</p>
            </>
          )}
        </div>
      </div>
      <div className="action-bar call-actions">
        <button type="button" className="button button-secondary" data-testid="call-preflight-back" onClick={onBack}>
          {t('call.back')}
        </button>
        <button type="button" className="button button-primary button-call" data-testid="call-start" disabled={!ready} onClick={onCall}>
          {t(joining ? 'call.preflight.join' : 'call.preflight.call')}
        </button>
      </div>
    </section>
  );
}

function waitText(t: (key: string, o?: Record<string, unknown>) => string, seconds: number | null): string {
  if (seconds === null) return t('call.queue.nobodyOnDuty');
  if (seconds < 60) return t('call.queue.waitSoon');
  return t('call.queue.waitMinutes', { minutes: Math.ceil(seconds / 60) });
}

/** `admission`: in another call's waiting room (joined by code) until the mediator lets the party in. */
export function CallWaiting({ flow, local, admission = false, onCancel }: { flow: CallFlowState; local: LocalMediaState | null; admission?: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const joining = flow.phase === 'joining';
  const title = admission ? t('call.gallery.waiting.admission.title') : joining ? t('call.joining.title', { name: flow.mediatorName ?? t('call.mediator') }) : t('call.queue.title');
  return (
    <section className="screen call-screen call-waiting" aria-labelledby="call-waiting-title" data-testid="call-waiting" data-phase={flow.phase} data-waiting={admission ? 'admission' : 'none'}>
      <div className={`call-waiting-body${local?.video ? ' has-self' : ''}`}>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a card that scrolls must take focus to scroll by keyboard (axe scrollable-region-focusable) */}
        <div className="call-card" role="status" aria-live="polite" tabIndex={0}>
          <div className={`call-pulse${joining ? ' is-joining' : ''}`} aria-hidden="true" />
          <h1 id="call-waiting-title" className="call-title">
            {title}
          </h1>
          {!joining && flow.position !== null && (
            <p className="call-position" data-testid="call-position" data-position={flow.position}>
              {t('call.queue.position', { position: flow.position })}
            </p>
          )}
          {!joining && flow.phase === 'queued' && (
            <p className="call-eta" data-testid="call-eta">
              {waitText(t, flow.estimatedWaitS)}
            </p>
          )}
          {joining && <p className="call-eta">{t(admission ? 'call.gallery.waiting.admission.body' : 'call.joining.body')}</p>}
        </div>
        {local?.video && <VideoView stream={local.stream} muted className="call-video call-mirror call-self-waiting" testId="call-self-video" label={t('call.selfView')} />}
      </div>
      <div className="action-bar call-actions call-actions-single">
        <button type="button" className="button button-danger button-large" data-testid={joining ? 'call-hangup' : 'call-cancel'} onClick={onCancel}>
          {joining ? t('call.live.hangup') : t('call.queue.cancel')}
        </button>
      </div>
    </section>
  );
}
