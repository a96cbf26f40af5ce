import type { PresenceChoice, PresenceStatus } from '../../shared/signalling.js';

// Which mediators can take a call. A mediator chooses "on duty" (available) or "away"; the hub
// adds "busy" while they are in a call. A mediator whose console is not connected is away,
// whatever they chose, because nobody is there to answer.

interface MediatorPresence {
  choice: PresenceChoice;
  connected: boolean;
  inCall: boolean;
}

export class Presence {
  private readonly mediators = new Map<string, MediatorPresence>();

  private entry(username: string): MediatorPresence {
    let p = this.mediators.get(username);
    if (!p) {
      // A new console starts away: going on duty is a deliberate act, not a side effect of logging in.
      p = { choice: 'away', connected: false, inCall: false };
      this.mediators.set(username, p);
    }
    return p;
  }

  connected(username: string, value: boolean): void {
    this.entry(username).connected = value;
  }

  choose(username: string, choice: PresenceChoice): void {
    this.entry(username).choice = choice;
  }

  inCall(username: string, value: boolean): void {
    this.entry(username).inCall = value;
  }

  status(username: string): PresenceStatus {
    const p = this.mediators.get(username);
    if (!p) return 'away';
    if (p.inCall) return 'busy';
    return p.connected && p.choice === 'available' ? 'available' : 'away';
  }

  /** On duty and free to answer now. */
  idleCount(): number {
    let n = 0;
    for (const name of this.mediators.keys()) if (this.status(name) === 'available') n++;
    return n;
  }

  /** On duty: free, or in a call and expected back afterwards. */
  onDutyCount(): number {
    let n = 0;
    for (const p of this.mediators.values()) if (p.inCall || (p.connected && p.choice === 'available')) n++;
    return n;
  }
}
