import type { CounterEntry, CounterSignIn } from '../../../shared/counter/counterProtocol.js';
import { COUNTER_IDLE_SIGN_OUT_MS, type CounterSignInInput, type CounterState } from '../../../shared/counter/counterSession.js';
import type { IdCard } from '../../../shared/counter/idCard.js';
import type { IntakeSubmission, Receipt } from '../../../shared/intake.js';
import { KioskFailure } from '../../../shared/result.js';
import type { IdCardReader } from '../idCard/idCardReader.js';
import type { Log } from '../log.js';
import type { CounterHubClient } from './counterHubClient.js';

// The remote service counter on this terminal: who is signed in (in memory only: a restart signs
// them out), the card reader, and filing on a resident's behalf. A counter intake is an ordinary
// intake in the same durable outbox, carrying the sign-in it was entered under. Signing out, or
// being idle for COUNTER_IDLE_SIGN_OUT_MS, wipes whatever the clerk started and did not submit.

export interface CounterDeskOptions {
  enabled: boolean;
  reader: IdCardReader | null;
  client: CounterHubClient;
  /** The terminal's hub credential; null until it has enrolled (the outbox enrolls it). */
  credential: () => string | null;
  /** Files the submission durably (IntakeStore.submit with its counter entry); returns the receipt. */
  submit: (submission: IntakeSubmission, entry: CounterEntry) => Receipt;
  /** Wipes the unsubmitted draft and attachments (the agent's `draft.discard`). */
  wipe: () => void;
  /** Told when the terminal has no credential the hub accepts (the outbox enrolls it again). */
  onTerminalUnknown: () => void;
  log: Log;
  now: () => number;
  idleMs?: number;
}

const fail = (code: 'UNAUTHORIZED' | 'UNAVAILABLE' | 'NOT_FOUND' | 'CONFLICT', key: string) => new KioskFailure(code, key, [{ path: '', message: key }]);

export class CounterDesk {
  private signIn: CounterSignIn | null = null;
  private lastActivity = 0;

  constructor(private readonly o: CounterDeskOptions) {}

  state(): CounterState {
    const s = this.current();
    return { enabled: this.o.enabled, reader: this.o.reader !== null, staff: s ? { username: s.username, displayName: s.displayName, siteName: s.siteName } : null };
  }

  async signInStaff(input: CounterSignInInput): Promise<CounterState> {
    if (!this.o.enabled) throw fail('NOT_FOUND', 'counter.errors.notCounter');
    const credential = this.o.credential();
    if (!credential) {
      this.o.onTerminalUnknown();
      throw fail('UNAVAILABLE', 'counter.errors.offline');
    }
    const outcome = await this.o.client.signIn(credential, input);
    switch (outcome.kind) {
      case 'signedIn':
        this.signIn = outcome.signIn;
        this.lastActivity = this.o.now();
        this.o.log.info('counter.signed_in', { site: outcome.signIn.siteId });
        return this.state();
      case 'unreachable':
        throw fail('UNAVAILABLE', 'counter.errors.offline');
      case 'terminalUnknown':
        this.o.onTerminalUnknown();
        throw fail('UNAVAILABLE', 'counter.errors.offline');
      case 'refused':
        throw fail('UNAUTHORIZED', refusalKey(outcome.code));
    }
  }

  signOut(): CounterState {
    if (this.signIn) this.o.log.info('counter.signed_out', {});
    this.signIn = null;
    this.o.wipe();
    return this.state();
  }

  async readCard(): Promise<IdCard> {
    this.active();
    if (!this.o.reader) throw fail('NOT_FOUND', 'counter.card.noReader');
    let card: IdCard | null;
    try {
      card = await this.o.reader.read();
    } catch {
      throw fail('UNAVAILABLE', 'counter.card.readerFault'); // the reader's error may quote the card: not logged
    }
    if (!card) throw fail('NOT_FOUND', 'counter.card.noCard');
    return card;
  }

  submit(submission: IntakeSubmission): Receipt {
    const s = this.active();
    const receipt = this.o.submit(submission, { signInId: s.signInId, staffUsername: s.username });
    this.o.log.info('counter.intake_committed', { provisional: receipt.provisionalNumber });
    return receipt;
  }

  /** The sign-in, if still live; each counter call counts as activity. Throws when signed out. */
  private active(): CounterSignIn {
    const s = this.current();
    if (!s) throw fail('UNAUTHORIZED', 'counter.errors.signedOut');
    this.lastActivity = this.o.now();
    return s;
  }

  private current(): CounterSignIn | null {
    const s = this.signIn;
    if (!s) return null;
    const now = this.o.now();
    if (now - this.lastActivity > (this.o.idleMs ?? COUNTER_IDLE_SIGN_OUT_MS) || now >= Date.parse(s.expiresAt)) {
      this.signOut();
      return null;
    }
    return s;
  }
}

function refusalKey(code: string): string {
  switch (code) {
    case 'NOT_COUNTER_STAFF':
      return 'counter.errors.notCounterStaff';
    case 'TERMINAL_WITHOUT_SITE':
      return 'counter.errors.noSite';
    case 'SIGN_IN_LOCKED':
      return 'counter.errors.locked';
    default:
      return 'counter.errors.wrong';
  }
}
