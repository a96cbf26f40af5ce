import { describe, expect, it, vi } from 'vitest';
import { RESUME_TICKET_TTL_MS, resumeTickets } from '../../main/browserHost/resumeTickets.js';
import { bridgeUrl, RESUME_STORAGE_KEY, ResumeTicket } from '../../renderer/api/bridgeSecret.js';
import { HOST_LOST_AFTER_MS, hostLinkState, msUntilLost, watchHostLink } from '../../renderer/shell/hostLinkState.js';

const key = Buffer.alloc(32, 7);
const now = 1_800_000_000_000;

describe('resume tickets', () => {
  it('verify what the same key issued, until they expire', () => {
    const tickets = resumeTickets(key);
    const ticket = tickets.issue(now);
    expect(tickets.verify(ticket, now)).toBe(true);
    expect(resumeTickets(Buffer.from(key)).verify(ticket, now + 1000)).toBe(true); // the key from disk after a restart
    expect(tickets.verify(ticket, now + RESUME_TICKET_TTL_MS - 1)).toBe(true);
    expect(tickets.verify(ticket, now + RESUME_TICKET_TTL_MS)).toBe(false);
  });

  it('refuse another key, a changed expiry, an expiry beyond the limit, and junk', () => {
    const tickets = resumeTickets(key);
    const ticket = tickets.issue(now);
    expect(resumeTickets(Buffer.alloc(32, 8)).verify(ticket, now)).toBe(false);
    const [expires, mac] = ticket.split('.') as [string, string];
    expect(tickets.verify(`${Number(expires) + 1}.${mac}`, now)).toBe(false);
    const far = resumeTickets(key, RESUME_TICKET_TTL_MS * 10).issue(now);
    expect(tickets.verify(far, now)).toBe(false);
    for (const junk of ['', '.', 'abc', `${expires}.`, `${expires}.${mac}x`, `-1.${mac}`]) expect(tickets.verify(junk, now)).toBe(false);
  });
});

describe("the page's resume ticket", () => {
  it('is kept in memory and in sessionStorage, and found again after a reload', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const first = new ResumeTicket(storage);
    expect(first.current).toBeNull();
    first.keep('123.abc');
    expect(first.current).toBe('123.abc');
    expect(map.get(RESUME_STORAGE_KEY)).toBe('123.abc');
    expect(new ResumeTicket(storage).current).toBe('123.abc');
  });

  it('works without storage, and a throwing storage is survived', () => {
    const bare = new ResumeTicket(null);
    bare.keep('t');
    expect(bare.current).toBe('t');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const ticket = new ResumeTicket(broken);
    ticket.keep('u');
    expect(ticket.current).toBe('u');
  });

  it('travels in the bridge address beside the secret', () => {
    const loc = { protocol: 'http:', host: '127.0.0.1:4310' };
    expect(bridgeUrl(loc, 's', '9.a_b')).toBe('ws://127.0.0.1:4310/bridge?secret=s&resume=9.a_b');
    expect(bridgeUrl(loc, null, '9.x')).toBe('ws://127.0.0.1:4310/bridge?resume=9.x');
  });
});

describe("the host link's state", () => {
  it('is connected when up, connecting for a short grace, then lost', () => {
    expect(hostLinkState(true, 0, 10 * HOST_LOST_AFTER_MS)).toBe('connected');
    expect(hostLinkState(false, now, now)).toBe('connecting');
    expect(hostLinkState(false, now, now + HOST_LOST_AFTER_MS - 1)).toBe('connecting');
    expect(hostLinkState(false, now, now + HOST_LOST_AFTER_MS)).toBe('lost');
    expect(msUntilLost(now, now + 1000)).toBe(HOST_LOST_AFTER_MS - 1000);
    expect(msUntilLost(now, now + HOST_LOST_AFTER_MS + 5)).toBe(0);
  });
});

describe('watching the host link', () => {
  it('reports lost only after the grace, and connected at once when the link is back', () => {
    vi.useFakeTimers();
    try {
      let listener: (up: boolean) => void = () => undefined;
      const link = { connected: false, onChange: (l: (up: boolean) => void) => ((listener = l), () => undefined) };
      const watch = watchHostLink(link);
      let changes = 0;
      watch.onChange(() => changes++);
      expect(watch.state).toBe('connecting');
      vi.advanceTimersByTime(HOST_LOST_AFTER_MS);
      expect(watch.state).toBe('lost'); // opened without a way in: said after the grace
      listener(true);
      expect(watch.state).toBe('connected');
      listener(false);
      expect(watch.state).toBe('connecting');
      listener(true); // a blip shorter than the grace is never shown
      vi.advanceTimersByTime(HOST_LOST_AFTER_MS * 2);
      expect(watch.state).toBe('connected');
      expect(changes).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
