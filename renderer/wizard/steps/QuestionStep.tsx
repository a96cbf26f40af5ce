import { useTranslation } from 'react-i18next';
import { getAt } from '../answerPaths.js';
import type { FieldSpec } from '../questions.js';
import type { Step } from '../stepNavigation.js';
import { FieldList } from '../fields/FieldList.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

interface QuestionStepProps {
  step: Step;
  /** i18n key under `steps.` for title and intro (defaults to the step). */
  textKey?: string;
  specs: readonly FieldSpec[];
  base: string;
  disabledOptions?: Record<string, readonly string[]>;
}

/** A screen of declared questions (identity, contact, type-specific, process, facts). */
export function QuestionStep({ step, textKey = step, specs, base, disabledOptions }: QuestionStepProps) {
  const { t } = useTranslation();
  const { context, answer } = useWizard();
  const answers = ((base ? getAt(context.application, base) : context.application) ?? {}) as Record<string, unknown>;
  return (
    <WizardFrame step={step} title={t(`steps.${textKey}.title`)} intro={t(`steps.${textKey}.intro`)} speech={specs.map((s) => t(`fields.${s.label}.label`))}>
      <div className="form-grid">
        <FieldList specs={specs} base={base} answers={answers} application={context.application} errors={context.errors} onAnswer={answer} disabledOptions={disabledOptions} />
      </div>
    </WizardFrame>
  );
}
