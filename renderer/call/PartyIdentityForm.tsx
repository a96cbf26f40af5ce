import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { typedPersonNameIssue } from '../../shared/application.js';
import type { Language } from '../../shared/intake.js';
import { IdLast4, PartyName } from '../../shared/rooms/joining.js';
import { KeyboardContext, type ActiveField, type KeyboardControl } from '../keyboard/keyboardContext.js';
import { FormKeyboard } from '../keyboard/FormKeyboard.js';
import { TextAnswer } from '../wizard/fields/TextAnswer.js';
import { ScrollArea } from '../ui/ScrollArea.js';

// A party's name (the kiosk's pinyin/handwriting keyboard, as the wizard's name questions) and the
// last 4 of their ID number (the ID pad, with X), which the hub checks against the case's party:
// joining a hearing by code (./JoinCodeIdentity.tsx) and reading a pending record
// (./PendingRecord.tsx). What is typed lives only in this form's state: it goes with the request
// and is gone when the form closes. The keyboard is the form's own, never the draft's.

const NAME = 'join.partyName';
const ID4 = 'join.idLast4';

export interface PartyClaim {
  name: string;
  idLast4: string;
}

interface PartyIdentityFormProps {
  language: Language;
  elderly: boolean;
  title: string;
  hint: string;
  /** Why the last claim was refused, translated, with its reason for tests; null: none yet. */
  refused: { reason: string; message: string } | null;
  /** A claim is on its way to the hub: the button waits. */
  busy?: boolean;
  onClaim: (claim: PartyClaim) => void;
  onBack: () => void;
}

export function PartyIdentityForm({ language, elderly, title, hint, refused, busy = false, onClaim, onBack }: PartyIdentityFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({ [NAME]: '', [ID4]: '' });
  const [active, setActive] = useState<ActiveField | null>(null);
  const keyboard: KeyboardControl = useMemo(() => ({ active, open: setActive, close: () => setActive(null) }), [active]);
  const name = PartyName.safeParse(values[NAME]);
  const id4 = IdLast4.safeParse(values[ID4]);
  // A name of letters, as the wizard's (digits: the ID ending typed in the wrong box), said beside
  // the field once it is left; the hub's schema stays as it was (an older kiosk's claim is read).
  const nameIssue = typedPersonNameIssue(values[NAME]);
  const nameError = nameIssue && active?.path !== NAME ? t(nameIssue) : null;
  // The ID pad gives digits and X only; four of them, or it says so beside the field.
  const id4Error = values[ID4] !== '' && !id4.success && active?.path !== ID4 ? t('call.code.idLast4Invalid') : null;
  const change = (path: string, value: string) => setValues((v) => ({ ...v, [path]: value }));

  return (
    <KeyboardContext.Provider value={keyboard}>
      <section className={`screen call-screen call-code call-code-identity${active ? ' has-own-keyboard' : ''}`} aria-labelledby="call-identity-title" data-testid="call-identity">
        <ScrollArea className="call-identity-scroll">
          <h1 id="call-identity-title" className="call-title">
            {title}
          </h1>
          <p className="call-hint">{hint}</p>
          {refused && (
            <p className="call-code-refused" role="alert" data-testid="call-code-refused" data-reason={refused.reason}>
              {refused.message}
            </p>
          )}
          <div className="call-identity-fields">
            <TextAnswer path={NAME} kind="name" label={t('call.code.name')} hint={null} value={values[NAME] ?? ''} error={nameError} maxLength={100} onChange={(v) => change(NAME, v)} />
            <TextAnswer
              path={ID4}
              kind="id"
              label={t('call.code.idLast4')}
              hint={t('call.code.idLast4Hint')}
              value={values[ID4] ?? ''}
              error={id4Error}
              maxLength={4}
              onChange={(v) => change(ID4, v)}
            />
          </div>
        </ScrollArea>
        {active ? (
          <FormKeyboard field={active} value={values[active.path] ?? ''} error={null} language={language} elderly={elderly} onChange={(v) => change(active.path, v)} onClose={() => setActive(null)} />
        ) : (
          <div className="action-bar call-actions">
            <button type="button" className="button button-secondary" data-testid="call-identity-back" onClick={onBack}>
              {t('call.back')}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="call-identity-next"
              disabled={busy || !name.success || nameIssue !== null || !id4.success}
              onClick={() => name.success && nameIssue === null && id4.success && onClaim({ name: name.data, idLast4: id4.data.toUpperCase() })}
            >
              {t('call.code.next')}
            </button>
          </div>
        )}
      </section>
    </KeyboardContext.Provider>
  );
}
