import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import { IdLast4, PartyName, type TerminalJoinRefusal } from '../../shared/rooms/joining.js';
import { KeyboardContext, type ActiveField, type KeyboardControl } from '../keyboard/keyboardContext.js';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard.js';
import { readAloud } from '../speech/readAloud.js';
import { TextAnswer } from '../wizard/fields/TextAnswer.js';

// After the meeting code: the party's name (the kiosk's pinyin/handwriting keyboard, as the
// wizard's name questions) and the last 4 of their ID number (the ID pad, with X), which the hub
// checks against the case's party the code was issued for (server/rooms/partyIdentity.ts, the
// join page's check). What is typed lives only in this screen's state: it goes with the join
// request and is gone when the screen closes. The keyboard is the screen's own, never the draft's.

const NAME = 'join.partyName';
const ID4 = 'join.idLast4';

export interface PartyClaim {
  name: string;
  idLast4: string;
}

interface JoinCodeIdentityProps {
  language: Language;
  elderly: boolean;
  refused: TerminalJoinRefusal | null;
  onClaim: (claim: PartyClaim) => void;
  /** Back to the code's keypad. */
  onBack: () => void;
}

export function JoinCodeIdentity({ language, elderly, refused, onClaim, onBack }: JoinCodeIdentityProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({ [NAME]: '', [ID4]: '' });
  const [active, setActive] = useState<ActiveField | null>(null);
  const keyboard: KeyboardControl = useMemo(() => ({ active, open: setActive, close: () => setActive(null) }), [active]);
  const name = PartyName.safeParse(values[NAME]);
  const id4 = IdLast4.safeParse(values[ID4]);
  // The ID pad gives digits and X only; four of them, or it says so beside the field.
  const id4Error = values[ID4] !== '' && !id4.success && active?.path !== ID4 ? t('call.code.idLast4Invalid') : null;
  const change = (path: string, value: string) => setValues((v) => ({ ...v, [path]: value }));

  return (
    <KeyboardContext.Provider value={keyboard}>
      <section className={`screen call-screen call-code call-code-identity${active ? ' has-own-keyboard' : ''}`} aria-labelledby="call-identity-title" data-testid="call-identity">
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
        <div className="call-identity-scroll" tabIndex={0}>
          <h1 id="call-identity-title" className="call-title">
            {t('call.code.identityTitle')}
          </h1>
          <p className="call-hint">{t('call.code.identityHint')}</p>
          {refused && (
            <p className="call-code-refused" role="alert" data-testid="call-code-refused" data-reason={refused}>
              {t(`call.code.${refused}`)}
            </p>
          )}
          <div className="call-identity-fields">
            <TextAnswer path={NAME} kind="name" label={t('call.code.name')} hint={null} value={values[NAME] ?? ''} error={null} maxLength={100} onChange={(v) => change(NAME, v)} />
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
        </div>
        {active ? (
          <OnScreenKeyboard
            key={active.path}
            field={active}
            value={values[active.path] ?? ''}
            error={null}
            language={language}
            onChange={(v) => change(active.path, v)}
            onDone={() => {
              setActive(null);
              (document.activeElement as HTMLElement | null)?.blur();
            }}
            onSpeak={() => readAloud([active.label], language, elderly)}
          />
        ) : (
          <div className="action-bar call-actions">
            <button type="button" className="button button-secondary" data-testid="call-identity-back" onClick={onBack}>
              {t('call.back')}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="call-identity-next"
              disabled={!name.success || !id4.success}
              onClick={() => name.success && id4.success && onClaim({ name: name.data, idLast4: id4.data.toUpperCase() })}
            >
              {t('call.code.next')}
            </button>
          </div>
        )}
      </section>
    </KeyboardContext.Provider>
  );
}
