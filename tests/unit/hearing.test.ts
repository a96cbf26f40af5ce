import { describe, expect, it } from 'vitest';
import { hearingNone, hearingStep, hearingViewFor, maySpeak, RoomHearingFrame, type HearingState } from '../../shared/rooms/hearing.js';
import { may } from '../../shared/rooms/roleTable.js';

// The hearing rule of issue 12 item 5: only a judge opens, closes and holds the floor; "mute all"
// silences everyone but the judge; "give the floor" lets one more speak; nobody silenced may speak.

const judge = { identity: 'judge1', mayHold: may('judge', 'hold_hearing') };
const clerk = { identity: 'clerk1', mayHold: may('clerk', 'hold_hearing') };
const present = ['judge1', 'clerk1', 'KSK-1', 'join:respondent:0'];

function ok(r: ReturnType<typeof hearingStep>) {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r;
}

const opened = (): HearingState => ok(hearingStep(hearingNone, { step: 'open' }, judge, present)).state;

describe('the hearing rule', () => {
  it('lets only the judge open, hold the floor and close', () => {
    for (const role of ['mediator', 'guiding_judge', 'clerk', 'applicant', 'respondent', 'agent', 'interpreter', 'observer'] as const) {
      expect(may(role, 'hold_hearing'), role).toBe(false);
    }
    expect(hearingStep(hearingNone, { step: 'open' }, clerk, present)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const state = opened();
    for (const step of [{ step: 'mute_all' }, { step: 'give_floor', to: 'KSK-1' }, { step: 'open_floor' }, { step: 'close' }] as const) {
      expect(hearingStep(state, step, { identity: 'KSK-1', mayHold: false }, present), step.step).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('opens once, records who opened it, and takes no floor steps before or after', () => {
    const r = ok(hearingStep(hearingNone, { step: 'open' }, judge, present));
    expect(r.effects).toEqual([{ kind: 'opened', by: 'judge1' }]);
    expect(hearingStep(r.state, { step: 'open' }, judge, present)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(hearingStep(hearingNone, { step: 'mute_all' }, judge, present)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const closed = ok(hearingStep(r.state, { step: 'close' }, judge, present));
    expect(closed.effects).toEqual([{ kind: 'closed', by: 'judge1' }]);
    expect(hearingStep(closed.state, { step: 'give_floor', to: 'KSK-1' }, judge, present)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(hearingStep(closed.state, { step: 'open' }, judge, present)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('mute all: only the judge speaks; give the floor: the judge and that one participant', () => {
    const open = opened();
    expect(present.every((p) => maySpeak(open, p))).toBe(true);
    const quiet = ok(hearingStep(open, { step: 'mute_all' }, judge, present));
    expect(quiet.effects).toEqual([{ kind: 'floor', by: 'judge1', to: null, quiet: true }]);
    expect(present.filter((p) => maySpeak(quiet.state, p))).toEqual(['judge1']);
    const floor = ok(hearingStep(quiet.state, { step: 'give_floor', to: 'join:respondent:0' }, judge, present));
    expect(present.filter((p) => maySpeak(floor.state, p))).toEqual(['judge1', 'join:respondent:0']);
    // The floor moves: the one who had it is silenced again.
    const moved = ok(hearingStep(floor.state, { step: 'give_floor', to: 'KSK-1' }, judge, present));
    expect(present.filter((p) => maySpeak(moved.state, p))).toEqual(['judge1', 'KSK-1']);
    const all = ok(hearingStep(moved.state, { step: 'open_floor' }, judge, present));
    expect(present.every((p) => maySpeak(all.state, p))).toBe(true);
  });

  it('gives the floor only to someone in the room', () => {
    expect(hearingStep(opened(), { step: 'give_floor', to: 'join:agent:0' }, judge, present)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('shows each participant the floor by peer id and whether they are silenced', () => {
    const state = ok(hearingStep(opened(), { step: 'give_floor', to: 'KSK-1' }, judge, present)).state;
    const peerIdOf = (identity: string) => `peer-${identity}`;
    expect(hearingViewFor(hearingNone, 'KSK-1', peerIdOf)).toBeUndefined();
    expect(hearingViewFor(state, 'KSK-1', peerIdOf)).toEqual({ phase: 'open', floor: 'peer-KSK-1', quiet: true });
    expect(hearingViewFor(state, 'join:respondent:0', peerIdOf)).toEqual({ phase: 'open', floor: 'peer-KSK-1', quiet: true, silenced: true });
    expect(hearingViewFor(state, 'judge1', peerIdOf)).toEqual({ phase: 'open', floor: 'peer-KSK-1', quiet: true });
    expect(hearingViewFor({ phase: 'closed', judge: 'judge1' }, 'KSK-1', peerIdOf)).toEqual({ phase: 'closed' });
  });

  it('validates the frame: give_floor names exactly one participant', () => {
    const base = { t: 'room.hearing', ref: 1, callId: '00000000-0000-4000-8000-000000000001' };
    expect(RoomHearingFrame.safeParse({ ...base, step: 'open' }).success).toBe(true);
    expect(RoomHearingFrame.safeParse({ ...base, step: 'give_floor', peerId: 'abcdefgh12' }).success).toBe(true);
    expect(RoomHearingFrame.safeParse({ ...base, step: 'give_floor' }).success).toBe(false);
    expect(RoomHearingFrame.safeParse({ ...base, step: 'mute_all', peerId: 'abcdefgh12' }).success).toBe(false);
    expect(RoomHearingFrame.safeParse({ ...base, step: 'adjourn' }).success).toBe(false);
  });
});
