import type { ParticipantRole } from '../../shared/call.js';
import type { RoomRecordFrame, RoomRecordSaveFrame, RoomRecordSignFrame, RoomRecordUnlockFrame } from '../../shared/rooms/hearingRecord.js';
import { isParty, may, roomRoleOf } from '../../shared/rooms/roleTable.js';
import type { HearingRecords } from '../hearing/hearingRecords.js';
import type { SigningProgress } from '../hearing/recordSigning.js';
import type { RoomMember } from '../rooms/roomLog.js';
import type { Call } from './deskViews.js';
import type { DeskState } from './deskState.js';
import type { FrameSocket } from './signallingSocket.js';

// The hearing's record (笔录) in the room: the keepers save its versions, and when the hearing
// closes each party present reads it on their own screen and signs it or refuses
// (server/hearing/ keeps it; this file carries it to and from the people in the room).

/** The hearing closed: each party present is sent the record to read and sign on their own screen. */
export async function recordToSign(d: DeskState, call: Call): Promise<void> {
  const present = call.room!.all().filter((p) => p.admitted);
  try {
    const shown = await d.o.recordSigning?.closed(d.sceneOf(call), present);
    if (!shown) return;
    for (const p of present) if (isParty(roomRoleOf(p.role))) d.socketOf(call, p.identity)?.send(shown.record);
    // Each keeper is shown the version the parties sign: one who did not save last still has an older one.
    toKeepers(d, call, shown.progress, shown.record);
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
  }
}

/** Who has signed so far, to the record's keepers in the room (the judge, the clerk), with the record signed when it is put to the parties. */
export function toKeepers(d: DeskState, call: Call, progress: SigningProgress, record?: RoomRecordFrame): void {
  const frame = { t: 'room.record.signing', callId: call.callId, ...progress } as const;
  for (const p of call.room?.all() ?? []) {
    if (!may(roomRoleOf(p.role), 'keep_record')) continue;
    const socket = d.socketOf(call, p.identity);
    if (record) socket?.send(record);
    socket?.send(frame);
  }
}

/**
 * A party signs the record by hand (or refuses); the last answer stores the signed record with the
 * case. `call` is null for a kiosk answering a record from a call no longer open here (it ended, the
 * hub restarted, another instance holds it): the round, kept in the database, decides who may answer.
 */
export async function recordAnswer(d: DeskState, call: Call | null, me: RoomMember, frame: RoomRecordSignFrame, socket: FrameSocket): Promise<void> {
  if (!d.o.recordSigning) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub keeps no hearing records' });
  // Outside the room (a kiosk's pending record) only the party who showed who they are may answer.
  if (!call && !d.o.recordUnlock?.isUnlocked(frame.callId, me.identity) && (await d.o.recordSigning.waitingFor(frame.callId, me.identity))) {
    return socket.send({ t: 'error', ref: frame.ref, code: 'FORBIDDEN', message: 'Give your name and ID ending to read the record first' });
  }
  try {
    const outcome = await d.o.recordSigning.answer(call ? d.sceneOf(call) : { callId: frame.callId, submissionId: null }, me.identity, frame);
    if (!outcome.ok) return socket.send({ t: 'error', ref: frame.ref, code: outcome.code, message: outcome.message });
    socket.send({ t: 'room.done', ref: frame.ref });
    const live = call ?? d.calls.get(frame.callId);
    if (live) toKeepers(d, live, outcome.progress);
    // Not awaited: drawing the record takes seconds and holds up nothing else of this desk.
    if (outcome.finish) void finishRecord(d, frame.callId, outcome.finish);
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
    socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The signed record could not be stored; sign again' });
  }
}

/** Every party has answered (and was told so): the signed record is drawn and stored, then the keepers are told. */
async function finishRecord(d: DeskState, callId: string, finish: () => Promise<SigningProgress | null>): Promise<void> {
  try {
    const stored = await finish();
    const live = d.calls.get(callId);
    if (stored && live) toKeepers(d, live, stored);
  } catch (failure) {
    // The answers are kept; the round is finished by the answered-round sweep (start, every 5 min) or a resent answer.
    d.o.onError?.('desk.record', failure);
  }
}

/** A keeper's save of the hearing's record: the next version, or refused (audited) with the latest sent back. */
export async function recordSave(d: DeskState, call: Call, me: RoomMember, frame: RoomRecordSaveFrame, socket: FrameSocket): Promise<void> {
  const keeper = call.room?.byIdentity(me.identity);
  if (!d.o.hearingRecords || !keeper) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub keeps no hearing records' });
  let outcome: Awaited<ReturnType<HearingRecords['save']>>;
  try {
    outcome = await d.o.hearingRecords.save(d.sceneOf(call), { identity: me.identity, role: me.role, admitted: keeper.admitted }, frame);
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
    return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The record could not be saved; it is kept on your screen, try again' });
  }
  if (outcome.ok) return socket.send(outcome.frame);
  if (outcome.code === 'FORBIDDEN') await d.write(async () => d.o.roomLog?.refused(d.sceneOf(call), me, 'keep_record'));
  socket.send({ t: 'error', ref: frame.ref, code: outcome.code, message: outcome.message });
  if (outcome.latest) socket.send(outcome.latest);
}

/**
 * The records a kiosk's party still has to sign from hearings whose call it is not in (the call
 * ended, or the hub restarted, while it was away): sent when its socket connects and when its
 * call ends. Only rounds naming this terminal as a signer; the kiosk shows them once it is idle.
 */
export async function sendPending(d: DeskState, terminalId: string, exceptCallId: string | null): Promise<void> {
  if (!d.o.recordSigning) return;
  try {
    const frames = await d.o.recordSigning.pendingFor(terminalId);
    for (const frame of frames) if (frame.callId !== exceptCallId) d.toKiosk(terminalId, frame);
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
  }
}

/**
 * What a participant who (re)joins is owed of the record: a keeper its latest version and, while
 * the parties sign, who has answered so far; a party who was away when the hearing closed (or
 * whose screen reloaded before answering) the record to sign.
 */
export async function sendRecord(d: DeskState, call: Call, me: { identity: string; role: ParticipantRole }, socket: FrameSocket): Promise<void> {
  try {
    const latest = await d.o.hearingRecords?.latestFor(d.sceneOf(call), me.role);
    if (latest) socket.send(latest);
    const progress = latest ? await d.o.recordSigning?.progress(call.callId) : null;
    if (progress) socket.send({ t: 'room.record.signing', callId: call.callId, ...progress });
    const toSign = isParty(roomRoleOf(me.role)) ? await d.o.recordSigning?.waitingFor(call.callId, me.identity) : null;
    if (toSign) socket.send(toSign);
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
  }
}

const UNLOCK_ERRORS = {
  badIdentity: ['FORBIDDEN', 'The name or the ID number does not match the party this record waits for'],
  tooMany: ['RATE_LIMITED', 'Too many tries; wait and try again, or ask court staff'],
  notHeld: ['CONFLICT', 'The case holds no ID number for this party: court staff help read the record'],
  gone: ['NOT_FOUND', 'No record is waiting for this terminal'],
} as const;

/** A kiosk's party gives their name + ID ending for a pending record: its text, or why not. */
export async function recordUnlockAsk(d: DeskState, terminalId: string, frame: RoomRecordUnlockFrame, socket: FrameSocket): Promise<void> {
  if (!d.o.recordUnlock) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub keeps no hearing records' });
  try {
    const outcome = await d.o.recordUnlock.unlock(terminalId, frame);
    if (outcome.ok) return socket.send({ t: 'room.record', ref: frame.ref, ...outcome.record });
    const [code, message] = UNLOCK_ERRORS[outcome.reason];
    // the kiosk tells the party how long to wait, as the status page and the join page do
    socket.send({ t: 'error', ref: frame.ref, code, message, ...(outcome.retryAfterS ? { retryAfterS: outcome.retryAfterS } : {}) });
  } catch (failure) {
    d.o.onError?.('desk.record', failure);
    socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The record could not be opened now; try again' });
  }
}
