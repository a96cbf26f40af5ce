import { z } from 'zod';
import { HUB_API, TerminalId } from '../hubProtocol.js';
import { screenStates } from './heartbeat.js';

// "请工作人员协助" made real (issue 15, session 6 item 6): the kiosk's help button sends a help
// request through its agent (queued in the outbox like every report, so a kiosk without network
// sends it once it can); the hub keeps it per terminal and shows the open ones to staff, who mark
// one handled. The kiosk's dialog says what really happened: staff told, being told, or told
// once the network returns. Nothing about the resident travels: why (a rare name character, or
// general help) and which kind of screen, never a name or an answer.

export const helpRequestPath = `${HUB_API}/terminals/help-requests`;

export const helpReasons = ['general', 'rareCharacter'] as const;
export type HelpReason = (typeof helpReasons)[number];

export const HelpRequestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** What the kiosk's agent sends the hub (a resend of the same id replaces, never doubles). */
export const HelpRequest = z.strictObject({
  requestId: HelpRequestId,
  reason: z.enum(helpReasons),
  screen: z.enum(screenStates),
  at: z.iso.datetime({ offset: true }),
});
export type HelpRequest = z.infer<typeof HelpRequest>;

/** What the screen asks its agent for (the contract's 'terminal.askStaff'). */
export const StaffHelpAsk = z.strictObject({ reason: z.enum(helpReasons), screen: z.enum(screenStates) });
export type StaffHelpAsk = z.infer<typeof StaffHelpAsk>;

/**
 * Where a help request stands, as the kiosk's dialog says it: 'told' once the hub has it; 'sending'
 * while the agent is on it; 'waitingForNetwork' once a try failed (staff are told when it returns).
 */
export const helpDeliveries = ['told', 'sending', 'waitingForNetwork'] as const;
export const StaffHelpState = z.strictObject({ requestId: HelpRequestId, delivery: z.enum(helpDeliveries) });
export type StaffHelpState = z.infer<typeof StaffHelpState>;

/** An open (or just handled) request as staff see it. */
export const HelpRequestView = z.strictObject({
  terminalId: TerminalId,
  terminalName: z.string().nullable(),
  requestId: HelpRequestId,
  reason: z.enum(helpReasons),
  screen: z.enum(screenStates),
  at: z.string(),
  receivedAt: z.string(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});
export type HelpRequestView = z.infer<typeof HelpRequestView>;
export const HelpRequestList = z.strictObject({ requests: z.array(HelpRequestView) });
export type HelpRequestList = z.infer<typeof HelpRequestList>;
export const HelpRequestParams = z.strictObject({ terminalId: TerminalId, requestId: HelpRequestId });
