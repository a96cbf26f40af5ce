import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { owns } from '../answerPaths.js';
import { translateErrorKey } from '../../i18n/index.js';
import { reviewSections } from '../reviewRows.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** Every answer on one screen; tapping one opens its question, and "next" there comes back here. */
export function ReviewStep() {
  const { t, i18n } = useTranslation();
  const { context, send } = useWizard();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- i18n is one object whose language changes: rebuild the sections when it does
  const sections = useMemo(() => reviewSections(context.application, i18n), [context.application, i18n, i18n.language]);
  const errorFor = (path: string) => {
    const hit = Object.entries(context.errors).find(([p]) => owns(path, p) || owns(p, path));
    return hit ? translateErrorKey(i18n, hit[1]) : null;
  };
  return (
    <WizardFrame step="review" title={t('steps.review.title')} intro={t('steps.review.intro')} nextLabel={t('steps.review.next')}>
      {sections.map((section) => (
        <section key={section.id} className="review-section" aria-labelledby={`review-${section.id}`}>
          <h2 id={`review-${section.id}`} className="review-section-title">
            {section.title}
          </h2>
          <ul className="review-rows">
            {section.rows.map((row) => {
              const error = errorFor(row.path);
              return (
                <li key={row.path} className={error ? 'has-error' : undefined}>
                  <button type="button" className="review-row" data-path={row.path} data-testid={`review-${row.path}`} onClick={() => send({ type: 'EDIT', step: row.step, path: row.path })}>
                    <span className="review-label">{row.label}</span>
                    <span className="review-value">{row.value}</span>
                    <span className="review-edit" aria-hidden="true">
                      {t('review.edit')}
                    </span>
                  </button>
                  {error && (
                    <p className="field-error" role="alert">
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          {section.asked && (
            <ul className="review-asked" data-testid="review-asked">
              {section.asked.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </WizardFrame>
  );
}
