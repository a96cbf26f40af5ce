import type { MediatorCall } from '../../shared/signalling.js';
import { courtTime } from '../../shared/courtTime.js';
import { Bi } from './bilingual.js';

/** What the resident filed, beside the video, from the moment the call is answered. */
export function IntakeCard({ call }: { call: MediatorCall }) {
  const intake = call.intake;
  return (
    <section className="intake" aria-labelledby="intake-title" data-testid="call-intake">
      <h2 id="intake-title">
        <Bi zh="当事人申请" en="Intake" />
      </h2>
      <p className="muted">
        {call.terminal.name}
        {call.terminal.location ? ` · ${call.terminal.location}` : ''} · <Bi zh={`${courtTime(call.queuedAt, 'clock')} 呼入`} en={`called ${courtTime(call.queuedAt, 'clock')}`} />
      </p>
      {intake ? (
        <dl>
          {intake.caseNumber ? (
            <>
              <dt>
                <Bi zh="案号" en="Case number" />
              </dt>
              <dd data-testid="call-intake-case">{intake.caseNumber}</dd>
            </>
          ) : null}
          <dt>
            <Bi zh="临时编号" en="Provisional number" />
          </dt>
          <dd data-testid="call-intake-provisional">{intake.provisionalNumber}</dd>
          <dt>
            <Bi zh="纠纷类型" en="Dispute type" />
          </dt>
          <dd>
            <Bi {...intake.disputeLabel} />
          </dd>
          <dt>
            <Bi zh="申请人" en="Applicant" />
          </dt>
          <dd data-testid="call-intake-applicant">{intake.applicantName}</dd>
          <dt>
            <Bi zh="手机" en="Mobile" />
          </dt>
          <dd>{intake.mobileMasked}</dd>
          <dt>
            <Bi zh="纠纷简述" en="What happened" />
          </dt>
          <dd className="description">{intake.description}</dd>
        </dl>
      ) : call.intakePending ? (
        <p className="muted" data-testid="call-intake-pending">
          <Bi zh="当事人刚登记的申请正在传送，稍后显示在这里。" en="The intake the resident just filed is on its way and will appear here." />
        </p>
      ) : (
        <p className="muted" data-testid="call-intake-none">
          <Bi zh="当事人没有先登记申请。请在通话中了解情况。" en="The resident did not file an intake first; ask them during the call." />
        </p>
      )}
    </section>
  );
}
