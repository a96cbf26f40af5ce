import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/caseStatus.js';
import { minutesToWait } from '../../shared/wrongGuesses.js';
import { courtDateTime } from '../i18n/courtTime.js';

// The answer to "check my case", in words a resident understands. Where it came from is always
// said first: the court's own record, or — clearly marked — what this kiosk knows by itself.

export type CaseAnswer = CaseStatus | { kind: 'failed' };

export function CaseStatusResult({ answer }: { answer: CaseAnswer }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => courtDateTime(iso, i18n.language);

  if (answer.kind === 'court' || answer.kind === 'kiosk') {
    const source = answer.kind === 'court' ? 'court' : answer.offline ? 'offline' : 'kiosk';
    const facts: [string, string, string][] = [];
    if (answer.caseNumber) facts.push(['caseNumber', t('checkCase.caseNumber'), answer.caseNumber]);
    // a filed (民初) or confirmed (民特) case: the number it came from, beside it
    if (answer.kind === 'court' && answer.mediationCaseNumber) facts.push(['mediationCaseNumber', t('checkCase.mediationCaseNumber'), answer.mediationCaseNumber]);
    if (answer.kind === 'court') {
      // Once the filing is a case at the court: its stage, the next step and its last day, the session.
      const r = answer.resident;
      if (r) {
        facts.push(['nextStep', t('checkCase.nextStep'), t(`checkCase.next.${r.next.step}`)]);
        if (r.next.dueDate) facts.push(['dueDate', t('checkCase.dueDate'), r.next.dueDate]);
        if (r.session) {
          facts.push(['session', t('checkCase.session'), when(r.session.startsAt)]);
          facts.push(['sessionPlace', t('checkCase.sessionPlace'), r.session.mode === 'video' ? t('checkCase.sessionVideo') : (r.session.place ?? '')]);
        }
      }
      facts.push(['disputeType', t('checkCase.disputeType'), t(`disputeTypes.${answer.disputeType}`)]);
      facts.push(['receivedAt', t('checkCase.receivedAt'), when(answer.receivedAt)]);
      if (answer.stageAt !== answer.receivedAt) facts.push(['updatedAt', t('checkCase.updatedAt'), when(answer.stageAt)]);
    } else if (answer.submittedAt) {
      facts.push(['submittedAt', t('checkCase.submittedAt'), when(answer.submittedAt)]);
    }
    return (
      <div className={`case-status case-status-${source}`} data-testid="case-status" data-kind={answer.kind} data-source={source}>
        <p className="case-status-source" data-testid="case-status-source">
          {t(`checkCase.source.${source}`)}
        </p>
        <p className="case-status-number">{answer.provisionalNumber}</p>
        {/* Once the filing is a case, the case's own stage is the truth; before, what the calls say. */}
        {answer.kind === 'court' && answer.resident ? (
          <p className="case-status-stage" data-testid="case-status-stage" data-stage={answer.resident.stage}>
            {t(`checkCase.residentStage.${answer.resident.stage}`)}
          </p>
        ) : (
          <p className="case-status-stage" data-testid="case-status-stage" data-stage={answer.stage}>
            {t(`checkCase.stage.${answer.stage}`)}
          </p>
        )}
        <dl className="fact-list">
          {facts.map(([key, label, value]) => (
            <div className="fact-row" key={key}>
              <dt>{label}</dt>
              <dd data-testid={`case-status-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  }
  const message =
    answer.kind === 'not_found'
      ? t(answer.checkedWithCourt ? 'checkCase.notFound' : 'checkCase.notFoundOffline')
      : answer.kind === 'rate_limited'
        ? t('checkCase.rateLimited', { minutes: minutesToWait(answer.retryAfterS) })
        : t('checkCase.failed');
  return (
    <p className="case-status case-status-problem" role="alert" data-testid="case-status" data-kind={answer.kind}>
      {message}
    </p>
  );
}
