import type { FastifyInstance } from 'fastify';
import type { CallTickets } from '../caseStatus/callTickets.js';
import type { CourtApi } from '../courtApi/register.js';
import { postgresRelay } from '../cluster/pgRelay.js';
import type { HubDb } from '../db/database.js';
import type { Documents } from '../documents/documentStore.js';
import { findDocumentFont } from '../documents/documentPdf.js';
import { clearDeadRunWork } from '../files/deadRunWork.js';
import type { HubFiles } from '../files/hubFiles.js';
import { registerGuidanceRoutes } from '../guidance/guidanceRoutes.js';
import { openRoomBoard } from '../guidance/openRoomBoard.js';
import type { HubBus } from '../bus/hubBus.js';
import { publishedReferenceCase } from '../guidance/publishedReferenceCase.js';
import { hearingRecords } from '../hearing/hearingRecords.js';
import { hearingRecordStore } from '../hearing/recordStore.js';
import { recordSigning } from '../hearing/recordSigning.js';
import { recordUnlock } from '../hearing/recordUnlock.js';
import { recordByLink } from '../hearing/recordByLink.js';
import { registerRecordLinkRoutes } from '../hearing/recordLinkRoutes.js';
import { signingStore } from '../hearing/signingStore.js';
import { errorLogFields } from '../http/errors.js';
import type { IntakeReceiver } from '../intake/ingest.js';
import type { IntakeStore } from '../intake/store.js';
import type { Vault } from '../personalData/vault.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import { callSessions } from '../rooms/callSessions.js';
import { guestPasses } from '../rooms/guestPasses.js';
import { invitationStore, type InvitationStore } from '../rooms/invitationStore.js';
import { deskCalls, recordedCalls } from '../rooms/openCalls.js';
import { roomLog, type RoomScene } from '../rooms/roomLog.js';
import { registerRoomRoutes } from '../rooms/roomRoutes.js';
import { joinLimits, terminalJoin } from '../rooms/terminalJoin.js';
import { partyIdentity } from '../rooms/partyIdentity.js';
import type { GuessStore } from '../rateLimit/guessStore.js';
import { closeDeadRunRecordings, DEAD_RECORDING_CHECK_MS, removeStalePartials, staleRecordingCheck } from '../sfu/interruptedRecordings.js';
import { deadRunFiles as deadRunRecordings } from '../sfu/recordingSalvage.js';
import { stopOrphanRecorders } from '../sfu/orphanRecorders.js';
import { DEFAULT_RECORDING_RETENTION_DAYS, ffmpegRuns, Recordings } from '../sfu/recordings.js';
import { registerRecordingRoutes } from '../sfu/recordingRoutes.js';
import { recordingKey } from '../sfu/recordingSeal.js';
import { recordingStore } from '../sfu/recordingStore.js';
import type { Sfu } from '../sfu/sfu.js';
import { staffAuthenticator } from '../staff/principal.js';
import type { StaffSessions } from '../staff/sessions.js';
import type { StaffStore } from '../staff/store.js';
import type { TerminalStore } from '../terminals/store.js';
import type { CallRecords } from './callRecords.js';
import { deskDirectory } from './directory.js';
import type { DeskRefused } from './mediatorRoutes.js';
import { registerSignalling, type Signalling, type SignallingOptions } from './register.js';

/** How often answered hearing records not yet stored are tried again (server/hearing/recordSigning.ts). */
const ANSWERED_RECORD_SWEEP_MS = 5 * 60_000;

// Plugs video calls into the hub: the call desk and its signalling, rooms and their invitations and
// guest passes, recordings (sealed, swept after their retention) and hearing records, and guidance.

export interface Calls {
  signalling: Signalling;
  /** Room invitations (the case page issues them too). */
  invitations: InvitationStore;
  /** Ends the recordings' retention sweep and the check for recordings a dead instance left. */
  stopRecordingSweep: () => void;
}

export async function registerCalls(
  app: FastifyInstance,
  deps: {
    database: HubDb;
    databaseUrl: string | undefined;
    bus: HubBus;
    terminals: TerminalStore;
    staff: StaffStore;
    sessions: StaffSessions;
    calls: CallRecords;
    intakes: IntakeStore;
    receiver: IntakeReceiver;
    courtApi: CourtApi;
    attempts: AttemptStore;
    /** Wrong guesses of who someone is, counted in the database for every instance (server/rateLimit/guessStore.ts). */
    guesses: GuessStore;
    tickets: CallTickets;
    vault: Vault;
    dataKey: Buffer;
    files: HubFiles;
    documents: Documents;
    court: { name: string; code: string };
    recordingRetentionDays: number | undefined;
    now: () => Date;
  },
  options: SignallingOptions | undefined,
): Promise<Calls> {
  const { database, terminals, staff, sessions, calls, intakes, courtApi, vault, files, documents, court, now } = deps;
  const directory = deskDirectory(terminals, intakes);
  const rooms = roomLog({ scope: database, cases: courtApi.cases, audit: courtApi.audit, now });
  const guests = guestPasses(database, vault);
  const invitations = invitationStore();
  const joining = joinLimits(deps.attempts);
  const { guesses } = deps;
  // One name + ID-ending check for the join page and terminals joining by code (server/rooms/partyIdentity.ts).
  const joinIdentity = partyIdentity({ scope: database, parties: courtApi.parties, invitations, audit: courtApi.audit, guesses });
  const recordingDeps = {
    scope: database,
    store: recordingStore,
    roomLog: rooms,
    caseOf: async (scene: RoomScene) => scene.caseId ?? (scene.submissionId ? ((await courtApi.cases.bySubmission(database, scene.submissionId))?.caseId ?? null) : null),
    sealedFile: files.recording,
    plainFile: files.recordingWork,
    key: recordingKey(deps.dataKey),
    now,
    retentionDays: deps.recordingRetentionDays ?? DEFAULT_RECORDING_RETENTION_DAYS,
    log: app.log,
    heartbeatMs: options?.recordingBeats?.heartbeatMs,
    staleMs: options?.recordingBeats?.staleMs,
  };
  // No recording is under way yet: the work folder's plain files are a dead run's. Its recordings
  // still open are closed as interrupted, keeping what still plays; then the folder is cleared (counted, never named).
  // (a failure here never stops the hub: those not closed are held, below, for the next start)
  // First its recorders that outlived it (kill -9), still holding their plain files open.
  const orphans = await stopOrphanRecorders(files.recordingWorkDir);
  if (orphans > 0) app.log.warn({ event: 'recordings.orphans_stopped', processes: orphans }, 'Stopped recording processes a killed run left behind');
  // A recording not closed here keeps its files for the next start; a failure before any was looked at keeps them all.
  const deadRun = await closeDeadRunRecordings(recordingDeps, files.recordingWorkDir).catch((err: unknown) => {
    app.log.error(errorLogFields(err), 'closing the recordings a dead run left failed');
    return null;
  });
  const deadRunClosed = deadRun?.closed ?? 0;
  const deadRunFiles = deadRun ? await clearDeadRunWork(files.recordingWorkDir, deadRun.kept) : 0;
  if (deadRunFiles > 0) app.log.warn({ event: 'recordings.dead_run_cleared', files: deadRunFiles, closed: deadRunClosed }, 'Removed plain recording files a stopped run left in the work folder');
  // One signing round per call, answered in the room, at a kiosk after the call, or through a join link (server/hearing/).
  const signing = recordSigning({
    scope: database,
    store: hearingRecordStore(vault),
    rounds: signingStore(vault),
    documents,
    cases: courtApi.cases,
    court,
    font: findDocumentFont(),
    caseOf: recordingDeps.caseOf,
    now,
  });
  // A round whose last answer was kept but whose record was not stored (the hub stopped before drawing
  // it, or storing failed after the answer was acknowledged): stored at start and every few minutes.
  const finishAnswered = () =>
    void signing
      .finishAnswered((callId, err) => app.log.error({ ...errorLogFields(err), callId }, 'storing an answered hearing record failed'))
      .catch((err: unknown) => app.log.error(errorLogFields(err), 'storing answered hearing records failed'));
  finishAnswered();
  const answeredSweep = setInterval(finishAnswered, ANSWERED_RECORD_SWEEP_MS);
  answeredSweep.unref();
  const unlocking = recordUnlock({ scope: database, rounds: signingStore(vault), store: hearingRecordStore(vault), parties: courtApi.parties, guesses, audit: courtApi.audit });
  registerRecordLinkRoutes(app, recordByLink({ scope: database, invitations, rounds: signingStore(vault), unlock: unlocking, signing, now }));
  const recorder = (sfu: Sfu | null) => new Recordings({ ...recordingDeps, sfu }, sfu !== null && ffmpegRuns());
  // Instances on one PostgreSQL database share one call desk, held by one of them (server/cluster/).
  const deskRelay = async () =>
    database.engine === 'postgres' ? await postgresRelay(deps.databaseUrl!.trim(), (err) => app.log.error(errorLogFields(err), 'desk relay between instances failed')) : undefined;
  // an account whose role does not work at the desk, refused by its routes: audited as every refusal of a role
  const deskRefused: DeskRefused = (p, source, action) =>
    courtApi.audit.record(database.db, { kind: 'staff', id: p.username, role: p.role, source }, { action, outcome: 'denied', recordKind: 'reason', recordId: 'NOT_A_DESK_ROLE' });
  const signalling = await registerSignalling(
    app,
    {
      terminals,
      staff,
      sessions,
      records: calls,
      directory,
      now,
      roomLog: rooms,
      guests,
      relay: await deskRelay(),
      recordings: recorder,
      hearingRecords: hearingRecords({ scope: database, store: hearingRecordStore(vault), caseOf: recordingDeps.caseOf, now }),
      recordSigning: signing,
      recordUnlock: unlocking,
      referenceCases: publishedReferenceCase(database),
      terminalJoin: terminalJoin({ scope: database, invitations, limits: joining, identity: joinIdentity, audit: courtApi.audit, now }),
      tickets: deps.tickets,
      deskRefused,
      callSessions: callSessions({ scope: database, cases: courtApi.cases, intakeTerminal: async (submissionId) => (await intakes.get(submissionId))?.terminalId ?? null, now }),
    },
    options,
  );
  registerRecordingRoutes(app, {
    scope: database,
    authenticate: staffAuthenticator(courtApi.accounts, now),
    audit: courtApi.audit,
    cases: courtApi.cases,
    store: recordingStore,
    key: recordingDeps.key,
    sealedFile: files.recording,
  });
  // Retention: expired recordings go at start and every six hours after.
  // With it, the seal's leftovers of closed rows (a rename that never returned on a hung files folder).
  const sweepRecordings = () => {
    void signalling.recordings?.sweep().catch((err: unknown) => app.log.error(errorLogFields(err), 'recording sweep failed'));
    void removeStalePartials(recordingDeps)
      .then((files) => files > 0 && app.log.warn({ event: 'recordings.partials_removed', files }, 'Removed unfinished sealed files of closed recordings'))
      .catch((err: unknown) => app.log.error(errorLogFields(err), 'removing unfinished sealed files failed'));
  };
  sweepRecordings();
  const recordingSweep = setInterval(sweepRecordings, 6 * 3_600_000);
  recordingSweep.unref();
  // The dead run's recordings not closed above: now this instance's, beaten, open until a start closes them with their files.
  const held = deadRun?.kept ?? (await deadRunRecordings(files.recordingWorkDir).catch(() => new Map<string, string[]>())).keys();
  await signalling.recordings?.hold(held).catch((err: unknown) => app.log.error(errorLogFields(err), 'holding the recordings a dead run left failed'));
  // Recordings another instance left in progress when it died: closed at start and every 30 s.
  const instance = signalling.recordings?.instance;
  const staleRecordings = instance ? staleRecordingCheck(recordingDeps, instance) : null;
  const closeStale = () => void staleRecordings?.run().catch((err: unknown) => app.log.error(errorLogFields(err), 'closing stale recordings failed'));
  closeStale();
  const staleCheck = setInterval(closeStale, DEAD_RECORDING_CHECK_MS);
  staleCheck.unref();
  // Several instances: the desk is on one of them, the call records on all (server/rooms/openCalls.ts).
  const openCalls = database.engine === 'postgres' ? recordedCalls(calls) : deskCalls(signalling.desk);
  registerRoomRoutes(app, {
    scope: database,
    deskRefused,
    calls: openCalls,
    invitations,
    passes: guests,
    limits: joining,
    guesses,
    cases: courtApi.cases,
    identity: joinIdentity,
    audit: courtApi.audit,
    sessions,
    profiles: (username) => staff.profile(username),
    now,
  });
  // The guidance desk's list of open rooms, written by the desk's holder, read on every instance (issue 13).
  const guidanceRooms = openRoomBoard({
    scope: database,
    bus: deps.bus,
    desk: signalling.desk,
    holding: () => signalling.cluster?.holding() ?? true,
    now,
    onError: (err) => app.log.error(errorLogFields(err), 'the guidance list could not be written'),
  });
  app.addHook('onClose', async () => guidanceRooms.close());
  registerGuidanceRoutes(app, {
    scope: database,
    rooms: guidanceRooms,
    calls: openCalls,
    passes: guests,
    cases: courtApi.cases,
    audit: courtApi.audit,
    sessions,
    profiles: (username) => staff.profile(username),
  });
  // An intake the resident filed just before calling may reach the hub after the call was queued.
  deps.receiver.onRecorded(({ submissionId }) => void signalling.door.intakeArrived(submissionId));
  return { signalling, invitations, stopRecordingSweep: () => (clearInterval(recordingSweep), clearInterval(staleCheck), clearInterval(answeredSweep)) };
}
