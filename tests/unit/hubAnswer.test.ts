import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseStatusQuery, IntakeStatusResponse } from '../../shared/caseStatus.js';
import { parseHubAnswer, safeParseHubAnswer } from '../../shared/hubAnswer.js';
import { parseJsonFrame } from '../../shared/jsonFrame.js';
import { HubToKioskFrame } from '../../shared/signalling.js';

// Version skew (issue 10): a kiosk updated later than the hub reads the hub's answers with the
// same strict schemas, but a field it does not know is dropped rather than failing the answer;
// every other rule still holds; and the hub still refuses an unknown field in what a kiosk sends.

const answer = {
  found: true,
  provisionalNumber: 'KSK01-2612050001',
  caseNumber: '（2026）甘0103民诉前调1号',
  disputeType: 'neighbour',
  receivedAt: '2026-12-05T08:00:00.000Z',
  stage: 'received',
  stageAt: '2026-12-05T08:00:00.000Z',
};

describe('reading hub answers across versions', () => {
  it('drops fields a newer hub added, at any depth and inside a union, and keeps the rest', () => {
    const newer = { ...answer, courtRoom: '第三调解室', resident: { stage: 'received', since: '2026-12-05', session: null, next: { step: 'await_diversion', dueDate: null, hint: 'new' } } };
    expect(IntakeStatusResponse.safeParse(newer).success).toBe(false); // the schema itself stays strict
    const read = parseHubAnswer(IntakeStatusResponse, newer);
    expect(read).toEqual({ ...answer, resident: { stage: 'received', since: '2026-12-05', session: null, next: { step: 'await_diversion', dueDate: null } } });
    expect(newer.courtRoom).toBe('第三调解室'); // the caller's object is left as it came

    const Either = z.object({ u: z.union([z.strictObject({ q: z.number() }), z.strictObject({ r: z.strictObject({ t: z.string() }) })]) });
    expect(parseHubAnswer(Either, { u: { r: { t: 'x', later: 1 } } })).toEqual({ u: { r: { t: 'x' } } });
  });

  it('still refuses an answer that breaks a known rule, with or without new fields', () => {
    expect(safeParseHubAnswer(IntakeStatusResponse, { ...answer, stage: 'teleported' }).success).toBe(false);
    expect(safeParseHubAnswer(IntakeStatusResponse, { ...answer, stage: 'teleported', courtRoom: 'x' }).success).toBe(false);
    expect(safeParseHubAnswer(IntakeStatusResponse, { found: true, courtRoom: 'x' }).success).toBe(false);
    expect(() => parseHubAnswer(IntakeStatusResponse, null)).toThrow(z.ZodError);
  });

  it('reads a signalling frame with a new field, and drops a frame that is not the protocol', () => {
    expect(parseJsonFrame(HubToKioskFrame, JSON.stringify({ t: 'hello', terminalId: 'KSK-01', call: null, region: 'west' }))).toEqual({ t: 'hello', terminalId: 'KSK-01', call: null });
    expect(parseJsonFrame(HubToKioskFrame, JSON.stringify({ t: 'hello', terminalId: 7, call: null }))).toBeNull();
    expect(parseJsonFrame(HubToKioskFrame, '{not json')).toBeNull();
  });

  it('reads an error code a newer hub added as REFUSED, so the frame still answers its request', () => {
    const frame = { t: 'error', ref: 3, code: 'SOMETHING_NEW', message: 'A newer refusal' };
    expect(parseJsonFrame(HubToKioskFrame, JSON.stringify(frame))).toEqual({ ...frame, code: 'REFUSED' });
    expect(parseJsonFrame(HubToKioskFrame, JSON.stringify({ ...frame, code: 'CODE_LOCKED' }))).toEqual({ ...frame, code: 'CODE_LOCKED' });
    // the rest of the frame's rules still hold
    expect(parseJsonFrame(HubToKioskFrame, JSON.stringify({ ...frame, ref: 'three' }))).toBeNull();
  });

  it('leaves the hub strict about what kiosks send', () => {
    expect(CaseStatusQuery.safeParse({ provisionalNumber: 'KSK01-2612050001', mobile: '13912345678' }).success).toBe(true);
    expect(CaseStatusQuery.safeParse({ provisionalNumber: 'KSK01-2612050001', mobile: '13912345678', extra: 1 }).success).toBe(false);
  });
});
