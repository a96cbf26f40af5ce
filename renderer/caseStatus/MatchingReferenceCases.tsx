import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { ReferenceCaseAnswer } from '../../shared/referenceCases/referenceCase.js';
import { ReferenceCaseCard } from '../referenceCases/ReferenceCaseCard.js';
import '../referenceCases/referenceCases.css';

// Under a case the court knows: cases like it that the court published (典型案例), so a resident
// sees how disputes like theirs were settled. Nothing shown when there are none or the kiosk has
// none cached; the kiosk's own copy is marked as such.

export function MatchingReferenceCases({ api, disputeType }: { api: KioskApi; disputeType: DisputeType }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<ReferenceCaseAnswer | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('referenceCases.forDispute', { disputeType }).then((r) => {
      if (live && r.ok) setAnswer(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, disputeType]);

  if (!answer || answer.referenceCases.length === 0) return null;
  return (
    <section className="matching-reference-cases" aria-labelledby="matching-reference-cases-title" data-testid="matching-reference-cases" data-offline={answer.offline}>
      <h2 id="matching-reference-cases-title" className="matching-reference-cases-title">
        {t('referenceCases.matchingTitle')}
      </h2>
      <p className="matching-reference-cases-intro">{t(answer.offline ? 'referenceCases.offline' : 'referenceCases.matchingIntro')}</p>
      {answer.referenceCases.map((c) => (
        <ReferenceCaseCard key={c.referenceCaseId} referenceCase={c} />
      ))}
    </section>
  );
}
