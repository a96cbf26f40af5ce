import { useTranslation } from 'react-i18next';
import { agentFields } from '../questions.js';
import { ChoiceAnswer } from '../fields/ChoiceAnswer.js';
import { FieldList } from '../fields/FieldList.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** Whether someone files on the resident's behalf (a relative, a lawyer…), and who. */
export function AgentStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const hasAgent = context.application.hasAgent;
  const error = context.errors.hasAgent ? translateErrorKey(i18n, context.errors.hasAgent) : null;
  return (
    <WizardFrame step="agent" title={t('steps.agent.title')} intro={t('steps.agent.intro')}>
      <div className="form-grid">
        <ChoiceAnswer
          path="hasAgent"
          label={t('fields.hasAgent.label')}
          hint={t('fields.hasAgent.hint')}
          columns={2}
          options={[
            { value: false, label: t('options.hasAgent.no') },
            { value: true, label: t('options.hasAgent.yes') },
          ]}
          value={hasAgent}
          error={error}
          onChange={(v) => answer('hasAgent', v)}
        />
        {hasAgent === true && <FieldList specs={agentFields} base="agent" answers={context.application.agent ?? {}} application={context.application} errors={context.errors} onAnswer={answer} />}
      </div>
    </WizardFrame>
  );
}
