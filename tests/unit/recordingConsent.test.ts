import { describe, expect, it } from 'vitest';
import { consentAfterPresence, consentOff, consentStep, recordingViewFor, type ConsentState } from '../../shared/rooms/recordingConsent.js';

// The consent rule of issue 12 item 6: recording starts only when everyone present consented;
// one refusal ends the round; a newcomer while recording stops it; only a role that may record
// asks or stops.

const judge = { identity: 'judge1', mayRecord: true };
const party = (identity: string) => ({ identity, mayRecord: false });
const present = ['judge1', 'KSK-1', 'join:respondent:0'];

function ok(r: ReturnType<typeof consentStep>) {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r;
}

describe('recording consent', () => {
  it('starts only when every participant present has consented', () => {
    const asked = ok(consentStep(consentOff, 'ask', judge, present));
    expect(asked.state.phase).toBe('asking');
    expect(asked.effects).toEqual([{ kind: 'requested', by: 'judge1' }]);
    const one = ok(consentStep(asked.state, 'consent', party('KSK-1'), present));
    expect(one.state.phase).toBe('asking');
    expect(one.effects).toEqual([{ kind: 'consented', by: 'KSK-1' }]);
    const all = ok(consentStep(one.state, 'consent', party('join:respondent:0'), present));
    expect(all.state.phase).toBe('on');
    expect(all.effects).toEqual([{ kind: 'consented', by: 'join:respondent:0' }, { kind: 'started' }]);
  });

  it('ends the round on one refusal, with nothing started', () => {
    const asked = ok(consentStep(consentOff, 'ask', judge, present));
    const refused = ok(consentStep(asked.state, 'refuse', party('join:respondent:0'), present));
    expect(refused.state).toEqual(consentOff);
    expect(refused.effects).toEqual([{ kind: 'refused', by: 'join:respondent:0' }]);
    expect(consentStep(refused.state, 'consent', party('KSK-1'), present)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('lets only a role that may record ask or stop', () => {
    expect(consentStep(consentOff, 'ask', party('join:respondent:0'), present)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const on: ConsentState = { phase: 'on', present: new Set(present) };
    expect(consentStep(on, 'stop', party('KSK-1'), present)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(ok(consentStep(on, 'stop', judge, present)).effects).toEqual([{ kind: 'stopped', cause: 'stopped' }]);
  });

  it('does not let someone outside the room answer', () => {
    const asked = ok(consentStep(consentOff, 'ask', judge, present));
    expect(consentStep(asked.state, 'consent', party('KSK-9'), present)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('stops a recording when someone new is present, not when someone leaves', () => {
    const on: ConsentState = { phase: 'on', present: new Set(present) };
    expect(consentAfterPresence(on, ['judge1', 'KSK-1']).effects).toEqual([]);
    expect(consentAfterPresence(on, [...present, 'join:agent:0'])).toEqual({ state: consentOff, effects: [{ kind: 'stopped', cause: 'participant_changed' }] });
  });

  it('asks a newcomer too, and starts once a holdout leaves', () => {
    const asked = ok(consentStep(consentOff, 'ask', judge, ['judge1', 'KSK-1']));
    const joined = consentAfterPresence(asked.state, ['judge1', 'KSK-1', 'join:agent:0']);
    expect(joined.state.phase).toBe('asking');
    const consented = ok(consentStep(joined.state, 'consent', party('join:agent:0'), ['judge1', 'KSK-1', 'join:agent:0']));
    expect(consented.state.phase).toBe('asking');
    expect(consentAfterPresence(consented.state, ['judge1', 'join:agent:0']).effects).toEqual([{ kind: 'started' }]);
  });

  it('shows the prompt until one has answered, then the sign while on', () => {
    const asked = ok(consentStep(consentOff, 'ask', judge, present));
    expect(recordingViewFor(asked.state, 'KSK-1')).toEqual({ phase: 'asking', mustAnswer: true });
    expect(recordingViewFor(asked.state, 'judge1')).toEqual({ phase: 'asking' });
    expect(recordingViewFor({ phase: 'on', present: new Set(present) }, 'KSK-1')).toEqual({ phase: 'on' });
    expect(recordingViewFor(consentOff, 'KSK-1')).toBeUndefined();
  });
});
