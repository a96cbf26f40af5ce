import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/**
 * Handwritten signature with signature_pad. Each finished stroke updates the signature (a small
 * PNG of the strokes); "clear" starts again. Drawing is the one gesture the kiosk asks for: a
 * resident who cannot sign asks staff (the button is on every screen).
 */
export function SignatureStep({ busy }: { busy: boolean }) {
  const { t, i18n } = useTranslation();
  const { context, send } = useWizard();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const error = context.errors.signature ? translateErrorKey(i18n, context.errors.signature) : null;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { minWidth: 1.5, maxWidth: 4, penColor: '#141a22' });
    padRef.current = pad;
    // A signature from before a language switch or a trip to the review is drawn again.
    if (context.signature) void pad.fromDataURL(context.signature.pngDataUrl, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
    const onEnd = () => send({ type: 'SIGNED', pngDataUrl: pad.toDataURL('image/png') });
    pad.addEventListener('endStroke', onEnd);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the pad is built once per mount; later signatures come from this pad itself
  }, []);

  useEffect(() => {
    if (busy) padRef.current?.off();
  }, [busy]);

  return (
    <WizardFrame
      step="signature"
      title={t('steps.signature.title')}
      intro={t('steps.signature.intro')}
      nextLabel={busy ? t('steps.signature.submitting') : t('steps.signature.submit')}
      busy={busy}
      onNext={() => send({ type: 'SUBMIT' })}
    >
      <div className={`signature-area${error ? ' has-error' : ''}`}>
        <canvas
          ref={canvasRef}
          className="signature-canvas"
          data-path="signature"
          data-testid="signature-canvas"
          data-signed={context.signature ? 'yes' : 'no'}
          aria-label={t('steps.signature.canvasLabel')}
          role="img"
        />
        <p className="signature-line" aria-hidden="true">
          {t('steps.signature.line')}
        </p>
        <button
          type="button"
          className="button button-secondary signature-clear"
          data-testid="signature-clear"
          disabled={busy}
          onClick={() => {
            padRef.current?.clear();
            send({ type: 'SIGNATURE_CLEARED' });
          }}
        >
          {t('steps.signature.clear')}
        </button>
      </div>
      <FieldError path="signature" message={error} />
    </WizardFrame>
  );
}
