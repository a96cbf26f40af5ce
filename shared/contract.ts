import { z } from 'zod';
import { MediationApplicationDraft } from './applicationDraft.js';
import { AgreementLookup, AgreementSignInput, AgreementSignReceipt, SignerQuery } from './agreements/kioskSigning.js';
import { AttachmentMimeType, Sha256Hex } from './attachment.js';
import { CallRef, CallRequest, CallRoom, CallSignal, CallSnapshot, CallState } from './call.js';
import { RecordingAnswer } from './rooms/recordingConsent.js';
import { CallMediaReport } from './rooms/mediaState.js';
import { CallCamera } from './rooms/cameraState.js';
import { PendingRecordPrompt, RecordAnswer, RecordToSign, RecordUnlockAnswer, RecordUnlockRequest } from './rooms/hearingRecord.js';
import { TerminalJoinAnswer, TerminalJoinRequest } from './rooms/joining.js';
import { SfuPushFrame, SfuReplyFrame, SfuRequest } from './sfu.js';
import { CaseStatus, CaseStatusQuery } from './caseStatus.js';
import { CounterSignInInput, CounterState } from './counter/counterSession.js';
import { CourtWordsList } from './courtWords.js';
import { IdCard } from './counter/idCard.js';
import { IntakeSubmission, Language, Receipt, SubmissionId } from './intake.js';
import { AttractPlaylist, PlaylistChanged, PlayReport } from './playlist.js';
import { ReferenceCaseAnswer, ReferenceCaseQuery } from './referenceCases/referenceCase.js';
import { PrintOutcome, ReceiptPrintRequest, ReceiptRequest, ReceiptView } from './receipt.js';
import type { Result } from './result.js';
import { AppliedSettings, TerminalPresence } from './terminals/heartbeat.js';
import { RendererCrash } from './terminals/crashReport.js';
import { HelpRequestId, StaffHelpAsk, StaffHelpState } from './terminals/helpRequest.js';
import { AdminActionRequest, AdminActionResult, AdminPanelView, AdminUnlock, AdminUnlockResult } from './kioskAdmin.js';

// THE contract between the kiosk renderer and the kiosk agent. Every call and event is listed
// here once, with zod schemas for both directions. The preload API, the Electron ipcMain bridge
// and the browser host's WebSocket bridge are all derived from these tables; nobody writes a
// channel name or a schema anywhere else.

/** Default ceiling for one serialised message; a call may raise it (e.g. photos later). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
/** A full application in progress: ten respondents, ten claims and twenty evidence items fit. */
export const DRAFT_MAX_MESSAGE_BYTES = 256 * 1024;

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  maxBytes?: number;
}
const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>) => spec;
const noInput = z.undefined();

export const TerminalInfo = z.object({
  terminalId: z.string(),
  terminalName: z.string(),
  hubUrl: z.string(),
  enrolled: z.boolean(),
  appVersion: z.string(),
  host: z.enum(['electron', 'browser']),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const SyncStatus = z.object({
  hubReachable: z.boolean(),
  queueDepth: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  lastSuccessAt: z.string().nullable(),
  needsAttention: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * An unfinished application: where the resident is (`step`, editing from the review or not, elderly
 * mode) and every answer so far. Deliberately loose: a draft is incomplete by definition.
 */
export const Draft = z.strictObject({
  submissionId: SubmissionId,
  language: Language,
  step: z.string().max(40),
  reviewing: z.boolean().optional(),
  elderly: z.boolean().optional(),
  form: MediationApplicationDraft,
});
export type Draft = z.infer<typeof Draft>;

/**
 * A photo or scan for the draft `submissionId`, base64 in JSON (the one encoding every host
 * carries). The agent checks the decoded size and the file's magic bytes against `mimeType`.
 */
export const AttachmentAdd = z.strictObject({
  submissionId: SubmissionId,
  mimeType: AttachmentMimeType,
  dataBase64: z.base64({ error: 'errors.attachment.encoding' }).min(4, { error: 'errors.attachment.encoding' }),
});
export type AttachmentAdd = z.infer<typeof AttachmentAdd>;

export const AttachmentInfo = z.strictObject({
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  mimeType: AttachmentMimeType,
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const AttachmentRemove = z.strictObject({ submissionId: SubmissionId, sha256: Sha256Hex });

/**
 * Base64 of the largest allowed file is ~10.7 MiB. The ceiling sits a little higher so that a
 * file just over the limit still reaches the agent and is refused with the translatable
 * `errors.attachment.tooLarge` rather than the channel's generic size error.
 */
export const ATTACHMENT_MAX_MESSAGE_BYTES = 12 * 1024 * 1024;

/** Up to REFERENCE_CASES_SHOWN_MAX cases of four texts each, in two languages. */
const REFERENCE_CASES_MESSAGE_BYTES = 2 * 1024 * 1024;

export const calls = {
  'terminal.info': call({ input: noInput, output: TerminalInfo }),
  'draft.load': call({ input: noInput, output: Draft.nullable() }),
  'draft.save': call({ input: Draft, output: z.null(), maxBytes: DRAFT_MAX_MESSAGE_BYTES }),
  'draft.discard': call({ input: noInput, output: z.null() }),
  'attachment.add': call({ input: AttachmentAdd, output: AttachmentInfo, maxBytes: ATTACHMENT_MAX_MESSAGE_BYTES }),
  'attachment.remove': call({ input: AttachmentRemove, output: z.null() }),
  // The whole application: up to textLimits' longest answers, like the draft it was.
  'intake.submit': call({ input: IntakeSubmission, output: Receipt, maxBytes: DRAFT_MAX_MESSAGE_BYTES }),
  'sync.status': call({ input: noInput, output: SyncStatus }),
  // Video link (shared/call.ts): the renderer runs WebRTC; the agent carries its signalling to the hub.
  'call.request': call({ input: CallRequest, output: CallState }),
  // A party at this terminal joins another call's waiting room by the mediator's code (shared/rooms/joining.ts).
  'call.join': call({ input: TerminalJoinRequest, output: TerminalJoinAnswer }),
  'call.cancel': call({ input: CallRef, output: z.null() }),
  'call.hangup': call({ input: CallRef, output: z.null() }),
  'call.signal': call({ input: CallSignal, output: z.null() }),
  'call.rejoin': call({ input: CallRef, output: z.null() }),
  'call.current': call({ input: noInput, output: CallSnapshot.nullable() }),
  // A room on the hub's SFU (shared/sfu.ts): one mediasoup step, answered by the hub (the agent sets `ref`).
  'call.sfu': call({ input: SfuRequest, output: SfuReplyFrame }),
  // The resident's answer to the room's recording prompt (shared/rooms/recordingConsent.ts), passed on to the hub.
  'call.recording': call({ input: RecordingAnswer, output: z.null() }),
  // How the others' media reaches this kiosk (shared/rooms/mediaState.ts), on change: passed on to the hub for the desk.
  'call.media': call({ input: CallMediaReport, output: z.null() }),
  // The resident turned the camera off or on (shared/rooms/cameraState.ts): passed on to the hub, which tells the others.
  'call.camera': call({ input: CallCamera, output: z.null() }),
  // A hearing's record (shared/rooms/hearingRecord.ts): the resident signs it by hand or refuses;
  // answered once the hub has it. The hub takes a frame of 64 KiB at most, so the default limit fits.
  'call.recordAnswer': call({ input: RecordAnswer, output: z.null() }),
  // A record this terminal's party still has to sign from a hearing whose call has ended (or null):
  // the home screen shows it when no resident is in the middle of something: no text until
  // call.unlockRecord (the party's name + ID ending) gives it. Answered by call.recordAnswer.
  'call.pendingRecord': call({ input: noInput, output: PendingRecordPrompt.nullable() }),
  'call.unlockRecord': call({ input: RecordUnlockRequest, output: RecordUnlockAnswer }),
  // Legal-education loop (shared/playlist.ts): verified items in the cache, and proof of play.
  'playlist.current': call({ input: noInput, output: AttractPlaylist }),
  'play.report': call({ input: PlayReport, output: z.null() }),
  // The resident's receipt (shared/receipt.ts), built by the agent from its own store, and
  // "check my case" (shared/caseStatus.ts): the hub's answer, or what the kiosk knows offline.
  'receipt.view': call({ input: ReceiptRequest, output: ReceiptView }),
  'receipt.print': call({ input: ReceiptPrintRequest, output: PrintOutcome }),
  'case.status': call({ input: CaseStatusQuery, output: CaseStatus }),
  // The court's own words for the pinyin keyboard (shared/courtWords.ts): the list the agent last
  // fetched from the hub and kept, or null when it never had one. Its input is nothing: the default limit.
  'courtWords.current': call({ input: noInput, output: CourtWordsList.nullable() }),
  // The court's published reference cases (典型案例) for the resident's dispute type; the agent
  // keeps the last library it fetched, so this answers offline too (shared/referenceCases/).
  'referenceCases.forDispute': call({ input: ReferenceCaseQuery, output: ReferenceCaseAnswer, maxBytes: REFERENCE_CASES_MESSAGE_BYTES }),
  // The resident's mediation agreement (shared/agreements/kioskSigning.ts): read from the court,
  // signed by hand, the signature committed here and sent through the outbox.
  'agreement.read': call({ input: SignerQuery, output: AgreementLookup }),
  'agreement.sign': call({ input: AgreementSignInput, output: AgreementSignReceipt, maxBytes: DRAFT_MAX_MESSAGE_BYTES }),
  // The fleet (shared/terminals/heartbeat.ts): settings court staff pushed, and what the screen shows for the heartbeat.
  'terminal.settings': call({ input: noInput, output: AppliedSettings }),
  'terminal.presence': call({ input: TerminalPresence, output: z.null() }),
  // The screen failed (its error boundary): the agent scrubs it and queues a crash report (shared/terminals/crashReport.ts).
  'terminal.crash': call({ input: RendererCrash, output: z.null() }),
  // "请工作人员协助": the agent queues a help request for the hub (shared/terminals/helpRequest.ts)
  // and says where it stands; the dialog asks again until staff have been told.
  'terminal.askStaff': call({ input: StaffHelpAsk, output: StaffHelpState }),
  'terminal.helpState': call({ input: z.strictObject({ requestId: HelpRequestId }), output: StaffHelpState }),
  // The remote service counter (shared/counter/): staff sign in through the agent (checked by the
  // hub), read resident ID cards, and file on a resident's behalf through the same outbox.
  'counter.state': call({ input: noInput, output: CounterState }),
  'counter.signIn': call({ input: CounterSignInInput, output: CounterState }),
  'counter.signOut': call({ input: noInput, output: CounterState }),
  'counter.submit': call({ input: IntakeSubmission, output: Receipt, maxBytes: DRAFT_MAX_MESSAGE_BYTES }),
  'idCard.read': call({ input: noInput, output: IdCard }),
  // The kiosk's staff panel (shared/kioskAdmin.ts): opened by PIN; null answers when it is not open.
  'admin.unlock': call({ input: AdminUnlock, output: AdminUnlockResult }),
  'admin.panel': call({ input: noInput, output: AdminPanelView.nullable() }),
  'admin.act': call({ input: AdminActionRequest, output: AdminActionResult.nullable() }),
} as const;

export const events = {
  'sync.status': SyncStatus,
  'call.state': CallState,
  'call.room': CallRoom,
  'call.signal': CallSignal,
  'call.sfu': SfuPushFrame,
  // The hearing closed: the record to read and sign (or refuse).
  'call.record': RecordToSign,
  // A record to sign from a hearing whose call has ended reached this kiosk (see call.pendingRecord).
  'call.pendingRecord': PendingRecordPrompt,
  'playlist.changed': PlaylistChanged,
  'terminal.settings': AppliedSettings,
  // The agent kept a new list of the court's words (ask courtWords.current).
  'courtWords.changed': z.strictObject({ version: z.string() }),
} as const;

export type CallName = keyof typeof calls;
export type EventName = keyof typeof events;
export type CallInput<K extends CallName> = z.input<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof calls)[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];
export const isCallName = (name: unknown): name is CallName => typeof name === 'string' && Object.hasOwn(calls, name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

/** Channel names for Electron IPC, derived from the contract's keys. */
export const callChannel = (name: CallName) => `kiosk:call:${name}` as const;
export const eventChannel = (name: EventName) => `kiosk:event:${name}` as const;
export const maxBytesFor = (name: CallName): number => (calls[name] as CallSpec<z.ZodType, z.ZodType>).maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

/** What the renderer sees, whichever host carries it. */
export interface KioskApi {
  call<K extends CallName>(name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]): Promise<Result<CallOutput<K>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** How a host moves messages; the only thing each host writes by hand. */
export interface KioskTransport {
  invoke(name: CallName, input: unknown): Promise<unknown>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the renderer-facing API over a transport. Names are checked against the contract here
 * too, so a compromised or buggy renderer cannot reach a channel the contract does not list.
 */
export function createKioskApi(transport: KioskTransport): KioskApi {
  return {
    async call(name, ...args) {
      if (!isCallName(name)) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `Unknown call: ${String(name)}` } };
      try {
        return (await transport.invoke(name, args[0])) as Result<never>;
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'The kiosk agent is not reachable' } };
      }
    },
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown event: ${String(name)}`);
      return transport.subscribe(name, (payload) => {
        const parsed = events[name].safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}
