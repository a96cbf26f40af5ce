import { describe, expect, it } from 'vitest';
import { careFirst, type TerminalHealth } from '../../shared/terminals/terminalHealth.js';

// The IT clerk's terminal list puts what needs someone on top: a resident waiting, then offline,
// then a device in trouble, then never reported; within each, the order the hub gave.

const t = (id: string, health: TerminalHealth, waiting = 0) => ({ id, health, helpRequests: Array.from({ length: waiting }) });

describe('terminals, care first', () => {
  it('a resident waiting, then offline, degraded, never seen, online; ties keep their order', () => {
    const list = [t('a', 'online'), t('b', 'never_seen'), t('c', 'offline'), t('d', 'degraded'), t('e', 'online', 1), t('f', 'offline')];
    expect(careFirst(list).map((x) => x.id)).toEqual(['e', 'c', 'f', 'd', 'b', 'a']);
  });

  it('leaves the list it was given as it was', () => {
    const list = [t('a', 'online'), t('b', 'offline')];
    careFirst(list);
    expect(list.map((x) => x.id)).toEqual(['a', 'b']);
  });
});
