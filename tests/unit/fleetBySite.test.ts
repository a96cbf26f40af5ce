import { describe, expect, it } from 'vitest';
import { fleetBySite } from '../../shared/terminals/terminalHealth.js';

// The wall's terminal summary (shared/terminals/terminalHealth.ts): counts per site, worst first.

describe('fleetBySite', () => {
  it('counts each site by health and puts the sites in trouble first', () => {
    const rows = fleetBySite([
      { siteId: 'a', health: 'online' },
      { siteId: 'b', health: 'online' },
      { siteId: 'b', health: 'degraded' },
      { siteId: 'c', health: 'offline' },
      { siteId: 'c', health: 'online' },
      { siteId: null, health: 'never_seen' },
    ]);
    expect(rows.map((r) => [r.siteId, r.worst])).toEqual([
      ['c', 'offline'],
      ['b', 'degraded'],
      ['', 'never_seen'],
      ['a', 'online'],
    ]);
    expect(rows[0]!.counts).toEqual({ online: 1, degraded: 0, offline: 1, never_seen: 0 });
  });

  it('is empty without terminals', () => {
    expect(fleetBySite([])).toEqual([]);
  });
});
