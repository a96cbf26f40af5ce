import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventActor } from '../../shared/cases/caseEvents.js';
import { applyEvent, foldCase, missingSigners, type CaseFile, type FoldEvent } from '../../shared/cases/caseFile.js';
import { decide, type Proposal } from '../../shared/cases/caseRules.js';
import type { CaseEventType, CaseKind } from '../../shared/cases/lifecycle.js';
import type { StaffRole } from '../../shared/staff/roles.js';
import { receivedEvent, receivedPayload } from '../support/receivedCase.js';

// The case fold and the rules over it, on the paths the seed article counts: diverted and
// settled, settled and confirmed, failed and filed, filed directly; plus every guard.

const sha = (c: string) => c.repeat(64);
const doc = (c = 'a') => ({ documentId: randomUUID(), sha256: sha(c), size: 1234 });
const staff = (role: StaffRole, username = role): EventActor => ({ kind: 'staff', username, role });
const scopes: Record<StaffRole, { role: StaffRole; organisationId?: string; siteId?: string }> = {
  court_admin: { role: 'court_admin' },
  filing_clerk: { role: 'filing_clerk' },
  judge: { role: 'judge' },
  judge_assistant: { role: 'judge_assistant' },
  mediator: { role: 'mediator', organisationId: 'org-qlh-people' },
  counter_staff: { role: 'counter_staff', siteId: 'site-xiyuan' },
  dashboard_viewer: { role: 'dashboard_viewer' },
};

/** Appends events through `decide` as the API would, failing the test on any refusal. */
class CaseScript {
  file: CaseFile;
  readonly events: FoldEvent[] = [];
  private clock = Date.parse('2026-03-02T01:00:00Z');
  constructor(kind: CaseKind = 'dispute', parties = { applicants: 1, respondents: 1 }) {
    const opening = receivedEvent({
      caseKind: kind,
      at: new Date(this.clock).toISOString(),
      siteId: 'site-xiyuan',
      payload: receivedPayload({ channel: 'counter', disputeType: 'private_loan', parties }),
    });
    this.events.push(opening);
    this.file = applyEvent(null, opening);
  }
  today(): string {
    return new Date(this.clock + 8 * 3_600_000).toISOString().slice(0, 10);
  }
  advanceDays(days: number): this {
    this.clock += days * 86_400_000;
    return this;
  }
  advanceMinutes(minutes: number): this {
    this.clock += minutes * 60_000;
    return this;
  }
  try(type: CaseEventType, payload: unknown, role: StaffRole = 'filing_clerk') {
    const proposal: Proposal = { type, payload, actor: staff(role), expectedSeq: this.file.seq };
    return decide(this.file, proposal, { today: this.today(), scope: scopes[role], now: new Date(this.clock).toISOString() });
  }
  do(type: CaseEventType, payload: unknown, role: StaffRole = 'filing_clerk'): FoldEvent {
    const decision = this.try(type, payload, role);
    expect(decision, `${type} by ${role} in ${this.file.state}`).toEqual({ ok: true });
    const e: FoldEvent = { eventId: randomUUID(), caseId: this.file.caseId, caseKind: this.file.kind, seq: this.file.seq + 1, type, at: new Date(this.clock).toISOString(), siteId: null, payload };
    this.events.push(e);
    this.file = applyEvent(this.file, e);
    return e;
  }
  divert() {
    return this.do('case.diverted', { caseNumber: '（2026）甘0103民诉前调1号', organisationId: 'org-qlh-people', consent: { method: 'in_person' }, mediationDueDate: '2026-04-01' });
  }
  settleAndSign() {
    const session = randomUUID();
    this.do('session.scheduled', { sessionId: session, startsAt: new Date(this.clock).toISOString(), mode: 'video' }, 'mediator');
    this.do('session.held', { sessionId: session, mode: 'video', minutes: 42 }, 'mediator');
    this.do('mediation.settled', { sessionId: session }, 'mediator');
    const draft = doc('b');
    this.do('agreement.drafted', { document: draft, version: 1 }, 'mediator');
    for (const signer of [
      { role: 'applicant', index: 0 },
      { role: 'respondent', index: 0 },
      { role: 'mediator', index: 0 },
    ]) {
      this.do('agreement.signed', { documentId: draft.documentId, signer, method: 'kiosk', signatureSha256: sha('c') }, 'mediator');
    }
    this.do('agreement.completed', { document: doc('d'), effectiveDate: this.today(), confirmationApplyBy: '2026-04-02' }, 'mediator');
  }
}

describe('case file: the fold', () => {
  it('carries a dispute from receipt through settlement to judicial confirmation', () => {
    const s = new CaseScript();
    expect(s.file.state).toBe('received');
    s.divert();
    expect(s.file).toMatchObject({ state: 'in_mediation', caseNumber: '（2026）甘0103民诉前调1号', divertedOn: '2026-03-02', mediationDueDate: '2026-04-01' });
    s.settleAndSign();
    expect(s.file.state).toBe('agreement_signed');
    s.do('confirmation.applied', { confirmationCaseId: randomUUID(), caseNumber: '（2026）甘0103民特1号', rulingDueDate: '2026-03-17' }, 'judge_assistant');
    expect(s.try('confirmation.confirmed', { document: doc('e') }, 'judge_assistant')).toMatchObject({ ok: false, refusal: { code: 'ROLE_NOT_ALLOWED', status: 403 } });
    s.do('confirmation.confirmed', { document: doc('e') }, 'judge');
    expect(s.file.state).toBe('confirmed');
    expect(foldCase(s.events)).toEqual(s.file); // the stored projection equals a rebuild from the log
  });

  it('files a failed mediation as a lawsuit, and a refused diversion directly', () => {
    const failed = new CaseScript();
    failed.divert();
    const outcome = failed.do('mediation.failed', { cause: 'no_agreement' }, 'mediator');
    expect(failed.file.outcomeEventId).toBe(outcome.eventId);
    failed.do('case.filed_as_lawsuit', { lawsuitCaseId: randomUUID(), lawsuitCaseNumber: '（2026）甘0103民初1号', route: 'after_mediation' });
    expect(failed.file.state).toBe('filed');

    const direct = new CaseScript();
    direct.do('case.filed_directly', { reason: 'refused_mediation', lawsuitCaseId: randomUUID(), lawsuitCaseNumber: '（2026）甘0103民初2号' });
    expect(direct.file.state).toBe('filed');
    expect(direct.try('case.diverted', {}).ok).toBe(false);
  });

  it('refuses a log that breaks the table or skips a seq', () => {
    const s = new CaseScript();
    const bad: FoldEvent = { ...s.events[0]!, eventId: randomUUID(), seq: 2, type: 'mediation.settled', payload: {} };
    expect(() => applyEvent(s.file, bad)).toThrow(/not allowed/);
    expect(() => applyEvent(s.file, { ...bad, seq: 3, type: 'note.added', payload: { text: 'x' } })).toThrow(/seq/);
  });
});

describe('case rules: guards beyond the table', () => {
  it('refuses a stale view, a wrong role, another organisation, and a bad payload', () => {
    const s = new CaseScript();
    s.divert();
    const stale = decide(s.file, { type: 'note.added', payload: { text: 'x' }, actor: staff('judge'), expectedSeq: 1 }, { today: s.today(), scope: scopes.judge, now: s.events.at(-1)!.at });
    expect(stale).toMatchObject({ ok: false, refusal: { code: 'STALE_CASE', status: 409 } });
    expect(s.try('mediation.settled', {}, 'filing_clerk')).toMatchObject({ refusal: { code: 'ROLE_NOT_ALLOWED' } });
    const otherOrg = decide(
      s.file,
      { type: 'mediation.settled', payload: {}, actor: staff('mediator') },
      { today: s.today(), scope: { role: 'mediator', organisationId: 'org-other' }, now: s.events.at(-1)!.at },
    );
    expect(otherOrg).toMatchObject({ refusal: { code: 'OUT_OF_SCOPE', status: 403 } });
    expect(s.try('note.added', { text: '' }, 'mediator')).toMatchObject({ refusal: { code: 'INVALID_PAYLOAD', status: 400 } });
    expect(s.try('note.added', { text: 'ok', extra: 1 }, 'mediator')).toMatchObject({ refusal: { code: 'INVALID_PAYLOAD' } });
  });

  it('tells a role it may never do something before telling it the case is not at that step', () => {
    const s = new CaseScript(); // received: nothing of a judge's applies yet
    expect(s.try('confirmation.confirmed', { document: doc() }, 'mediator')).toMatchObject({ refusal: { code: 'ROLE_NOT_ALLOWED', status: 403 } });
    expect(s.try('confirmation.confirmed', { document: doc() }, 'judge')).toMatchObject({ refusal: { code: 'TRANSITION_NOT_ALLOWED', status: 409 } });
  });

  it('extends mediation once, and not after the period has ended', () => {
    const s = new CaseScript();
    s.divert();
    const extension = { days: 15, newDueDate: '2026-04-16', agreedBy: { applicant: true, respondent: true } };
    expect(s.try('mediation.extended', { ...extension, agreedBy: { applicant: true } }, 'mediator').ok).toBe(false);
    s.do('mediation.extended', extension, 'mediator');
    expect(s.file.mediationDueDate).toBe('2026-04-16');
    expect(s.try('mediation.extended', extension, 'mediator')).toMatchObject({ refusal: { code: 'EXTENSION_USED' } });

    const late = new CaseScript();
    late.divert();
    late.advanceDays(31); // due 2026-04-01; today 2026-04-02
    expect(late.try('mediation.extended', extension, 'mediator')).toMatchObject({ refusal: { code: 'PERIOD_ENDED' } });
  });

  it('holds only scheduled sessions, once', () => {
    const s = new CaseScript();
    s.divert();
    const id = randomUUID();
    expect(s.try('session.held', { sessionId: id, mode: 'video', minutes: 5 }, 'mediator')).toMatchObject({ refusal: { code: 'SESSION_NOT_SCHEDULED' } });
    s.do('session.scheduled', { sessionId: id, startsAt: '2026-03-05T02:00:00Z', mode: 'in_person', siteId: 'site-xiyuan', place: '西园街道矛调中心 2 号调解室' }, 'mediator');
    s.advanceDays(3).advanceMinutes(60); // 2026-03-05 10:00 at the court, the session's start
    s.do('session.held', { sessionId: id, mode: 'in_person', minutes: 30 }, 'mediator');
    expect(s.try('session.cancelled', { sessionId: id }, 'mediator')).toMatchObject({ refusal: { code: 'SESSION_NOT_SCHEDULED' } });
  });

  it('holds a session once its start has come, never before, naming the start in court time; cancels it any time before', () => {
    const s = new CaseScript(); // today 2026-03-02 (09:00 at the court)
    s.divert();
    const id = randomUUID();
    // 00:30 on 2026-03-03 at the court is still 2026-03-02 in UTC: named as the court reads it
    s.do('session.scheduled', { sessionId: id, startsAt: '2026-03-02T16:30:00Z', mode: 'in_person', place: '调解室' }, 'mediator');
    const held = { sessionId: id, mode: 'in_person', minutes: 30 };
    expect(s.try('session.held', held, 'mediator')).toEqual({ ok: false, refusal: { code: 'SESSION_NOT_YET', status: 409, date: '2026-03-03 00:30' } });
    expect(s.try('session.cancelled', { sessionId: id }, 'mediator')).toEqual({ ok: true });
    s.advanceDays(1);
    s.do('session.held', held, 'mediator');
  });

  it('refuses a session recorded as held on its day but before its time (the walk: arranged for 09:09, recorded at 08:59), and holds it from its start', () => {
    const s = new CaseScript(); // 2026-03-02 09:00 at the court
    s.divert();
    const id = randomUUID();
    s.do('session.scheduled', { sessionId: id, startsAt: '2026-03-02T01:09:00Z', mode: 'in_person', place: '调解室' }, 'mediator'); // 09:09 at the court
    const held = { sessionId: id, mode: 'in_person', minutes: 40 };
    expect(s.try('session.held', held, 'mediator')).toEqual({ ok: false, refusal: { code: 'SESSION_NOT_YET', status: 409, date: '2026-03-02 09:09' } });
    s.advanceMinutes(8);
    expect(s.try('session.held', held, 'mediator')).toMatchObject({ refusal: { code: 'SESSION_NOT_YET' } });
    s.advanceMinutes(1); // 09:09: its start
    s.do('session.held', held, 'mediator');
  });

  it('refuses a second session held on one call (a call that ended before the arranged session became its own), holds it on another', () => {
    const s = new CaseScript(); // 2026-03-02 09:00 at the court
    s.divert();
    const arranged = randomUUID();
    s.do('session.scheduled', { sessionId: arranged, startsAt: '2026-03-02T01:10:00Z', mode: 'video' }, 'mediator'); // 09:10 at the court
    // the resident called at 09:00 and hung up at 09:08: the hub held the call as its own session
    const call = randomUUID();
    s.do('session.scheduled', { sessionId: call, startsAt: '2026-03-02T01:00:00Z', mode: 'video' }, 'mediator');
    s.advanceMinutes(8);
    s.do('session.held', { sessionId: call, mode: 'video', minutes: 8, callId: call }, 'mediator');
    expect(s.file.sessions.find((x) => x.sessionId === call)).toMatchObject({ status: 'held', callId: call });
    s.advanceMinutes(7); // 09:15: the arranged session's start has come
    expect(s.try('session.held', { sessionId: arranged, mode: 'video', minutes: 8, callId: call }, 'mediator')).toEqual({ ok: false, refusal: { code: 'CALL_ALREADY_HELD', status: 409 } });
    s.do('session.held', { sessionId: arranged, mode: 'video', minutes: 30, callId: randomUUID() }, 'mediator');
  });

  it('completes an agreement only when every party and the mediator have signed, each once', () => {
    const s = new CaseScript('dispute', { applicants: 2, respondents: 1 });
    s.divert();
    s.do('mediation.settled', {}, 'mediator');
    const draft = doc();
    const sign = (role: string, index = 0) => ({ documentId: draft.documentId, signer: { role, index }, method: 'desk', signatureSha256: sha('f') });
    expect(s.try('agreement.signed', sign('applicant'), 'mediator')).toMatchObject({ refusal: { code: 'AGREEMENT_NOT_DRAFTED' } });
    s.do('agreement.drafted', { document: draft, version: 1 }, 'mediator');
    s.do('agreement.signed', sign('applicant'), 'mediator');
    expect(s.try('agreement.signed', sign('applicant'), 'mediator')).toMatchObject({ refusal: { code: 'ALREADY_SIGNED' } });
    s.do('agreement.signed', sign('respondent'), 'mediator');
    s.do('agreement.signed', sign('mediator'), 'mediator');
    expect(missingSigners(s.file)).toEqual(['applicant:1']);
    const complete = { document: doc('9'), effectiveDate: s.today(), confirmationApplyBy: '2026-04-01' };
    expect(s.try('agreement.completed', complete, 'mediator')).toMatchObject({ refusal: { code: 'SIGNATURES_MISSING' } });
    s.do('agreement.signed', sign('applicant', 1), 'mediator');
    s.do('agreement.completed', complete, 'mediator');
    expect(s.file.state).toBe('agreement_signed');
  });

  it('accepts a joint application for confirmation only within 30 days of the agreement', () => {
    const s = new CaseScript();
    s.divert();
    s.settleAndSign(); // effective 2026-03-02, apply by 2026-04-02 (as written by the hub)
    s.advanceDays(32);
    expect(s.try('confirmation.applied', { confirmationCaseId: randomUUID(), caseNumber: '（2026）甘0103民特9号', rulingDueDate: '2026-04-18' }, 'judge_assistant')).toMatchObject({
      refusal: { code: 'PERIOD_ENDED' },
    });
  });

  it('reopens only by voiding the current outcome, or by resuming', () => {
    const s = new CaseScript();
    s.divert();
    const first = s.do('mediation.failed', { cause: 'party_absent' }, 'mediator');
    expect(s.try('case.reopened', { cause: 'recorded_in_error', voidsEventId: randomUUID() })).toMatchObject({ refusal: { code: 'NOT_THE_OUTCOME' } });
    s.do('case.reopened', { cause: 'recorded_in_error', voidsEventId: first.eventId });
    expect(s.file).toMatchObject({ state: 'in_mediation', outcomeEventId: null });
    s.do('mediation.settled', {}, 'mediator');
    expect(s.file.state).toBe('settled');
  });
});
