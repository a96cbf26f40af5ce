import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskPartyIdQuery, type SignerQuery } from '../../shared/agreements/kioskSigning.js';
import { CaseStatusQuery } from '../../shared/caseStatus.js';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import { TextAnswer } from '../wizard/fields/TextAnswer.js';
import { translateErrorKey } from '../i18n/index.js';
import { KeyboardContext, type ActiveField, type KeyboardControl } from '../keyboard/keyboardContext.js';
import { FormKeyboard } from '../keyboard/FormKeyboard.js';
import { AgreementSigning } from './AgreementSigning.js';
import { CaseStatusResult, type CaseAnswer } from './CaseStatusResult.js';
import { MatchingReferenceCases } from './MatchingReferenceCases.js';
import { readAloud } from '../speech/readAloud.js';
import { showFirstProblem } from '../ui/firstProblem.js';
import { ScrollArea } from '../ui/ScrollArea.js';
import './caseStatus.css';

// "Check my case": the provisional number from the receipt and the phone number given in the
// application, typed on the kiosk's own keyboard (a capitals-and-digits pad for the number, the
// phone pad for the phone), then the agent asks the court. The screen keeps its own keyboard:
// these answers are not part of an application and must never reach the draft.
// A further party (the respondent, at this kiosk after the applicant or at another) opens the
// agreement with the number, their name and the last 4 of their ID number instead of the phone
// (shared/agreements/kioskSigning.ts); they see no case status, only the agreement to sign.

const NUMBER = 'check.provisionalNumber';
const MOBILE = 'check.mobile';
const NAME = 'check.partyName';
const ID4 = 'check.idLast4';
/** Which field each schema path is typed in. */
const fieldOf: Record<string, string> = { provisionalNumber: NUMBER, mobile: MOBILE, name: NAME, idLast4: ID4 };
const blank = (number: string) => ({ [NUMBER]: number, [MOBILE]: '', [NAME]: '', [ID4]: '' });

interface CheckCaseScreenProps {
  api: KioskApi;
  language: Language;
  elderly: boolean;
  onHome: () => void;
  /** A video call with a mediator about the case shown (its hub ticket); absent when calls are off. */
  onCallAboutCase?: ((caseTicket: string) => void) | undefined;
}

export function CheckCaseScreen({ api, language, elderly, onHome, onCallAboutCase }: CheckCaseScreenProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(blank(''));
  // 'phone': check my case (the applicant); 'party': another party opens the agreement to sign.
  const [mode, setMode] = useState<'phone' | 'party'>('phone');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [active, setActive] = useState<ActiveField | null>(null);
  const [checking, setChecking] = useState(false);
  const [answer, setAnswer] = useState<CaseAnswer | null>(null);
  // The checked number and phone, kept only while the court says an agreement waits for this
  // resident's signature: signing it asks the court again with them, without typing them twice.
  const [signer, setSigner] = useState<SignerQuery | null>(null);
  const [signing, setSigning] = useState(false);
  const keyboard: KeyboardControl = useMemo(() => ({ active, open: setActive, close: () => setActive(null) }), [active]);

  // Most residents check at the kiosk they filed at: its part of the number is typed for them.
  const [prefix, setPrefix] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('terminal.info').then((r) => {
      if (!live || !r.ok) return;
      setPrefix(`${r.value.terminalId}-`);
      setValues((v) => (v[NUMBER] === '' ? { ...v, [NUMBER]: `${r.value.terminalId}-` } : v));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const change = (path: string, value: string) => {
    setValues((v) => ({ ...v, [path]: value }));
    setErrors((e) => {
      const { [path]: _gone, ...rest } = e;
      return rest;
    });
  };

  const invalid = (issues: { path: PropertyKey[]; message: string }[]) => {
    const found: Record<string, string> = {};
    for (const issue of issues) found[fieldOf[String(issue.path[0])] ?? NUMBER] ??= issue.message;
    setErrors(found);
    setRefusals((n) => n + 1);
  };
  // Each refused check brings its first problem into view, once it is on screen.
  const screenRef = useRef<HTMLElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    if (screenRef.current) showFirstProblem(screenRef.current);
    // Senior mode reads what is wrong, as the wizard does: an elderly resident may not spot a red line.
    if (elderly)
      readAloud(
        Object.values(errors).map((key) => translateErrorKey(i18n, key)),
        language,
        true,
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per refused check; the errors are read as they are then
  }, [refusals]);

  const openAsParty = () => {
    setActive(null);
    const query = KioskPartyIdQuery.safeParse({ provisionalNumber: values[NUMBER], name: values[NAME], idLast4: values[ID4] });
    if (!query.success) return invalid(query.error.issues);
    setSigner(query.data);
    setSigning(true);
    // The name and ID digits have done their job; the agreement screen holds the query till it closes.
    setValues((v) => ({ ...v, [NAME]: '', [ID4]: '' }));
  };

  const check = async () => {
    setActive(null);
    const query = CaseStatusQuery.safeParse({ provisionalNumber: values[NUMBER], mobile: values[MOBILE] });
    if (!query.success) return invalid(query.error.issues);
    setChecking(true);
    const r = await api.call('case.status', query.data);
    setChecking(false);
    setAnswer(r.ok ? r.value : { kind: 'failed' });
    setSigner(r.ok && r.value.kind === 'court' && r.value.resident?.stage === 'agreement_to_sign' ? query.data : null);
    // A case found: the phone number has done its job and leaves the screen and memory. No
    // match (or no answer): both entries stay, so the resident can see and fix the one mistake.
    if (r.ok && (r.value.kind === 'court' || r.value.kind === 'kiosk')) setValues((v) => ({ ...v, [MOBILE]: '' }));
  };

  /** Back to the form with what was typed, after no match. */
  const correct = () => {
    setAnswer(null);
    setErrors({});
  };
  const found = answer !== null && (answer.kind === 'court' || answer.kind === 'kiosk');

  const again = (next: 'phone' | 'party' = 'phone', number = prefix) => {
    setAnswer(null);
    setSigner(null);
    setSigning(false);
    setErrors({});
    setMode(next);
    setValues(blank(number));
  };

  const error = (path: string) => (errors[path] ? translateErrorKey(i18n, errors[path]) : null);
  const activeError = active ? error(active.path) : null;

  // A call about the case just shown: the hub's ticket for it, when the kiosk takes calls.
  const callTicket = answer?.kind === 'court' && onCallAboutCase ? (answer.callTicket ?? null) : null;

  if (signing && signer) {
    return <AgreementSigning api={api} query={signer} onBack={() => again()} onNextParty={() => again('party', signer.provisionalNumber)} />;
  }

  return (
    <KeyboardContext.Provider value={keyboard}>
      <section ref={screenRef} className={`screen screen-check-case${active ? ' has-own-keyboard' : ''}`} aria-labelledby="check-case-title" data-testid="check-case">
        <ScrollArea className="check-case-scroll" screenKey={answer ? 'answer' : mode}>
          <header className="check-case-header">
            <h1 id="check-case-title" className="screen-title">
              {t('checkCase.title')}
            </h1>
            {!answer && <p className="screen-intro">{t(mode === 'party' ? 'checkCase.party.intro' : 'checkCase.intro')}</p>}
          </header>
          {answer ? (
            <>
              <CaseStatusResult answer={answer} />
              {answer.kind === 'court' && <MatchingReferenceCases api={api} disputeType={answer.disputeType} />}
            </>
          ) : (
            <div className="check-case-fields">
              <TextAnswer
                path={NUMBER}
                kind="reference"
                label={t('checkCase.provisionalNumber')}
                hint={prefix ? t('checkCase.provisionalNumberHint') : null}
                value={values[NUMBER] ?? ''}
                error={error(NUMBER)}
                maxLength={40}
                onChange={(v) => change(NUMBER, v)}
              />
              {mode === 'phone' ? (
                <TextAnswer
                  path={MOBILE}
                  kind="phone"
                  label={t('checkCase.mobile')}
                  hint={null}
                  value={values[MOBILE] ?? ''}
                  error={error(MOBILE)}
                  maxLength={20}
                  onChange={(v) => change(MOBILE, v)}
                />
              ) : (
                <>
                  <TextAnswer path={NAME} kind="name" label={t('checkCase.party.name')} hint={null} value={values[NAME] ?? ''} error={error(NAME)} maxLength={100} onChange={(v) => change(NAME, v)} />
                  <TextAnswer
                    path={ID4}
                    kind="id"
                    label={t('checkCase.party.idLast4')}
                    hint={t('checkCase.party.idLast4Hint')}
                    value={values[ID4] ?? ''}
                    error={error(ID4)}
                    maxLength={4}
                    onChange={(v) => change(ID4, v)}
                  />
                </>
              )}
            </div>
          )}
        </ScrollArea>
        {active ? (
          <FormKeyboard
            field={active}
            value={values[active.path] ?? ''}
            error={activeError}
            language={language}
            elderly={elderly}
            onChange={(v) => change(active.path, v)}
            onClose={() => setActive(null)}
          />
        ) : (
          <div className="action-bar">
            <div className="action-buttons">
              <button type="button" className="button button-secondary" data-testid="check-case-home" onClick={mode === 'party' ? () => again() : onHome}>
                {t(mode === 'party' ? 'checkCase.party.back' : 'checkCase.back')}
              </button>
              {!answer && mode === 'phone' && (
                <button type="button" className="button button-secondary" data-testid="check-case-party" onClick={() => again('party', values[NUMBER] ?? prefix)}>
                  {t('checkCase.party.open')}
                </button>
              )}
              {callTicket && (
                // In the bar, always in view: the next step a resident who has just read their case most often wants.
                <button
                  type="button"
                  className={`button ${signer ? 'button-secondary' : 'button-primary'} check-case-call-button`}
                  data-testid="check-case-call"
                  onClick={() => onCallAboutCase?.(callTicket)}
                >
                  <span aria-hidden="true" className="check-case-call-icon">
                    ☎
                  </span>
                  {t('checkCase.callAboutCase')}
                </button>
              )}
              {answer && signer && (
                <button type="button" className="button button-primary" data-testid="check-case-sign" onClick={() => setSigning(true)}>
                  {t('checkCase.signAgreement')}
                </button>
              )}
              {answer && !found ? (
                <button type="button" className="button button-primary" data-testid="check-case-correct" onClick={correct}>
                  {t('checkCase.correct')}
                </button>
              ) : answer ? (
                <button type="button" className={`button ${signer || callTicket ? 'button-secondary' : 'button-primary'}`} data-testid="check-case-again" onClick={() => again()}>
                  {t('checkCase.again')}
                </button>
              ) : mode === 'party' ? (
                <button type="button" className="button button-primary" data-testid="check-case-party-submit" onClick={openAsParty}>
                  {t('checkCase.party.submit')}
                </button>
              ) : (
                <button type="button" className="button button-primary" data-testid="check-case-submit" disabled={checking} aria-busy={checking} onClick={() => void check()}>
                  {checking ? t('checkCase.checking') : t('checkCase.submit')}
                </button>
              )}
            </div>
          </div>
        )}
      </section>
    </KeyboardContext.Provider>
  );
}
