import type { ParticipantRole } from '../../shared/call.js';
import type { CaseEventPayload } from '../../shared/cases/caseEvents.js';
import type { CaseEventType } from '../../shared/cases/lifecycle.js';
import { courtDay } from '../../shared/courtTime.js';
import { roomRoleOf, type RoomAction } from '../../shared/rooms/roleTable.js';
import type { HearingEffect } from '../../shared/rooms/hearing.js';
import type { AuditStore } from '../audit/auditStore.js';
import { CaseRefusal, type CaseStore } from '../cases/caseStore.js';
import type { DbScope } from '../db/engine.js';

// What a room leaves behind: its life on the case it belongs to (room opened, a participant
// joined, was admitted, left; a guiding judge joining is a join with that role), and every
// refused request in the audit log. Case events are appended by the hub ("system"), never edited;
// a call without a case leaves no case events. Events name participants by staff username,
// terminal id or party role and index, never by a person's name.

/** The room as the log knows it: its call, and the case it belongs to if any. */
export interface RoomScene {
  callId: string;
  /** The intake the call was made with (its case is found through it). */
  submissionId: string | null;
  /** The case the room was opened for (an invitation names it). */
  caseId?: string | null;
}

export interface RoomMember {
  identity: string;
  role: ParticipantRole;
}

export interface RoomLog {
  opened(scene: RoomScene): Promise<void>;
  joined(scene: RoomScene, who: RoomMember): Promise<void>;
  admitted(scene: RoomScene, who: RoomMember, by: string): Promise<void>;
  left(scene: RoomScene, who: RoomMember): Promise<void>;
  /** A participant's media stayed interrupted for `ms` (server/signalling/roomMediaState.ts). */
  mediaInterrupted(scene: RoomScene, who: RoomMember, ms: number): Promise<void>;
  /** A request the role table refused: audited, with the permission that was missing. */
  refused(scene: RoomScene, who: RoomMember, needed: RoomAction): Promise<void>;
  /** A reference case was shared into the room (server/guidance/): audited, naming the case and version. */
  shared(scene: RoomScene, who: RoomMember, referenceCase: string): Promise<void>;
  /** A participant asked to record, consented or refused (shared/rooms/recordingConsent.ts). */
  consent(scene: RoomScene, step: 'requested' | 'consented' | 'refused', who: RoomMember): Promise<void>;
  /** A judge's step in a hearing (shared/rooms/hearing.ts): hearing.opened, floor.given, hearing.closed. */
  hearing(scene: RoomScene, effect: HearingEffect): Promise<void>;
  /**
   * The recorder's own events: started, stopped (with the plain file's hash), deleted by retention.
   * `on`: a transaction to append in (closing a dead run's row and its event together).
   */
  recording(scene: RoomScene, event: RecordingEvent, on?: DbScope): Promise<void>;
}

export type RecordingEvent =
  | { type: 'recording.started'; payload: Omit<CaseEventPayload<'recording.started'>, 'roomId'> }
  | { type: 'recording.stopped'; payload: Omit<CaseEventPayload<'recording.stopped'>, 'roomId'> }
  | { type: 'recording.deleted'; payload: Omit<CaseEventPayload<'recording.deleted'>, 'roomId'> };

export interface RoomLogDeps {
  scope: DbScope;
  cases: CaseStore;
  audit: AuditStore;
  now: () => Date;
}

export function roomLog(deps: RoomLogDeps): RoomLog {
  const { scope, cases, audit, now } = deps;

  async function caseIdOf(scene: RoomScene, on = scope): Promise<string | null> {
    if (scene.caseId) return scene.caseId;
    if (!scene.submissionId) return null;
    return (await cases.bySubmission(on, scene.submissionId))?.caseId ?? null;
  }

  async function append(scene: RoomScene, type: CaseEventType, payload: Record<string, unknown>, on = scope): Promise<void> {
    const caseId = await caseIdOf(scene, on);
    if (!caseId) return;
    try {
      await cases.append(on, caseId, { type, payload: { roomId: scene.callId, ...payload }, actor: { kind: 'system' } }, { today: courtDay(now().getTime()) });
    } catch (error) {
      // A case whose state takes no room events (closed, say) keeps its history as it is; the call goes on.
      if (error instanceof CaseRefusal) return;
      throw error;
    }
  }

  const auditor = (who: RoomMember) => {
    const kind = who.identity.startsWith('join:') ? ('anonymous' as const) : who.role === 'resident' ? ('terminal' as const) : ('staff' as const);
    return { kind, id: who.identity, role: roomRoleOf(who.role), source: null };
  };
  const member = (who: RoomMember) => ({ role: roomRoleOf(who.role), participant: who.identity.slice(0, 80) });

  return {
    opened: (scene) => append(scene, 'room.opened', { kind: 'mediation' }),
    joined: (scene, who) => append(scene, 'room.joined', member(who)),
    admitted: (scene, who, by) => append(scene, 'room.admitted', { ...member(who), by: by.slice(0, 80) }),
    left: (scene, who) => append(scene, 'room.left', member(who)),
    mediaInterrupted: (scene, who, ms) => append(scene, 'room.media.interrupted', { ...member(who), seconds: Math.round(ms / 1000) }),
    consent: (scene, step, who) => (step === 'consented' ? append(scene, 'recording.consented', { ...member(who), consented: true }) : append(scene, `recording.${step}`, member(who))),
    recording: (scene, event, on) => append(scene, event.type, event.payload, on),
    hearing(scene, effect) {
      const who = (identity: string) => identity.slice(0, 80);
      if (effect.kind === 'opened') return append(scene, 'hearing.opened', { judge: who(effect.by) });
      if (effect.kind === 'closed') return append(scene, 'hearing.closed', { by: who(effect.by) });
      return append(scene, 'floor.given', { by: who(effect.by), to: effect.to === null ? null : who(effect.to), quiet: effect.quiet });
    },
    async refused(scene, who, needed) {
      const caseId = await caseIdOf(scene);
      await audit.record(scope.db, auditor(who), { action: `room.${needed}`, outcome: 'denied', caseId, recordKind: 'call', recordId: scene.callId });
    },
    async shared(scene, who, referenceCase) {
      const caseId = await caseIdOf(scene);
      await audit.record(scope.db, auditor(who), { action: 'room.share_reference', outcome: 'ok', caseId, recordKind: 'reference_case', recordId: referenceCase });
    },
  };
}
