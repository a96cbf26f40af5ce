import { requiredSigners } from '../cases/caseFile.js';

// Who signs a mediation agreement, in what order, and who may sign at a kiosk. The order is the
// case's signers as the document lists them (shared/cases/caseFile.ts `requiredSigners`): every
// applicant, every respondent, the mediator last. At a kiosk only a party signs (an applicant or a
// respondent, each for themselves, once); parties sign when they come — the same kiosk one after
// the other, or each at their own — and the kiosk invites the next party still missing. Read by
// the hub (which party a proven identity signs as), the kiosk (who is signing now, who is next)
// and the tests.

export const kioskSignerRoles = ['applicant', 'respondent'] as const;
export type KioskSignerRole = (typeof kioskSignerRoles)[number];

export interface KioskSigner {
  role: KioskSignerRole;
  index: number;
}

export const signerKey = (s: { role: string; index: number }): string => `${s.role}:${s.index}`;

/** `applicant:1` → the signer, when it is one a kiosk takes; null for the mediator or anything else. */
export function kioskSignerOf(key: string): KioskSigner | null {
  const [role, index, ...rest] = key.split(':');
  if (rest.length > 0 || !(kioskSignerRoles as readonly string[]).includes(role ?? '') || !/^\d{1,2}$/.test(index ?? '')) return null;
  return { role: role as KioskSignerRole, index: Number(index) };
}

/** Every signer of the agreement, in the order they sign and the document lists them. */
export function signingOrder(parties: { applicants: number; respondents: number }): string[] {
  return requiredSigners({ parties });
}

/** The parties still to sign at a kiosk, in order (the mediator signs at the desk). */
export function partiesToSign(parties: { applicants: number; respondents: number }, signedBy: readonly string[]): KioskSigner[] {
  const signed = new Set(signedBy);
  return signingOrder(parties)
    .filter((key) => !signed.has(key))
    .map(kioskSignerOf)
    .filter((s): s is KioskSigner => s !== null);
}

/** The next party the kiosk invites to sign, or null when every party has signed. */
export function nextPartyToSign(parties: { applicants: number; respondents: number }, signedBy: readonly string[]): KioskSigner | null {
  return partiesToSign(parties, signedBy)[0] ?? null;
}
