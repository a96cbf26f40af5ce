import { useTranslation } from 'react-i18next';
import { partyKinds } from '../../../shared/application.js';
import { ChoiceAnswer } from '../fields/ChoiceAnswer.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** Applying as a person or for an organisation decides which identity questions follow. */
export function ApplicantKindStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const error = context.errors['applicant.kind'];
  return (
    <WizardFrame step="applicantKind" title={t('steps.applicantKind.title')} intro={t('steps.applicantKind.intro')}>
      <ChoiceAnswer
        path="applicant.kind"
        label={t('fields.applicantKind.label')}
        hint={null}
        columns={2}
        options={partyKinds.map((k) => ({ value: k, label: t(`options.applicantKind.${k}`) }))}
        value={context.application.applicant?.kind}
        error={error ? translateErrorKey(i18n, error) : null}
        onChange={(v) => answer('applicant.kind', v)}
      />
    </WizardFrame>
  );
}
