import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidancePaths, OpenRooms } from '../../shared/rooms/guidance.js';
import { signallingPaths } from '../../shared/signalling.js';
import { answeredCall } from '../support/answeredCall.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { cookieOf, listedRooms, roomStream } from '../support/guidanceDesk.js';
import { openFrameClient, type FrameClient } from '../support/signallingClients.js';

// The guidance desk through an instance that does not hold the call desk (issue 13): a room
// answered through instance A (the holder) is listed to a judge on instance B, live, the same as on
// A; the judge joins it through B as guiding judge, and B's live list counts the judge; when the
// mediator ends the call the room leaves B's list. The list is the holder's, written to the
// database and announced on the bus (server/guidance/openRoomBoard.ts).

const cluster = { tickMs: 100, leaseMs: 1_500 };
const hubs: RunningHub[] = [];
const clients: FrameClient[] = [];
const track = (c: FrameClient): FrameClient => (clients.push(c), c);

beforeAll(async () => {
  const { databaseUrl } = await testDatabase(tempDir('hub-guidance-db-'));
  const common = { filesDir: tempDir('hub-guidance-files-'), databaseUrl, dataKey: randomBytes(32).toString('base64'), backup: false as const, signalling: { cluster } };
  const a = await startHub({ ...common, dataDir: tempDir('hub-guidance-a-') });
  hubs.push(a);
  await waitFor(() => a.hub.signalling.cluster?.holding() === true, 'instance A to hold the desk');
  hubs.push(await startHub({ ...common, dataDir: tempDir('hub-guidance-b-') }));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(hubs.map((h) => h.close()));
});

describe('the guidance desk on an instance that does not hold the call desk', () => {
  it('lists a room held through another instance, live, and lets a judge join it from there', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    expect(b.hub.signalling.cluster?.holding()).toBe(false);
    const { m, callId } = await answeredCall(a, track, { terminalId: 'KSK-GUIDE-B1', name: '东岗镇矛调中心', location: '城关区东岗镇' });
    const passwords = a.hub.initialPasswords.size > 0 ? a.hub.initialPasswords : b.hub.initialPasswords;
    const judgeCookie = await cookieOf(b.url, 'judge', passwords.get('judge')!);

    const listed = await waitFor(() => listedRooms(b.url, judgeCookie), 'the room in instance B’s list');
    expect(listed).toEqual([expect.objectContaining({ callId, mediator: '李调解', parties: 1, guides: 0 })]);
    // The same list through A.
    const onA = OpenRooms.parse(await (await fetch(a.url + guidancePaths.rooms, { headers: { cookie: await cookieOf(a.url, 'judge', passwords.get('judge')!) } })).json());
    expect(onA.rooms).toEqual(listed);

    const { events, until, cancel } = await roomStream(b.url, judgeCookie);
    try {
      await until(() => events().length >= 1);
      expect(events()[0]!.rooms.map((r) => r.callId)).toEqual([callId]);

      const origin = new URL(b.url).origin;
      const joined = await fetch(b.url + guidancePaths.join(callId), { method: 'POST', headers: { cookie: judgeCookie, origin } });
      expect(joined.status).toBe(201);
      const { pass } = (await joined.json()) as { pass: string };
      const g = track(await openFrameClient(`${b.url.replace('http', 'ws')}${signallingPaths.guest}?pass=${encodeURIComponent(pass)}`, { origin }));
      await g.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 2, 'the judge in the room, through B');
      await until(() => events().some((e) => e.rooms[0]?.guides === 1));

      m.send({ t: 'call.end', ref: 3, callId, outcome: 'settled', notes: '' });
      await until(() => events().at(-1)!.rooms.length === 0);
    } finally {
      await cancel();
    }
  });
});
