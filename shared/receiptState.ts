import type { SubmissionStatus } from './intake.js';

/**
 * Where the submission is, as the resident is told (screen and paper alike): kept on this terminal
 * and on its way; kept, but the court cannot be reached now; in the court's hands; or stuck until
 * staff help. "Waiting for the network" is said only when the hub really is unreachable.
 */
export const receiptStates = ['saved', 'waiting_for_network', 'delivered', 'needs_attention'] as const;
export type ReceiptState = (typeof receiptStates)[number];

export function receiptState(status: SubmissionStatus, hubReachable: boolean): ReceiptState {
  if (status === 'queued') return hubReachable ? 'saved' : 'waiting_for_network';
  return status;
}
