import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import './signaturePad.css';

// The one handwritten-signature widget of the kiosk (signature_pad): the wizard's last step, the
// counter's resident declaration and the agreement a resident signs at the kiosk all draw here.
// Each finished stroke reports the whole signature as a small PNG; "sign again" clears it.

export interface SignaturePadFieldProps {
  /** Test id of the canvas (the screens' tests address their own pad). */
  testId: string;
  /** What is drawn now (drawn again after a re-mount, e.g. a language switch), or null. */
  signature: string | null;
  error: string | null;
  /** The pad stops taking strokes while its screen is busy sending. */
  busy?: boolean;
  /** A baseline under the signature with its caption (the wizard's "sign here"). */
  line?: string;
  className?: string;
  dataPath?: string;
  onSigned: (pngDataUrl: string) => void;
  onCleared: () => void;
}

export function SignaturePadField({ testId, signature, error, busy = false, line, className, dataPath, onSigned, onCleared }: SignaturePadFieldProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { minWidth: 1.5, maxWidth: 4, penColor: '#141a22' });
    padRef.current = pad;
    if (signature) void pad.fromDataURL(signature, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
    const onEnd = () => onSigned(pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', onEnd);
    // The pad draws from pointer events; the touches under them would still make a scroll
    // gesture, and a finger lifted mid-stroke then starts a fling that Chromium stops with the
    // next tap, swallowing it: the first tap on "submit" did nothing. `touch-action: none` does
    // not prevent that fling; cancelling the touches does, and the pointer events still come.
    const noGesture = (e: TouchEvent) => {
      if (e.cancelable) e.preventDefault();
    };
    for (const type of ['touchstart', 'touchmove', 'touchend'] as const) canvas.addEventListener(type, noGesture, { passive: false });
    return () => {
      for (const type of ['touchstart', 'touchmove', 'touchend'] as const) canvas.removeEventListener(type, noGesture);
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one pad per mount; later signatures come from this pad itself
  }, []);

  useEffect(() => {
    if (busy) padRef.current?.off();
  }, [busy]);

  return (
    <div className={`signature-area${className ? ` ${className}` : ''}${error ? ' has-error' : ''}`}>
      <canvas ref={canvasRef} className="signature-canvas" data-path={dataPath} data-testid={testId} data-signed={signature ? 'yes' : 'no'} aria-label={t('steps.signature.canvasLabel')} role="img" />
      {line && (
        <p className="signature-line" aria-hidden="true">
          {line}
        </p>
      )}
      <button
        type="button"
        className="button button-secondary signature-clear"
        data-testid={`${testId}-clear`}
        disabled={busy}
        onClick={() => {
          padRef.current?.clear();
          onCleared();
        }}
      >
        {t('steps.signature.clear')}
      </button>
    </div>
  );
}
