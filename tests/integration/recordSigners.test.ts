import { afterEach, describe, expect, it } from 'vitest';
import { hearing, hearingRooms, nextFrameRef, roomOf, type Cleanup } from '../support/hearingRoom.js';
import { enrollTerminal, kioskClient } from '../support/signallingClients.js';

// Each party of a hearing signs its record as itself (issue 12 item 5): a second respondent who
// joined by code at their own village's kiosk, after the name + ID ending check, is signer
// `respondent:1` — not `respondent:0`, the first respondent on the join page. Two parties of one role
// must be two signers, or one's signature would overwrite the other's in the signed record and the
// record's identity check would ask for the wrong party. Runs on SQLite and PostgreSQL.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom, track } = hearingRooms(cleanup);

const SECOND = { name: '赵六', idNumber: '620102198003035672' };

describe('signers of a hearing record', () => {
  it('a respondent joined by code at a second kiosk signs as that respondent, beside the first', async () => {
    const { h, j, callId, invite } = await hearingRoom('judge', [SECOND]);
    const { code } = await invite('respondent');
    const second = track(await kioskClient(h.url, await enrollTerminal(h.url, 'KSK-HEAR-2')));
    await second.next((f) => f.t === 'hello', 'second kiosk hello');
    second.send({ t: 'call.join', ref: 3, code, name: SECOND.name, idLast4: SECOND.idNumber.slice(-4), language: 'zh-CN' });
    expect(await second.next((f) => (f.t === 'call.state' || f.t === 'error') && f.ref === 3, 'the join answer')).toMatchObject({ t: 'call.state' });
    const lobby = await j.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'the second respondent in the lobby');
    j.send({ t: 'room.act', ref: nextFrameRef(), callId, action: 'admit', peerId: roomOf(lobby).lobby![0]!.peerId });
    await second.next((f) => f.t === 'room' && !roomOf(f).waiting && roomOf(f).peers.length > 0, 'the second respondent in the room');

    expect(await hearing(j, callId, 'open')).toMatchObject({ t: 'room.done' });
    const ref = nextFrameRef();
    j.send({ t: 'room.record.save', ref, callId, baseVersion: 0, text: '审判员：现在开庭。' });
    await j.next((f) => f.t === 'room.record' && f.ref === ref, 'saved');
    expect(await hearing(j, callId, 'close')).toMatchObject({ t: 'room.done' });
    await second.next((f) => f.t === 'room.record', 'the second respondent is asked to sign');

    const signers = await h.hub.database.db.selectFrom('record_signers').select(['identity', 'signer']).where('call_id', '=', callId).orderBy('signer').execute();
    expect(signers.map((s) => s.signer)).toEqual(['applicant:0', 'respondent:0', 'respondent:1']);
    expect(signers.find((s) => s.signer === 'respondent:1')?.identity).toBe('KSK-HEAR-2');
  });
});
