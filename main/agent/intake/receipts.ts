import { KioskFailure } from '../../../shared/result.js';
import type { Language } from '../../../shared/intake.js';
import {
  buildReceiptDocument,
  receiptFactsOf,
  type PrintOutcome,
  type ReceiptDocument,
  type ReceiptFacts,
  type ReceiptPrintRequest,
  type ReceiptRequest,
  type ReceiptView,
} from '../../../shared/receipt.js';
import { qrDataUrl } from '../../../shared/receiptQr.js';
import type { HostCapabilities } from '../host.js';
import type { IntakeStore } from './intakeStore.js';
import { errorKind, type Log } from '../log.js';
import type { TerminalConfigStore } from '../terminalConfig.js';
import { ReceiptFactsMemory } from './receiptFacts.js';

// The receipt calls: the document for the screen, and printing through the host. Everything on
// a receipt comes from the agent's own store and memory; the renderer names a submission only.

export interface ReceiptsOptions {
  intakes: IntakeStore;
  config: TerminalConfigStore;
  host: HostCapabilities;
  log: Log;
  /** Whether the hub answers now: a queued submission is "being sent", or "waiting for the network". */
  hubReachable: () => boolean;
  /** Where residents' phones reach the hub (the QR code); default: the hub URL the kiosk uses. */
  publicHubUrl?: string | undefined;
  now?: () => number;
}

export class Receipts {
  readonly facts: ReceiptFactsMemory;
  /** Submissions the receipt screen already printed by itself (a re-render must not print twice). */
  private readonly autoPrinted = new Set<string>();

  constructor(private readonly o: ReceiptsOptions) {
    this.facts = new ReceiptFactsMemory(o.now);
  }

  /** Called right after the durable submit, while the whole application is at hand. */
  remember(submission: Parameters<typeof receiptFactsOf>[0] & { submissionId: string; language: Language }): void {
    this.facts.remember(submission.submissionId, submission.language, receiptFactsOf(submission));
  }

  document(request: ReceiptRequest): ReceiptDocument {
    const receipt = this.o.intakes.receipt(request.submissionId);
    if (!receipt) throw new KioskFailure('NOT_FOUND', 'No such submission');
    const remembered = this.facts.get(request.submissionId);
    const facts: ReceiptFacts | null = remembered?.facts ?? this.factsFromStore(request.submissionId);
    const config = this.o.config.read();
    return buildReceiptDocument({
      receipt,
      hubReachable: this.o.hubReachable(),
      facts,
      language: request.language ?? remembered?.language ?? 'zh-CN',
      publicHubUrl: this.o.publicHubUrl ?? config.hubUrl,
      terminalName: config.terminalName,
    });
  }

  view(request: ReceiptRequest): ReceiptView {
    const document = this.document(request);
    return { document, qrDataUrl: qrDataUrl(document.statusUrl) };
  }

  async print(request: ReceiptPrintRequest): Promise<PrintOutcome> {
    const auto = request.auto === true;
    if (auto && this.autoPrinted.has(request.submissionId)) return { printed: false, reason: 'already_printed' };
    const document = this.document(request);
    if (auto) this.autoPrinted.add(request.submissionId);
    if (!this.o.host.printReceipt) return { printed: false, reason: 'no_printer' };
    try {
      const outcome = await this.o.host.printReceipt(document, { auto });
      this.o.log.info('receipt.print', { auto, printed: outcome.printed, reason: outcome.reason ?? null, spooled: outcome.spooledTo !== undefined });
      return outcome;
    } catch (error) {
      this.o.log.warn('receipt.print.failed', { kind: errorKind(error) });
      return { printed: false, reason: 'failed' };
    }
  }

  /** The sealed application while it is still waiting to be sent; null once the court has it. */
  private factsFromStore(submissionId: string): ReceiptFacts | null {
    const ingest = this.o.intakes.ingestFor(submissionId);
    return ingest ? receiptFactsOf(ingest) : null;
  }
}
