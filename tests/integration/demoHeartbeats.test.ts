import { afterEach, describe, expect, it } from 'vitest';
import { demoCredentialHash, demoTerminals } from '../../server/demo/demoCourt.js';
import { demoHeartbeatRound, SILENT_DEMO_TERMINALS } from '../../server/demo/demoHeartbeats.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import type { FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// The demo's terminals stay alive while `npm start -- --demo` runs: the demo heartbeat source
// reports for them through the hub's real heartbeat route with their demo credential, so the
// device view shows them online (and the profile's troubles as alerts), while the silent ones stay
// offline — not the wall of red a demo hub showed five minutes after it started.

describe('demo heartbeats', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  it('keep the demo terminals online through the real route, the silent ones not', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const picked = [0, 7, 12, 23].map((i) => ({ i, t: demoTerminals[i]! }));
    const at = new Date().toISOString();
    for (const { t } of picked) {
      await running.hub.terminals.enroll({ terminalId: t.terminalId, name: t.name, location: '', credentialHash: demoCredentialHash(t.terminalId), at });
    }
    // only the enrolled, not silent ones are taken (the others are not on this hub)
    expect(await demoHeartbeatRound(running.url)).toBe(picked.filter(({ i }) => !SILENT_DEMO_TERMINALS.has(i)).length);
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const fleet = (await (await fetch(`${running.url}${fleetPaths.fleet}`, { headers: { cookie: viewer.cookie } })).json()) as FleetAnswer;
    const health = Object.fromEntries(fleet.terminals.map((t) => [t.terminalId, t.health]));
    expect(health).toEqual({
      [demoTerminals[0]!.terminalId]: 'online',
      [demoTerminals[7]!.terminalId]: 'never_seen',
      [demoTerminals[12]!.terminalId]: 'degraded', // its outbox is stuck
      [demoTerminals[23]!.terminalId]: 'degraded', // out of paper
    });
  });
});
