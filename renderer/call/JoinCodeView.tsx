import { useEffect, useRef, useState } from 'react';
import './joinCode.css';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import { JOIN_CODE_DIGITS } from '../../shared/rooms/joining.js';
import type { CodeRefusal, JoinClaim } from './callFlow.js';
import { JoinCodeIdentity } from './JoinCodeIdentity.js';
import { codeRefusalMessage } from './joinCodeWords.js';
import { ScrollArea } from '../ui/ScrollArea.js';

// The meeting code the mediator gave a party (read out on the phone, or shown on a paper slip),
// typed on large keys: no system keyboard on a kiosk, and an elderly party sees each digit in its
// own box. Then the party's name and the last 4 of their ID number (./JoinCodeIdentity.tsx). The
// hub checks all three when the party taps "join" after the camera check; a wrong name or ID
// ending comes back here with the code kept.

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface JoinCodeViewProps {
  language: Language;
  elderly: boolean;
  refused: CodeRefusal | null;
  /** The code kept after a wrong name or ID ending: the screen opens at those. */
  keptCode: string | null;
  onJoin: (code: string, claim: JoinClaim) => void;
  onBack: () => void;
  /** The name + ID form is on screen (true) or gone: the kiosk's idle watch wipes it when untouched. */
  onHolding?: ((holding: boolean) => void) | undefined;
}

export function JoinCodeView({ language, elderly, refused, keptCode, onJoin, onBack, onHolding }: JoinCodeViewProps) {
  const [code, setCode] = useState<string | null>(keptCode);
  const identityShown = code !== null;
  useEffect(() => {
    onHolding?.(identityShown);
    return () => onHolding?.(false);
  }, [identityShown, onHolding]);
  if (code === null) return <JoinCodeKeypad elderly={elderly} refused={refused} onCode={setCode} onBack={onBack} />;
  return (
    <JoinCodeIdentity
      language={language}
      elderly={elderly}
      refused={refused?.reason === 'badIdentity' && code === keptCode ? 'badIdentity' : null}
      onClaim={(claim) => onJoin(code, claim)}
      onBack={() => setCode(null)}
    />
  );
}

function JoinCodeKeypad({ elderly, refused, onCode, onBack }: { elderly: boolean; refused: CodeRefusal | null; onCode: (code: string) => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const full = code.length === JOIN_CODE_DIGITS;
  // Elderly English on a landscape panel pushes the message below the fold of the scrolling body:
  // bring it into view when it comes and when the words change size (a frame later, once the
  // shell has set elderly mode's class on the page).
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => message.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [refused, i18n.language, elderly]);
  const type = (d: string) => setCode((c) => (c.length < JOIN_CODE_DIGITS ? c + d : c));
  return (
    <section className="screen call-screen call-code" aria-labelledby="call-code-title" data-testid="call-code">
      <ScrollArea className="call-code-body">
        <div className="call-code-text">
          <h1 id="call-code-title" className="call-title">
            {t('call.code.title')}
          </h1>
          <p className="call-hint">{t('call.code.hint')}</p>
          <p className="call-code-boxes" role="status" data-testid="call-code-digits" data-code={code} aria-label={t('call.code.typed', { digits: code.length, total: JOIN_CODE_DIGITS })}>
            {Array.from({ length: JOIN_CODE_DIGITS }, (_, i) => (
              <span key={i} className={`call-code-box${i === code.length ? ' is-next' : ''}`} aria-hidden="true">
                {code[i] ?? ''}
              </span>
            ))}
          </p>
          {refused && refused.reason !== 'badIdentity' && (
            <p ref={message} className="call-code-refused" role="alert" data-testid="call-code-refused" data-reason={refused.reason}>
              {codeRefusalMessage(t, refused)}
            </p>
          )}
        </div>
        <div className="call-code-keypad" role="group" aria-label={t('call.code.keypad')}>
          {KEYS.map((d) => (
            <button key={d} type="button" className="button call-code-key" data-testid={`call-code-key-${d}`} disabled={full} onClick={() => type(d)}>
              {d}
            </button>
          ))}
          <button type="button" className="button call-code-key call-code-key-action" data-testid="call-code-clear" disabled={code.length === 0} onClick={() => setCode('')}>
            {t('keyboard.clear')}
          </button>
          <button type="button" className="button call-code-key" data-testid="call-code-key-0" disabled={full} onClick={() => type('0')}>
            0
          </button>
          <button
            type="button"
            className="button call-code-key call-code-key-action"
            data-testid="call-code-backspace"
            aria-label={t('keyboard.backspace')}
            disabled={code.length === 0}
            onClick={() => setCode((c) => c.slice(0, -1))}
          >
            ⌫
          </button>
        </div>
      </ScrollArea>
      <div className="action-bar call-actions">
        <button type="button" className="button button-secondary" data-testid="call-code-back" onClick={onBack}>
          {t('call.back')}
        </button>
        <button type="button" className="button button-primary" data-testid="call-code-next" disabled={!full} onClick={() => onCode(code)}>
          {t('call.code.next')}
        </button>
      </div>
    </section>
  );
}
