import { describe, expect, it } from 'vitest';
import { deskRoomRole } from '../../shared/rooms/deskRoles.js';
import { can, staffRoles } from '../../shared/staff/roles.js';

// The mediator desk admits exactly the roles that may answer calls (one rule: the ability), and
// each holds a room role; written out by hand once more, so a change to either shows here.

describe('who works at the mediator desk', () => {
  it('is exactly the roles holding answerCalls', () => {
    for (const role of staffRoles) expect(deskRoomRole(role) !== null, role).toBe(can(role, 'answerCalls'));
  });

  it('gives each its room role: the judge a judge, the mediator and the judge’s assistant the mediator’s', () => {
    expect(Object.fromEntries(staffRoles.map((r) => [r, deskRoomRole(r)]))).toEqual({
      court_admin: null,
      filing_clerk: null,
      judge: 'judge',
      judge_assistant: 'mediator',
      mediator: 'mediator',
      counter_staff: null,
      dashboard_viewer: null,
    });
    expect(deskRoomRole('nobody')).toBeNull();
    expect(deskRoomRole('toString')).toBeNull();
  });
});
