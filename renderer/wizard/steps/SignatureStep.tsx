import { useTranslation } from 'react-i18next';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { SignaturePadField } from '../../ui/SignaturePadField.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/**
 * The handwritten signature (the shared pad, renderer/ui). Drawing is the one gesture the kiosk
 * asks for: a resident who cannot sign asks staff (the button is on every screen).
 */
export function SignatureStep({ busy }: { busy: boolean }) {
  const { t, i18n } = useTranslation();
  const { context, send } = useWizard();
  const error = context.errors.signature ? translateErrorKey(i18n, context.errors.signature) : null;

  return (
    <WizardFrame
      step="signature"
      title={t('steps.signature.title')}
      intro={t('steps.signature.intro')}
      nextLabel={busy ? t('steps.signature.submitting') : t('steps.signature.submit')}
      busy={busy}
      onNext={() => send({ type: 'SUBMIT' })}
    >
      <SignaturePadField
        testId="signature-canvas"
        dataPath="signature"
        signature={context.signature?.pngDataUrl ?? null}
        error={error}
        busy={busy}
        line={t('steps.signature.line')}
        onSigned={(pngDataUrl) => send({ type: 'SIGNED', pngDataUrl })}
        onCleared={() => send({ type: 'SIGNATURE_CLEARED' })}
      />
      <FieldError path="signature" message={error} />
    </WizardFrame>
  );
}
