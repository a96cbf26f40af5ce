import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementLookup, KioskAgreement, SignerQuery } from '../../shared/agreements/kioskSigning.js';
import { kioskSignerOf, signerKey, type KioskSigner } from '../../shared/agreements/signingOrder.js';
import type { KioskApi } from '../../shared/contract.js';
import { minutesToWait } from '../../shared/wrongGuesses.js';
import { translateErrorKey } from '../i18n/index.js';
import { SignaturePadField } from '../ui/SignaturePadField.js';
import { ScrollArea } from '../ui/ScrollArea.js';

// A party reads the agreement the court drew up (the resident's view: no party's ID number or
// address) and signs it by hand. Who they are was settled before (number and phone: the applicant;
// number, name and last 4 of ID: that party), and the screen says throughout who is signing now;
// once they have signed, it names the next party still to sign, who may sign here at once.
// the agent reads the text from the court, and commits the signature with its outbox job before
// this screen says "saved": the court gets it even if the network drops now.

type Phase = { kind: 'loading' } | { kind: 'read'; lookup: AgreementLookup } | { kind: 'signing' } | { kind: 'signed'; next: KioskSigner | null; label: string | null } | { kind: 'failed' };

/** The place the document gives a signer ("被申请人：李四"), if it lists one. */
function placeLabel(agreement: KioskAgreement, signer: { role: string; index: number }): string | null {
  const key = signerKey(signer);
  for (const b of agreement.document.blocks) if (b.kind === 'signatures') return b.places.find((p) => p.signer === key)?.label ?? null;
  return null;
}

/** The party to sign after this one, in signing order (shared/agreements/signingOrder.ts). */
function nextAfter(agreement: KioskAgreement): KioskSigner | null {
  const me = signerKey(agreement.signer);
  return (
    agreement.missing
      .filter((key) => key !== me)
      .map(kioskSignerOf)
      .find((s) => s !== null) ?? null
  );
}

interface AgreementSigningProps {
  api: KioskApi;
  query: SignerQuery;
  onBack: () => void;
  /** Another party signs at this kiosk now (they prove who they are first). */
  onNextParty: () => void;
}

export function AgreementSigning({ api, query, onBack, onNextParty }: AgreementSigningProps) {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read first, on a screen of its own; then the pad, on a screen of its own (both fit a kiosk).
  const [padOpen, setPadOpen] = useState(false);

  useEffect(() => {
    let live = true;
    void api.call('agreement.read', query).then((r) => {
      if (live) setPhase(r.ok ? { kind: 'read', lookup: r.value } : { kind: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [api, query]);

  const sign = async (agreement: KioskAgreement) => {
    if (!signature) {
      setError(translateErrorKey(i18n, 'errors.signature.required'));
      return;
    }
    setPhase({ kind: 'signing' });
    const r = await api.call('agreement.sign', { ...query, documentId: agreement.documentId, pngDataUrl: signature });
    const next = nextAfter(agreement);
    setPhase(r.ok ? { kind: 'signed', next, label: next ? placeLabel(agreement, next) : null } : { kind: 'failed' });
    if (r.ok) setSignature(null);
  };

  const message = (key: string, options?: Record<string, unknown>) => (
    <p className="agreement-message" role="status" data-testid="agreement-message" data-kind={key}>
      {t(`checkCase.agreement.${key}`, options)}
    </p>
  );

  let body;
  let agreement: KioskAgreement | null = null;
  if (phase.kind === 'loading') body = message('loading');
  else if (phase.kind === 'signed')
    body = (
      <>
        {message('signed')}
        {phase.next && (
          <p className="agreement-next" data-testid="agreement-next" data-signer={signerKey(phase.next)}>
            {t('checkCase.agreement.nextParty', { role: t(`checkCase.agreement.role.${phase.next.role}`) })}
            {phase.label && (
              <span className="agreement-signer-label" lang="zh-CN">
                {phase.label}
              </span>
            )}
          </p>
        )}
      </>
    );
  else if (phase.kind === 'failed') body = message('failed');
  else if (phase.kind === 'signing') body = message('signing');
  else if (phase.lookup.kind === 'none') body = message('none');
  else if (phase.lookup.kind === 'unreachable') body = message('unreachable');
  else if (phase.lookup.kind === 'rate_limited') body = message('rateLimited', { minutes: minutesToWait(phase.lookup.retryAfterS) });
  else {
    agreement = phase.lookup.agreement;
    body = (
      <>
        <p className="agreement-signer" data-testid="agreement-signer" data-signer={signerKey(agreement.signer)}>
          {t('checkCase.agreement.signingAs', { role: t(`checkCase.agreement.role.${agreement.signer.role}`) })}
          {placeLabel(agreement, agreement.signer) && (
            <span className="agreement-signer-label" lang="zh-CN">
              {placeLabel(agreement, agreement.signer)}
            </span>
          )}
        </p>
        {!padOpen && <AgreementText agreement={agreement} />}
        {agreement.signed && message('alreadySigned')}
        {padOpen && (
          <SignaturePadField
            testId="agreement-signature"
            signature={signature}
            error={error}
            line={t('checkCase.agreement.signHere')}
            onSigned={(png) => {
              setSignature(png);
              setError(null);
            }}
            onCleared={() => setSignature(null)}
          />
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="agreement-error">
            {error}
          </p>
        )}
      </>
    );
  }
  const maySign = agreement && !agreement.signed;

  return (
    <section className="screen screen-check-case" aria-labelledby="agreement-title" data-testid="agreement-signing">
      <ScrollArea className="check-case-scroll" screenKey={padOpen ? 'pad' : 'reading'}>
        <div className="agreement-reading">
          <header>
            <h1 id="agreement-title" className="screen-title">
              {t('checkCase.agreement.title')}
            </h1>
            {maySign && <p className="screen-intro">{t(padOpen ? 'checkCase.agreement.signIntro' : 'checkCase.agreement.intro')}</p>}
          </header>
          {body}
        </div>
      </ScrollArea>
      <div className="action-bar">
        <div className="action-buttons">
          <button type="button" className="button button-secondary" data-testid="agreement-back" disabled={phase.kind === 'signing'} onClick={maySign && padOpen ? () => setPadOpen(false) : onBack}>
            {t(maySign && padOpen ? 'checkCase.agreement.reread' : 'checkCase.agreement.back')}
          </button>
          {maySign && !padOpen && (
            <button type="button" className="button button-primary" data-testid="agreement-to-pad" onClick={() => setPadOpen(true)}>
              {t('checkCase.agreement.toPad')}
            </button>
          )}
          {maySign && padOpen && (
            <button type="button" className="button button-primary" data-testid="agreement-sign" onClick={() => void sign(agreement!)}>
              {t('checkCase.agreement.sign')}
            </button>
          )}
          {phase.kind === 'signed' && phase.next && (
            <button type="button" className="button button-primary" data-testid="agreement-next-party" onClick={onNextParty}>
              {t('checkCase.agreement.nextPartyButton')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

/** The document's blocks as the court drew them: headings, paragraphs, numbered clauses, who signs. */
function AgreementText({ agreement }: { agreement: KioskAgreement }) {
  const d = agreement.document;
  return (
    <article className="agreement-document" data-testid="agreement-document" lang="zh-CN">
      <h2>{d.title}</h2>
      {d.reference && <p className="agreement-reference">{d.reference}</p>}
      {d.blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            return <h3 key={i}>{b.text}</h3>;
          case 'paragraph':
            return <p key={i}>{b.text}</p>;
          case 'clause':
            return (
              <p key={i}>
                {b.number}. {b.text}
              </p>
            );
          case 'signatures':
            return (
              <ul key={i}>
                {b.places.map((p) => (
                  <li key={p.signer}>{p.label}</li>
                ))}
              </ul>
            );
          case 'closing':
            return b.lines.map((line, j) => <p key={`${i}-${j}`}>{line}</p>);
        }
      })}
    </article>
  );
}
