import { useTranslation } from 'react-i18next';
import { visibleFields, type AppDraft, type FieldSpec } from '../questions.js';
import { translateErrorKey } from '../../i18n/index.js';
import { ChoiceAnswer } from './ChoiceAnswer.js';
import { EthnicityAnswer } from './EthnicityAnswer.js';
import { TextAnswer } from './TextAnswer.js';

interface FieldListProps {
  specs: readonly FieldSpec[];
  /** Where the group's answers live ("applicant", "respondents.0"); "" for top-level answers. */
  base: string;
  answers: Record<string, unknown>;
  application: AppDraft;
  errors: Record<string, string>;
  onAnswer: (path: string, value: unknown) => void;
  /** Options to offer but not allow (e.g. video mediation without consent). */
  disabledOptions?: Record<string, readonly string[]>;
}

/** Renders a group of questions from their specs; hidden ones (by earlier answers) are skipped. */
export function FieldList({ specs, base, answers, application, errors, onAnswer, disabledOptions = {} }: FieldListProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {visibleFields(specs, answers, application).map((spec) => {
        const path = base ? `${base}.${spec.key}` : spec.key;
        const label = t(`fields.${spec.label}.label`);
        const hintKey = `fields.${spec.label}.hint`;
        // A hint that names a limit reads the field's own (one constant with the counter and the court).
        const hint = i18n.exists(hintKey) ? t(hintKey, { max: spec.maxLength }) : null;
        const error = errors[path] ? translateErrorKey(i18n, errors[path]) : null;
        const value = answers[spec.key];
        const onChange = (v: unknown) => onAnswer(path, v);
        switch (spec.kind) {
          case 'choice':
          case 'multi':
            return (
              <ChoiceAnswer
                key={`${path}/${spec.label}`}
                path={path}
                label={label}
                hint={hint}
                multiple={spec.kind === 'multi'}
                optional={spec.optional}
                options={(spec.options ?? []).map((o) => ({ value: o, label: t(`options.${spec.optionSet}.${o}`), disabled: disabledOptions[spec.key]?.includes(o) }))}
                value={value}
                error={error}
                onChange={onChange}
              />
            );
          case 'yesno':
            return (
              <ChoiceAnswer
                key={path}
                path={path}
                label={label}
                hint={hint}
                columns={2}
                options={[
                  { value: true, label: t('options.yesNo.yes') },
                  { value: false, label: t('options.yesNo.no') },
                ]}
                value={value}
                error={error}
                onChange={onChange}
              />
            );
          case 'ethnicity':
            return <EthnicityAnswer key={path} path={path} label={label} hint={hint} value={value} error={error} onChange={onChange} />;
          default:
            return (
              <TextAnswer
                key={`${path}/${spec.label}`}
                path={path}
                kind={spec.kind}
                label={label}
                hint={hint}
                optional={spec.optional}
                maxLength={spec.maxLength ?? 50}
                value={typeof value === 'string' ? value : ''}
                error={error}
                onChange={onChange}
              />
            );
        }
      })}
    </>
  );
}
