import { useTranslation } from 'react-i18next';
import { DisputeTypeGrid } from '../fields/DisputeTypeGrid.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

export function DisputeTypeStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const error = context.errors.disputeType ? translateErrorKey(i18n, context.errors.disputeType) : null;
  return (
    <WizardFrame step="disputeType" title={t('steps.disputeType.title')} intro={t('steps.disputeType.intro')}>
      <DisputeTypeGrid value={context.application.disputeType ?? null} error={error} onChoose={(v) => answer('disputeType', v)} />
    </WizardFrame>
  );
}
