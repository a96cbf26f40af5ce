import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeType } from '../../shared/disputeTypes.js';
import { DisputeTypeGrid } from '../components/DisputeTypeGrid.js';
import { TextField } from '../components/TextField.js';
import { formFields, type FieldErrors, type FormField, type FormValues } from '../flow/intakeFlow.js';
import { translateErrorKey } from '../i18n/index.js';

export const NAME_MAX = 50;
export const MOBILE_MAX = 20;
export const DESCRIPTION_MAX = 2000;

interface FormScreenProps {
  form: FormValues;
  fieldErrors: FieldErrors;
  formError: string | null;
  errorRevision: number;
  submitting: boolean;
  onFieldChange: (field: 'applicantName' | 'mobile' | 'description', value: string) => void;
  onDisputeType: (value: DisputeType) => void;
  onSubmit: () => void;
  onBack: () => void;
}

export function FormScreen(props: FormScreenProps) {
  const { form, fieldErrors, formError, errorRevision, submitting } = props;
  const { t, i18n } = useTranslation();
  const targets = useRef<Partial<Record<FormField, HTMLElement | null>>>({});
  const formErrorRef = useRef<HTMLParagraphElement>(null);
  const setTarget = (field: FormField) => (element: HTMLElement | null) => {
    targets.current[field] = element;
  };
  const err = (field: FormField) => {
    const key = fieldErrors[field];
    return key ? translateErrorKey(i18n, key) : null;
  };

  // After a failed check or submit, take the resident to the first thing to fix.
  useEffect(() => {
    if (errorRevision === 0) return;
    const first = formFields.find((f) => fieldErrors[f]);
    const target = first ? targets.current[first] : formErrorRef.current;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
    // Only a new revision moves focus; typing must not.
  }, [errorRevision]);

  return (
    <section className="screen screen-form" aria-labelledby="form-title">
      <form className="intake-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <div className="form-scroll">
          <header className="form-header">
            <h1 id="form-title" className="screen-title">
              {t('form.title')}
            </h1>
            <p className="screen-intro">{t('form.intro')}</p>
          </header>
          <div className="form-grid">
            <TextField
              name="applicantName"
              label={t('form.applicantName.label')}
              hint={t('form.applicantName.hint')}
              value={form.applicantName}
              error={err('applicantName')}
              disabled={submitting}
              maxLength={NAME_MAX}
              inputRef={setTarget('applicantName')}
              onChange={(v) => props.onFieldChange('applicantName', v)}
            />
            <TextField
              name="mobile"
              label={t('form.mobile.label')}
              hint={t('form.mobile.hint')}
              value={form.mobile}
              error={err('mobile')}
              disabled={submitting}
              maxLength={MOBILE_MAX}
              inputMode="numeric"
              inputRef={setTarget('mobile')}
              onChange={(v) => props.onFieldChange('mobile', v)}
            />
            <DisputeTypeGrid
              value={form.disputeType}
              error={err('disputeType')}
              disabled={submitting}
              onChoose={props.onDisputeType}
              focusTargetRef={setTarget('disputeType')}
            />
            <TextField
              name="description"
              label={t('form.description.label')}
              hint={t('form.description.hint')}
              value={form.description}
              error={err('description')}
              disabled={submitting}
              maxLength={DESCRIPTION_MAX}
              multiline
              footnote={t('form.description.counter', { count: form.description.length, max: DESCRIPTION_MAX })}
              inputRef={setTarget('description')}
              onChange={(v) => props.onFieldChange('description', v)}
            />
          </div>
        </div>
        <div className="action-bar">
          {formError && (
            <p ref={formErrorRef} tabIndex={-1} className="form-error" role="alert" data-testid="form-error">
              {translateErrorKey(i18n, formError)}
            </p>
          )}
          <div className="action-buttons">
            <button type="button" className="button button-secondary" data-testid="back" disabled={submitting} onClick={props.onBack}>
              {t('form.back')}
            </button>
            <button
              type="button"
              className="button button-primary button-submit"
              data-testid="submit"
              disabled={submitting}
              aria-busy={submitting}
              onClick={props.onSubmit}
            >
              {submitting ? t('form.submitting') : t('form.submit')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
