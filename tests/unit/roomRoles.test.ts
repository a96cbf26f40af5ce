import { describe, expect, it } from 'vitest';
import { CallRoom, participantRoles } from '../../shared/call.js';
import { may, roleTable, roomActions, roomRoleOf, roomRoles } from '../../shared/rooms/roleTable.js';
import type { ParticipantLink } from '../../server/signalling/participant.js';
import { Room, type RoomOutbound } from '../../server/signalling/rooms.js';

// The role table as a court clerk would read it, written out a second time by hand: a change to
// the table must be made here too. Then the room's rules on top of it: refusals change nothing,
// the waiting room and a caucus keep media apart.

const spec: Record<string, string> = {
  judge: 'invite admit mute_others remove caucus see_case_file start_recording share_reference hold_hearing keep_record',
  mediator: 'invite admit mute_others remove caucus see_case_file start_recording share_reference',
  guiding_judge: 'mute_others see_case_file share_reference',
  clerk: 'admit see_case_file start_recording keep_record',
  applicant: '',
  respondent: '',
  agent: '',
  interpreter: '',
  observer: '',
};

const ice = { iceServers: [], iceTransportPolicy: 'all' as const };

function inbox(): ParticipantLink & { frames: RoomOutbound[]; lastRoom(): CallRoom } {
  const frames: RoomOutbound[] = [];
  return {
    frames,
    send: (f) => frames.push(f),
    lastRoom() {
      const rooms = frames.filter((f) => f.t === 'room');
      return rooms[rooms.length - 1]!.room;
    },
  };
}

describe('the role table', () => {
  it('gives each role exactly the actions the spec lists', () => {
    for (const role of roomRoles) {
      const allowed = roomActions.filter((a) => may(role, a)).join(' ');
      expect(allowed, role).toBe(spec[role]);
    }
    expect(Object.keys(roleTable).sort()).toEqual([...roomRoles].sort());
  });

  it('keeps the roles a 1:1 call had: a resident is the applicant, a mediator a mediator', () => {
    expect(participantRoles).toContain('resident');
    expect(participantRoles).toContain('mediator');
    expect(roomRoleOf('resident')).toBe('applicant');
    expect(roomRoleOf('respondent')).toBe('respondent');
  });
});

describe('a room with roles', () => {
  function room() {
    const r = new Room('00000000-0000-4000-8000-000000000001');
    const links = { judge: inbox(), mediator: inbox(), applicant: inbox(), respondent: inbox() };
    const judge = r.join({ identity: 'judge1', role: 'judge', ice, link: links.judge });
    const mediator = r.join({ identity: 'med1', role: 'mediator', ice, link: links.mediator });
    const applicant = r.join({ identity: 'kiosk1', role: 'resident', ice, link: links.applicant });
    const respondent = r.join({ identity: 'join:respondent:0', role: 'respondent', ice, link: links.respondent, admitted: false });
    return { r, links, judge, mediator, applicant, respondent };
  }

  it('refuses a respondent muting the judge and changes nothing', () => {
    const { r, links, judge, respondent } = room();
    r.act('med1', { action: 'admit', peerId: respondent.peerId });
    const before = links.judge.frames.length;
    const result = r.act('join:respondent:0', { action: 'mute', peerId: judge.peerId });
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN', needed: 'mute_others' });
    expect(judge.muted).toBe(false);
    expect(links.judge.frames.length).toBe(before);
  });

  it('keeps a guest in the waiting room, out of everyone’s media, until admitted', () => {
    const { r, links, respondent } = room();
    expect(links.respondent.lastRoom()).toMatchObject({ waiting: 'admission', peers: [] });
    expect(links.mediator.lastRoom().peers.map((p) => p.role)).not.toContain('respondent');
    expect(links.mediator.lastRoom().lobby?.map((p) => p.peerId)).toEqual([respondent.peerId]);
    // the applicant may not see who waits, nor admit them
    expect(links.applicant.lastRoom().lobby).toBeUndefined();
    expect(r.act('kiosk1', { action: 'admit', peerId: respondent.peerId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // nor can the waiting guest negotiate with anyone
    expect(r.relay('join:respondent:0', { peerId: r.byIdentity('med1')!.peerId, candidate: null })).toBe(false);

    expect(r.act('med1', { action: 'admit', peerId: respondent.peerId })).toMatchObject({ ok: true });
    expect(links.respondent.lastRoom().waiting).toBeUndefined();
    expect(links.respondent.lastRoom().peers).toHaveLength(3);
    expect(links.mediator.lastRoom().lobby).toBeUndefined();
  });

  it('holds a caucus: the party outside sees nobody and nobody sees them, then all come back', () => {
    const { r, links, applicant, respondent } = room();
    r.act('med1', { action: 'admit', peerId: respondent.peerId });
    expect(r.act('med1', { action: 'caucus', peerIds: [applicant.peerId] })).toMatchObject({ ok: true });
    expect(links.respondent.lastRoom()).toMatchObject({ waiting: 'caucus', peers: [] });
    const applicantSees = links.applicant
      .lastRoom()
      .peers.map((p) => p.role)
      .sort();
    expect(applicantSees).toEqual(['judge', 'mediator']);
    expect(links.mediator.lastRoom().caucus).toEqual([applicant.peerId]);
    expect(r.exchange(applicant, respondent)).toBe(false);

    r.act('med1', { action: 'end_caucus' });
    expect(links.respondent.lastRoom().waiting).toBeUndefined();
    expect(links.respondent.lastRoom().peers).toHaveLength(3);
    expect(r.exchange(applicant, respondent)).toBe(true);
  });

  it('lets the mediator mute a party, shown to the party and to the others', () => {
    const { r, links, applicant } = room();
    expect(r.act('med1', { action: 'mute', peerId: applicant.peerId })).toMatchObject({ ok: true });
    expect(links.applicant.lastRoom().selfMuted).toBe(true);
    expect(links.judge.lastRoom().peers.find((p) => p.peerId === applicant.peerId)?.muted).toBe(true);
    r.act('med1', { action: 'unmute', peerId: applicant.peerId });
    expect(links.applicant.lastRoom().selfMuted).toBeUndefined();
  });

  it('keeps a 1:1 call’s view in the shape it always had', () => {
    const r = new Room('00000000-0000-4000-8000-000000000002');
    const kiosk = inbox();
    r.join({ identity: 'kiosk1', role: 'resident', ice, link: kiosk });
    r.join({ identity: 'med1', role: 'mediator', displayName: 'Li', ice, link: null });
    const view = kiosk.lastRoom();
    expect(Object.keys(view).sort()).toEqual(['callId', 'ice', 'peers', 'selfId']);
    expect(CallRoom.parse(view)).toEqual(view);
  });
});
