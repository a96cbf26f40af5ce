import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

// The resident's handwritten signature on the touchscreen (signature_pad), as in the wizard.

export function CounterSignature({ signed, error, onSigned, onCleared }: { signed: boolean; error: string | null; onSigned: (pngDataUrl: string) => void; onCleared: () => void }) {
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
    const onEnd = () => onSigned(pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', onEnd);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one pad per mount
  }, []);

  return (
    <>
      <div className={`signature-area counter-signature${error ? ' has-error' : ''}`}>
        <canvas ref={canvasRef} className="signature-canvas" data-testid="counter-signature" data-signed={signed ? 'yes' : 'no'} aria-label={t('steps.signature.canvasLabel')} role="img" />
        <button
          type="button"
          className="button button-secondary signature-clear"
          onClick={() => {
            padRef.current?.clear();
            onCleared();
          }}
        >
          {t('steps.signature.clear')}
        </button>
      </div>
      {error && (
        <p className="counter-error" data-testid="counter-error-signature">
          {error}
        </p>
      )}
    </>
  );
}
