import { describe, expect, it } from 'vitest';
import { callFlowReducer, initialCallFlow, type CallFlowEvent, type CallFlowState } from '../../renderer/call/callFlow.js';

const callId = '3f0c1f8e-6a3b-4a53-9d3e-1d3b7f1a2b3c';
const run = (events: CallFlowEvent[], from: CallFlowState = initialCallFlow()) => events.reduce(callFlowReducer, from);
const state = (s: Record<string, unknown>): CallFlowEvent => ({ type: 'state', state: { callId, ...s } as never });

describe('kiosk call flow', () => {
  it('goes consent → preflight → queue → joining → live → ended', () => {
    const queued = run([{ type: 'consented' }, { type: 'callTapped' }, state({ state: 'queued', position: 2, estimatedWaitS: 200 })]);
    expect(queued).toMatchObject({ phase: 'queued', callId, position: 2, estimatedWaitS: 200 });
    const joining = run([state({ state: 'queued', position: 1, estimatedWaitS: 30 }), state({ state: 'ringing', mediatorName: '李调解' })], queued);
    expect(joining).toMatchObject({ phase: 'joining', mediatorName: '李调解' });
    const live = run([state({ state: 'connected' }), { type: 'mediaFlowing' }], joining);
    expect(live.phase).toBe('live');
    expect(run([state({ state: 'reconnecting' })], live).phase).toBe('live'); // the screen shows media state, not signalling
    expect(run([state({ state: 'ended', reason: 'mediator_hangup' })], live)).toMatchObject({ phase: 'ended', ended: 'mediatorHungUp' });
  });

  it('never returns to the queue once a mediator answered (answers can overtake each other)', () => {
    const s = run([{ type: 'consented' }, { type: 'callTapped' }, state({ state: 'ringing', mediatorName: 'M' }), state({ state: 'queued', position: 1 })]);
    expect(s.phase).toBe('joining');
    expect(run([{ type: 'mediaFlowing' }], s).phase).toBe('live');
  });

  it('ignores states of other calls and anything after the end', () => {
    const queued = run([{ type: 'consented' }, { type: 'callTapped' }, state({ state: 'queued', position: 1 })]);
    const other = callFlowReducer(queued, { type: 'state', state: { callId: '00000000-0000-4000-8000-000000000000', state: 'ended', reason: 'cancelled' } });
    expect(other).toBe(queued);
    const ended = run([{ type: 'leaveTapped' }], queued);
    expect(ended).toMatchObject({ phase: 'ended', ended: 'cancelled' });
    expect(run([state({ state: 'ringing' }), { type: 'mediaFlowing' }], ended)).toBe(ended);
    // A state before any request (a stale event) does not start a call.
    expect(callFlowReducer(initialCallFlow(), state({ state: 'queued', position: 1 })).phase).toBe('consent');
  });

  it('names every way a call can end', () => {
    const live = run([{ type: 'consented' }, { type: 'callTapped' }, state({ state: 'ringing' }), { type: 'mediaFlowing' }]);
    const reasons: Record<string, string> = {
      cancelled: 'cancelled',
      resident_hangup: 'youHungUp',
      mediator_hangup: 'mediatorHungUp',
      resident_lost: 'connectionLost',
      mediator_lost: 'connectionLost',
      queue_timeout: 'noAnswer',
      hub_restart: 'connectionLost',
      failed: 'connectionLost', // the call had been live: it was lost, not "could not connect"
    };
    for (const [reason, key] of Object.entries(reasons)) expect(run([state({ state: 'ended', reason })], live).ended).toBe(key);
    expect(run([{ type: 'leaveTapped' }], live).ended).toBe('youHungUp');
    expect(run([{ type: 'mediaGaveUp' }], live).ended).toBe('connectionLost');
    // a call whose media never flowed could not be connected
    const joining = run([{ type: 'consented' }, { type: 'callTapped' }, state({ state: 'ringing' })]);
    expect(joining.phase).toBe('joining');
    expect(run([{ type: 'mediaGaveUp' }], joining).ended).toBe('failed');
    expect(run([state({ state: 'ended', reason: 'failed' })], joining).ended).toBe('failed');
    expect(run([{ type: 'consented' }, { type: 'mediaFailed', denied: true }]).ended).toBe('denied');
    expect(run([{ type: 'consented' }, { type: 'mediaFailed', denied: false }]).ended).toBe('noDevices');
    expect(run([{ type: 'consented' }, { type: 'callTapped' }, { type: 'requestFailed' }]).ended).toBe('unavailable');
  });

  it('joins by code: code + name + ID ending → consent → preflight → joining; a refused code goes back to the code without asking consent again', () => {
    const claim = { name: '李四', idLast4: '1234' };
    const start = initialCallFlow(true);
    expect(start.phase).toBe('code');
    expect(run([{ type: 'consented' }, { type: 'callTapped' }], start).phase).toBe('code'); // nothing before a code
    const entered = run([{ type: 'codeEntered', code: '123456', claim }, { type: 'consented' }], start);
    expect(entered).toMatchObject({ phase: 'preflight', code: '123456', claim });
    // The name and ID ending leave the state with the join request.
    const asked = run([{ type: 'callTapped' }], entered);
    expect(asked).toMatchObject({ phase: 'requesting', code: '123456', claim: null });
    const refused = run([{ type: 'codeRefused', refusal: { joined: false, reason: 'badCode' } }], asked);
    expect(refused).toMatchObject({ phase: 'code', code: null, codeRefused: { reason: 'badCode' } });
    // too many tries: back at an empty keypad, with the hub's seconds to wait for the words
    const limited = run([{ type: 'codeRefused', refusal: { joined: false, reason: 'tooMany', retryAfterS: 40 } }], asked);
    expect(limited).toMatchObject({ phase: 'code', code: null, codeRefused: { reason: 'tooMany', retryAfterS: 40 } });
    const again = run([{ type: 'codeEntered', code: '654321', claim }], refused);
    expect(again).toMatchObject({ phase: 'preflight', code: '654321', codeRefused: null });
    const joined = run([{ type: 'callTapped' }, state({ state: 'ringing' })], again);
    expect(joined.phase).toBe('joining');
    expect(run([{ type: 'codeRefused', refusal: { joined: false, reason: 'tooMany', retryAfterS: 40 } }], joined).phase).toBe('joining'); // a late answer changes nothing
    expect(run([{ type: 'leaveTapped' }], start).ended).toBe('cancelled');
  });

  it('keeps the code after a wrong name or ID ending, to type those again, and forgets them on ending', () => {
    const claim = { name: '李四', idLast4: '1234' };
    const asked = run([{ type: 'codeEntered', code: '123456', claim }, { type: 'consented' }, { type: 'callTapped' }], initialCallFlow(true));
    expect(run([{ type: 'codeRefused', refusal: { joined: false, reason: 'badIdentity' } }], asked)).toMatchObject({
      phase: 'code',
      code: '123456',
      claim: null,
      codeRefused: { reason: 'badIdentity' },
    });
    const typed = run([{ type: 'codeEntered', code: '123456', claim }], initialCallFlow(true));
    expect(run([{ type: 'leaveTapped' }], typed)).toMatchObject({ phase: 'ended', claim: null });
  });
});
