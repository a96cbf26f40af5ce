import { useTranslation } from 'react-i18next';
import { FieldList } from '../fields/FieldList.js';
import { shortApplicantFields, shortRespondentFields } from '../questions.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** The short path's "who": the resident's name and mobile, and the other side — a person or an organisation — by name (phone if known). */
export function ShortWhoStep() {
  const { t } = useTranslation();
  const { context, answer } = useWizard();
  const app = context.application;
  const labels = [...shortApplicantFields, ...shortRespondentFields].map((s) => t(`fields.${s.label}.label`));
  return (
    <WizardFrame step="shortWho" title={t('steps.shortWho.title')} intro={t('steps.shortWho.intro')} speech={labels}>
      <section className="item-card" aria-labelledby="short-who-you">
        <h2 id="short-who-you" className="item-card-title">
          {t('steps.shortWho.you')}
        </h2>
        <div className="form-grid">
          <FieldList specs={shortApplicantFields} base="applicant" answers={app.applicant ?? {}} application={app} errors={context.errors} onAnswer={answer} />
        </div>
      </section>
      <section className="item-card" aria-labelledby="short-who-them">
        <h2 id="short-who-them" className="item-card-title">
          {t('steps.shortWho.them')}
        </h2>
        <div className="form-grid">
          <FieldList specs={shortRespondentFields} base="respondents.0" answers={{ kind: 'person', ...(app.respondents?.[0] ?? {}) }} application={app} errors={context.errors} onAnswer={answer} />
        </div>
      </section>
    </WizardFrame>
  );
}
