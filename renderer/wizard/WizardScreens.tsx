import { processModes, textLimits } from '../../shared/application.js';
import { organisationContact, organisationIdentity, personContact, personIdentity, processFields, typeQuestionsFor } from './questions.js';
import type { Step } from './stepNavigation.js';
import { AgentStep } from './steps/AgentStep.js';
import { ApplicantKindStep } from './steps/ApplicantKindStep.js';
import { ClaimsStep } from './steps/ClaimsStep.js';
import { ConsentStep } from './steps/ConsentStep.js';
import { DisputeTypeStep } from './steps/DisputeTypeStep.js';
import { EvidenceStep } from './steps/EvidenceStep.js';
import { PreferencesStep } from './steps/PreferencesStep.js';
import { QuestionStep } from './steps/QuestionStep.js';
import { RespondentsStep } from './steps/RespondentsStep.js';
import { ReviewStep } from './steps/ReviewStep.js';
import { ShortWhoStep } from './steps/ShortWhoStep.js';
import { SignatureStep } from './steps/SignatureStep.js';
import { useWizard } from './wizardView.js';

const onlineModes = processModes.filter((m) => m !== 'in_person');

/** The screen for the machine's current step ('submitting' keeps the signature screen, busy). */
export function WizardScreens({ step }: { step: Step | 'submitting' }) {
  const { context } = useWizard();
  const app = context.application;
  const organisation = app.applicant?.kind === 'organisation';
  switch (step) {
    case 'preferences':
      return <PreferencesStep />;
    case 'privacy':
      return <ConsentStep key="privacy" which="privacy" />;
    case 'onlineConsent':
      return <ConsentStep key="online" which="onlineMediation" />;
    case 'applicantKind':
      return <ApplicantKindStep />;
    case 'applicantIdentity':
      return <QuestionStep key={step} step={step} textKey={organisation ? 'organisationIdentity' : step} specs={organisation ? organisationIdentity : personIdentity} base="applicant" />;
    case 'applicantContact':
      return <QuestionStep key={step} step={step} textKey={organisation ? 'organisationContact' : step} specs={organisation ? organisationContact : personContact} base="applicant" />;
    case 'agent':
      return <AgentStep />;
    case 'respondents':
      return <RespondentsStep />;
    case 'disputeType':
      return <DisputeTypeStep />;
    case 'shortWho':
      return <ShortWhoStep />;
    case 'typeQuestions':
      return <QuestionStep key={step} step={step} specs={typeQuestionsFor(app.disputeType)} base="typeAnswers" />;
    case 'claims':
      return <ClaimsStep />;
    case 'facts':
      // The short path asks what the resident wants after the facts, so its intro cannot point "above".
      return (
        <QuestionStep
          key={step}
          step={step}
          textKey={app.shortPath === true ? 'factsShort' : step}
          specs={[{ key: 'facts', label: 'facts', kind: 'multiline', maxLength: textLimits.facts }]}
          base=""
        />
      );
    case 'evidence':
      return <EvidenceStep />;
    case 'process': {
      // Without consent to online mediation, only mediation in person can be chosen.
      const declined = app.consents?.onlineMediation?.accepted === false;
      return <QuestionStep key={step} step={step} specs={processFields} base="process" disabledOptions={declined ? { mode: onlineModes } : undefined} />;
    }
    case 'review':
      return <ReviewStep />;
    case 'signature':
    case 'submitting':
      return <SignatureStep busy={step === 'submitting'} />;
  }
}
