import { describe, expect, it } from 'vitest';
import { ChildMessage, ParentMessage } from '../../main/agent/processProtocol.js';

// The one schema file for main ↔ agent messages: what each side accepts, and that nothing else
// passes (both the supervisor and the process entry drop what does not parse).

describe('main ↔ agent process messages', () => {
  const init = { t: 'init', dataKey: 'a2V5', options: { dataDir: '/d', hubUrl: 'http://127.0.0.1:1', kind: 'electron' } };

  it('parent → child: init, contract calls, shutdown and host responses', () => {
    for (const m of [
      init,
      { t: 'call', id: 1, name: 'sync.status' },
      { t: 'call', id: 2, name: 'draft.save', input: { step: 'x' } },
      { t: 'shutdown' },
      { t: 'host.response', id: 3, ok: true, value: { printed: true } },
      { t: 'host.response', id: 4, ok: false, error: 'printReceipt failed' },
    ]) {
      expect(ParentMessage.safeParse(m).success, JSON.stringify(m)).toBe(true);
    }
  });

  it('child → parent: ready, results, events and host requests', () => {
    for (const m of [
      { t: 'ready' },
      { t: 'result', id: 1, result: { ok: true, value: null } },
      { t: 'event', name: 'sync.status', payload: {} },
      { t: 'host.request', id: 1, op: 'printReceipt', payload: { document: {}, auto: true } },
    ]) {
      expect(ChildMessage.safeParse(m).success, JSON.stringify(m)).toBe(true);
    }
  });

  it('refuses messages of the other direction, unknown kinds, host ops and malformed frames', () => {
    for (const m of [{ t: 'ready' }, { t: 'result', id: 1, result: null }, { t: 'init', options: init.options }, { t: 'call', id: -1, name: 'x' }, 'junk', null]) {
      expect(ParentMessage.safeParse(m).success, JSON.stringify(m)).toBe(false);
    }
    for (const m of [{ t: 'shutdown' }, init, { t: 'host.request', id: 1, op: 'formatDisk', payload: null }, { t: 'result', id: 1.5, result: null }, {}]) {
      expect(ChildMessage.safeParse(m).success, JSON.stringify(m)).toBe(false);
    }
  });
});
