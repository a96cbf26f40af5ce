import { describe, expect, it } from 'vitest';
import { AgreementSignInput, KioskSignatureRequest, SignerQuery } from '../../shared/agreements/kioskSigning.js';
import { kioskSignerOf, nextPartyToSign, partiesToSign, signingOrder } from '../../shared/agreements/signingOrder.js';
import { requiredSigners } from '../../shared/cases/caseFile.js';

// Who signs a mediation agreement and in what order (shared/agreements/signingOrder.ts), and how a
// party proves who they are at a kiosk (shared/agreements/kioskSigning.ts).

const twoAndTwo = { applicants: 2, respondents: 2 };

describe('the signing order', () => {
  it('is every applicant, every respondent, then the mediator — the case rules’ signers, as the document lists them', () => {
    expect(signingOrder(twoAndTwo)).toEqual(['applicant:0', 'applicant:1', 'respondent:0', 'respondent:1', 'mediator:0']);
    expect(signingOrder(twoAndTwo)).toEqual(requiredSigners({ parties: twoAndTwo }));
  });

  it('invites the next party still missing at a kiosk, never the mediator, whoever signed first', () => {
    expect(nextPartyToSign({ applicants: 1, respondents: 1 }, [])).toEqual({ role: 'applicant', index: 0 });
    expect(nextPartyToSign({ applicants: 1, respondents: 1 }, ['applicant:0'])).toEqual({ role: 'respondent', index: 0 });
    // the respondent came first (at their own kiosk): the applicant is next
    expect(nextPartyToSign({ applicants: 1, respondents: 1 }, ['respondent:0'])).toEqual({ role: 'applicant', index: 0 });
    expect(nextPartyToSign({ applicants: 1, respondents: 1 }, ['applicant:0', 'respondent:0'])).toBeNull();
    expect(partiesToSign(twoAndTwo, ['applicant:1', 'mediator:0'])).toEqual([
      { role: 'applicant', index: 0 },
      { role: 'respondent', index: 0 },
      { role: 'respondent', index: 1 },
    ]);
  });

  it('takes only parties at a kiosk', () => {
    expect(kioskSignerOf('respondent:3')).toEqual({ role: 'respondent', index: 3 });
    for (const key of ['mediator:0', 'agent:0', 'judge:0', 'respondent', 'respondent:x', 'respondent:1:2', '']) expect(kioskSignerOf(key)).toBeNull();
  });
});

describe('a party proving who they are at a kiosk', () => {
  const provisionalNumber = 'KSK-1-261127-0001';

  it('by the filing’s phone, or by name and the last 4 of the ID number (X allowed), never both or neither', () => {
    expect(SignerQuery.safeParse({ provisionalNumber, mobile: '13812345678' }).success).toBe(true);
    expect(SignerQuery.safeParse({ provisionalNumber, name: '李四', idLast4: '024x' }).success).toBe(true);
    for (const bad of [
      { provisionalNumber },
      { provisionalNumber, name: '李四' },
      { provisionalNumber, name: '', idLast4: '0244' },
      { provisionalNumber, name: '李四', idLast4: '244' },
      { provisionalNumber, name: '李四', idLast4: 'X244' },
      { provisionalNumber, name: '李四', idLast4: '0244', mobile: '13812345678' },
    ])
      expect(SignerQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('gives the resident a translated message for each field', () => {
    const r = SignerQuery.options[1].safeParse({ provisionalNumber, name: ' ', idLast4: '12' });
    expect(r.success).toBe(false);
    expect(Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ name: 'errors.name.required', idLast4: 'errors.idLast4.format' });
  });

  it('carries the same proof with the signature, on the kiosk and to the court', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(AgreementSignInput.safeParse({ provisionalNumber, name: '李四', idLast4: '0244', documentId: 'd', pngDataUrl: png }).success).toBe(true);
    expect(KioskSignatureRequest.safeParse({ signatureId: crypto.randomUUID(), provisionalNumber, name: '李四', idLast4: '0244', documentId: 'd', imagePngBase64: 'iVBORw0KGgo=' }).success).toBe(true);
    expect(KioskSignatureRequest.safeParse({ signatureId: crypto.randomUUID(), provisionalNumber, name: '李四', documentId: 'd', imagePngBase64: 'iVBORw0KGgo=' }).success).toBe(false);
  });
});
