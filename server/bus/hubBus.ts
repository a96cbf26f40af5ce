// Notices between hub instances: "something changed, look again", never the data itself (that is
// in the database). Each instance keeps some state in memory for speed or for open connections —
// the dashboard pages' live push, the playlist manifest it serves from memory — and must hear when
// another instance changes what that state reflects.
//
// Why PostgreSQL LISTEN/NOTIFY and not Redis: the instances already share PostgreSQL, so no new
// service to install, secure, back up and watch; a NOTIFY sent inside a transaction is delivered
// only when it commits; and these notices are few (bursts are settled before they are sent). What
// NOTIFY does not give is delivery to an instance that was disconnected: so when its listening
// connection comes back, every subscriber is told once, as if its channel had changed. On SQLite
// there is one instance, and the same interface is in-process.
//
// Every instance hears its own notices too (as with NOTIFY), so a feature publishes and reacts in
// one place: on delivery.

export const busChannels = ['dashboard.figures', 'playlist.changed', 'guidance.rooms'] as const;
export type BusChannel = (typeof busChannels)[number];

export interface HubBus {
  /** Tells every instance, this one included; failures are reported, never thrown. */
  publish(channel: BusChannel): void;
  /** `listener()` on each notice of `channel`; returns the unsubscribe. */
  subscribe(channel: BusChannel, listener: () => void): () => void;
  close(): Promise<void>;
}

/** The listeners of each channel, shared by both kinds of bus. */
export function busListeners() {
  const byChannel = new Map<BusChannel, Set<() => void>>();
  return {
    add(channel: BusChannel, listener: () => void): () => void {
      let set = byChannel.get(channel);
      if (!set) byChannel.set(channel, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    deliver(channel: BusChannel): void {
      for (const listener of [...(byChannel.get(channel) ?? [])]) listener();
    },
    deliverAll(): void {
      for (const channel of byChannel.keys()) this.deliver(channel);
    },
    clear(): void {
      byChannel.clear();
    },
  };
}

/** One process: notices delivered in it, on the next turn of the event loop (as a NOTIFY would be). */
export function localBus(): HubBus {
  const listeners = busListeners();
  let closed = false;
  return {
    publish(channel) {
      if (!closed) setImmediate(() => listeners.deliver(channel));
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    async close() {
      closed = true;
      listeners.clear();
    },
  };
}
