import { useTranslation } from 'react-i18next';
import { inLanguage, type PublishedReferenceCase } from '../../shared/referenceCases/referenceCase.js';

// One reference case (典型案例) in large type: its title and outcome, and, where the whole case is
// shown (shared into a call), its facts and legal basis too. Text is rendered as text by React,
// never as HTML, whatever staff typed.

export function ReferenceCaseCard({ referenceCase, full = false, headingLevel = 3 }: { referenceCase: PublishedReferenceCase; full?: boolean; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const say = (text: { zh: string; en: string | null }) => inLanguage(text, i18n.language);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const part = (key: 'facts' | 'outcome' | 'legalBasis') => (
    <div className="reference-case-part" key={key}>
      <dt>{t(`referenceCases.${key}`)}</dt>
      <dd data-testid={`reference-case-${key}`}>{say(referenceCase[key])}</dd>
    </div>
  );
  return (
    <article className="reference-case" data-testid="reference-case" data-reference-case={referenceCase.referenceCaseId}>
      <Heading className="reference-case-title" data-testid="reference-case-title">
        {say(referenceCase.title)}
      </Heading>
      <dl className="reference-case-parts">{full ? [part('facts'), part('outcome'), part('legalBasis')] : [part('outcome')]}</dl>
    </article>
  );
}
