import { createHash } from 'node:crypto';
import { consolePaths } from '../../server/console/paths.js';
import type { CourtClient } from './courtClient.js';

// The console as a browser without script uses it (form posts, the session cookie), and a
// dispute carried through the court API to the steps a console test starts from.

export interface ConsoleAnswer {
  status: number;
  html: string;
  location: string | null;
}

export async function consoleRequest(base: string, cookie: string | null, path: string, form?: Record<string, string>): Promise<ConsoleAnswer> {
  const res = await fetch(`${base}${path}`, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: base } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}

/** Signs in through the console's form; the session cookie, or the answer that refused it. */
export async function consoleSignIn(base: string, username: string, password: string): Promise<{ cookie: string | null; answer: ConsoleAnswer }> {
  const res = await fetch(`${base}${consolePaths.login}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  return { cookie, answer: { status: res.status, html: await res.text(), location: res.headers.get('location') } };
}

/** The case ids of a work list or search, in the order shown. */
export const listedCases = (html: string): string[] => [...html.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`).toString('base64');

async function act(by: CourtClient, c: { caseId: string; seq: number }, type: string, payload: unknown = {}) {
  const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq } });
  if (res.status !== 201) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case as { caseId: string; seq: number; state: string; confirmationCaseId: string | null };
}

async function upload(by: CourtClient, caseId: string, kind: string, label: string): Promise<string> {
  const res = await by.call('uploadDocument', { params: { caseId }, body: { kind, mimeType: 'application/pdf', contentBase64: pdf(label) } });
  if (res.status !== 201) throw new Error(`upload: ${res.status}`);
  return res.body.documentId as string;
}

/**
 * A settled dispute's agreement drafted, signed by both parties and the mediator, completed, and
 * confirmation applied for (the agreement's own pages are another feature's): the 民特 case's id.
 */
export async function applyForConfirmation(mediator: CourtClient, clerk: CourtClient, caseId: string): Promise<string> {
  let c = (await mediator.call('getCase', { params: { caseId } })).body.case;
  const draft = await upload(mediator, caseId, 'agreement_draft', 'draft');
  c = await act(mediator, c, 'agreement.drafted', { documentId: draft });
  for (const role of ['applicant', 'respondent', 'mediator'])
    c = await act(mediator, c, 'agreement.signed', { documentId: draft, signer: { role, index: 0 }, method: 'desk', signatureSha256: sha(role) });
  c = await act(mediator, c, 'agreement.completed', { documentId: await upload(mediator, caseId, 'agreement_signed', 'signed') });
  c = await act(clerk, c, 'confirmation.applied');
  return c.confirmationCaseId!;
}

/** A ruling document uploaded by the judge to a 民特 case. */
export const uploadRuling = (judge: CourtClient, caseId: string): Promise<string> => upload(judge, caseId, 'ruling', '民事裁定书');
