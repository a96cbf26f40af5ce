import { z } from 'zod';
import { CallId, type RoomPeer } from '../call.js';
import { HUB_API } from '../hubProtocol.js';
import { can, type StaffRole } from '../staff/roles.js';
import { isParty, roomRoleOf, type RoomRole } from './roleTable.js';

// Mediation guidance (调解指导, issue 12 item 4): a judge at the guidance desk sees the mediation
// rooms open now, joins one as guiding judge (announced to everyone in it), and shares a reference
// case (典型案例) onto every participant's screen. The rules here are read by the hub (the list,
// the share check), the guidance desk, the kiosk, the mediator desk, the join page and the tests.

export const guidancePaths = {
  /** The guidance desk (a page of the console's build). */
  page: '/guidance',
  /** The console's sign-in, coming back to the desk (server/console/notice.ts returnPath). */
  signIn: `/console?next=${encodeURIComponent('/guidance')}`,
  rooms: `${HUB_API}/guidance/rooms`,
  /** Server-sent events: `rooms` with the whole list whenever it changes. */
  events: `${HUB_API}/guidance/rooms/events`,
  /** POST: a pass for the room's guest socket as guiding judge. */
  join: (callId: string) => `${HUB_API}/guidance/rooms/${callId}/join`,
} as const;

/** Who opens the guidance desk: judges, and the court's admin (the staff ability `guideMediation`). */
export const mayGuide = (role: StaffRole): boolean => can(role, 'guideMediation');

/** A room as the guidance desk lists it: where, which case, who mediates, how many parties, since when. */
export const OpenRoom = z.strictObject({
  callId: CallId,
  site: z.string(),
  caseNumber: z.string().nullable(),
  disputeType: z.string().nullable(),
  mediator: z.string(),
  parties: z.number().int().nonnegative(),
  startedAt: z.string(),
  /** Guiding judges already in the room. */
  guides: z.number().int().nonnegative(),
});
export type OpenRoom = z.infer<typeof OpenRoom>;
export const OpenRooms = z.strictObject({ rooms: z.array(OpenRoom) });
export type OpenRooms = z.infer<typeof OpenRooms>;

/** What the hub knows of one answered call (server/signalling/mediationDesk.ts). */
export interface RoomFacts {
  callId: string;
  site: string;
  caseNumber: string | null;
  disputeType: string | null;
  mediator: string;
  startedAt: string;
  roles: readonly (RoomRole | 'resident')[];
}

/** The list: answered rooms, oldest first; parties are the applicant's and respondent's sides (the kiosk's caller is the applicant). */
export function openRoomsList(facts: readonly RoomFacts[]): OpenRoom[] {
  return [...facts]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.callId.localeCompare(b.callId))
    .map(({ roles, ...f }) => ({
      ...f,
      parties: roles.filter((r) => isParty(roomRoleOf(r))).length,
      guides: roles.filter((r) => r === 'guiding_judge').length,
    }));
}

/** The library for one room: its case's dispute type first (newest first within each group), then the rest. */
export function casesForRoom<C extends { disputeType: string }>(all: readonly C[], disputeType: string | null): C[] {
  if (!disputeType) return [...all];
  return [...all.filter((c) => c.disputeType === disputeType), ...all.filter((c) => c.disputeType !== disputeType)];
}

/** The guiding judges in the room: each screen announces them for as long as they are there. */
export function guidesIn(peers: readonly RoomPeer[]): RoomPeer[] {
  return peers.filter((p) => p.role === 'guiding_judge');
}

/** "Judge X has joined to guide" / "X 法官已加入指导". */
export function guideAnnouncement(guide: Pick<RoomPeer, 'displayName'>, lang: string): string {
  const name = guide.displayName?.trim();
  if (lang === 'en') return name ? `Judge ${name} has joined to guide` : 'A guiding judge has joined';
  return name ? `${name} 法官已加入指导` : '指导法官已加入';
}
