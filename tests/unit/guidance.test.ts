import { describe, expect, it } from 'vitest';
import type { CallRoom, RoomPeer } from '../../shared/call.js';
import type { PublishedReferenceCase } from '../../shared/referenceCases/referenceCase.js';
import { casesForRoom, guideAnnouncement, guidesIn, mayGuide, openRoomsList, type RoomFacts } from '../../shared/rooms/guidance.js';
import { fitsRoom, SHARED_CASE_MAX_BYTES } from '../../shared/rooms/roomShare.js';
import { staffRoles } from '../../shared/staff/roles.js';
import { shareIntoRoom } from '../../server/guidance/roomShare.js';
import type { ParticipantLink } from '../../server/signalling/participant.js';
import { Room, type RoomOutbound } from '../../server/signalling/rooms.js';

// Guidance (issue 12 item 4): who may open the desk, what its list says, which cases a room is
// offered first, who is announced, and who may share a case into a room (the role table).

const card = (id: string, disputeType: PublishedReferenceCase['disputeType'], facts = '事实'): PublishedReferenceCase => ({
  referenceCaseId: id,
  version: 1,
  disputeType,
  title: { zh: `案例 ${id}`, en: null },
  facts: { zh: facts, en: null },
  outcome: { zh: '调解成功', en: null },
  legalBasis: { zh: '民法典', en: null },
});

describe('the guidance desk’s rules', () => {
  it('opens to judges and the court admin only', () => {
    expect(staffRoles.filter(mayGuide)).toEqual(['court_admin', 'judge']);
  });

  it('lists rooms oldest first, counting parties (the kiosk caller is the applicant) and guiding judges', () => {
    const base = { site: '东岗镇', caseNumber: null, disputeType: 'neighbour', mediator: '李调解' };
    const facts: RoomFacts[] = [
      { ...base, callId: 'b', startedAt: '2026-12-05T02:00:00.000Z', roles: ['resident', 'mediator', 'respondent', 'agent', 'observer', 'guiding_judge'] },
      { ...base, callId: 'a', startedAt: '2026-12-05T01:00:00.000Z', roles: ['resident', 'mediator'] },
    ];
    expect(openRoomsList(facts).map((r) => [r.callId, r.parties, r.guides])).toEqual([
      ['a', 1, 0],
      ['b', 3, 1],
    ]);
  });

  it('offers the room’s dispute type first, then the rest of the library', () => {
    const all = [card('1', 'labour'), card('2', 'neighbour'), card('3', 'private_loan'), card('4', 'neighbour')];
    expect(casesForRoom(all, 'neighbour').map((c) => c.referenceCaseId)).toEqual(['2', '4', '1', '3']);
    expect(casesForRoom(all, null).map((c) => c.referenceCaseId)).toEqual(['1', '2', '3', '4']);
  });

  it('announces each guiding judge in the room, in the reader’s language', () => {
    const judge: RoomPeer = { peerId: 'judge-peer-1', role: 'guiding_judge', displayName: '王' };
    const mediator: RoomPeer = { peerId: 'mediator-peer', role: 'mediator' };
    expect(guidesIn([mediator, judge])).toEqual([judge]);
    expect(guidesIn([mediator])).toEqual([]);
    expect(guideAnnouncement(judge, 'zh-CN')).toBe('王 法官已加入指导');
    expect(guideAnnouncement(judge, 'en')).toBe('Judge 王 has joined to guide');
    expect(guideAnnouncement({}, 'en')).toBe('A guiding judge has joined');
  });

  it('keeps a shared card small enough for the room’s frames', () => {
    expect(fitsRoom(card('1', 'labour'))).toBe(true);
    expect(fitsRoom(card('1', 'labour', '字'.repeat(SHARED_CASE_MAX_BYTES / 3 + 1)))).toBe(false);
  });
});

describe('sharing into a room', () => {
  const ice = { iceServers: [], iceTransportPolicy: 'all' as const };
  function inbox(): ParticipantLink & { last(): CallRoom } {
    const frames: RoomOutbound[] = [];
    return { send: (f) => frames.push(f), last: () => (frames.filter((f) => f.t === 'room').pop() as { room: CallRoom }).room };
  }
  function room() {
    const r = new Room('00000000-0000-4000-8000-000000000002');
    const links = { mediator: inbox(), applicant: inbox(), judge: inbox(), waiting: inbox() };
    r.join({ identity: 'med1', role: 'mediator', displayName: '李调解', ice, link: links.mediator });
    r.join({ identity: 'kiosk1', role: 'resident', ice, link: links.applicant });
    r.join({ identity: 'judge', role: 'guiding_judge', displayName: '王', ice, link: links.judge });
    r.join({ identity: 'join:respondent:0', role: 'respondent', ice, link: links.waiting, admitted: false });
    return { r, links };
  }
  const lookup = async (id: string) => (id === 'published' ? card('published', 'neighbour') : null);

  it('lets the guiding judge and the mediator share; every admitted screen shows the card, by whom', async () => {
    const { r, links } = room();
    expect(await shareIntoRoom(r, 'judge', 'published', lookup)).toMatchObject({ ok: true });
    expect(links.applicant.last().shared).toMatchObject({ by: '王', referenceCase: { referenceCaseId: 'published' } });
    expect(links.mediator.last().shared?.referenceCase.referenceCaseId).toBe('published');
    // Nothing reaches someone still in the waiting room.
    expect(links.waiting.last().shared).toBeUndefined();
    const first = links.judge.last().shared!.shareId;
    expect(await shareIntoRoom(r, 'med1', 'published', lookup)).toMatchObject({ ok: true });
    expect(links.applicant.last().shared).toMatchObject({ by: '李调解' });
    expect(links.applicant.last().shared!.shareId).not.toBe(first);
  });

  it('refuses a party, someone waiting, a stranger and a case that is not published, changing nothing', async () => {
    const { r, links } = room();
    expect(await shareIntoRoom(r, 'kiosk1', 'published', lookup)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    r.act('med1', { action: 'admit', peerId: r.byIdentity('join:respondent:0')!.peerId });
    expect(await shareIntoRoom(r, 'join:respondent:0', 'published', lookup)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await shareIntoRoom(r, 'nobody', 'published', lookup)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await shareIntoRoom(r, 'judge', 'draft', lookup)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await shareIntoRoom(r, 'judge', 'published', null)).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    expect(links.applicant.last().shared).toBeUndefined();
  });
});
