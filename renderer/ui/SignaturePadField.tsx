import { useTranslation } from 'react-i18next';
import { useSignaturePad } from '../signature/useSignaturePad.js';
import './signaturePad.css';

// The kiosk's handwritten-signature widget, in the kiosk's words (the strokes and touches are
// renderer/signature/): the wizard's last step, the counter's resident declaration, the hearing
// record and the agreement a resident signs at the kiosk all draw here.
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
  const { canvasRef, clear } = useSignaturePad({ initial: signature, busy, onSigned });

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
          clear();
          onCleared();
        }}
      >
        {t('steps.signature.clear')}
      </button>
    </div>
  );
}
