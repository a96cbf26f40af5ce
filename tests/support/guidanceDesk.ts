import { expect } from 'vitest';
import { guidancePaths, OpenRooms } from '../../shared/rooms/guidance.js';

// The guidance desk as a judge's browser uses it: a staff cookie, the room list, and its live
// stream of `rooms` events (server/guidance/guidanceRoutes.ts).

/** A staff member's session cookie, signed in through the court API. */
export async function cookieOf(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The list once it is not empty (the desk's holder writes it as a room opens), else null. */
export async function listedRooms(url: string, cookie: string): Promise<OpenRooms['rooms'] | null> {
  const res = await fetch(url + guidancePaths.rooms, { headers: { cookie } });
  expect(res.status).toBe(200);
  const { rooms } = OpenRooms.parse(await res.json());
  return rooms.length > 0 ? rooms : null;
}

export interface RoomStream {
  /** Every list received so far, in order. */
  events: () => OpenRooms[];
  /** Reads until `ok()` holds. */
  until: (ok: () => boolean) => Promise<void>;
  cancel: () => Promise<void>;
}

export async function roomStream(url: string, cookie: string): Promise<RoomStream> {
  const stream = await fetch(url + guidancePaths.events, { headers: { cookie } });
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  const reader = stream.body!.getReader();
  let received = '';
  const events = () =>
    received
      .split('event: rooms\ndata: ')
      .slice(1)
      .map((e) => OpenRooms.parse(JSON.parse(e.split('\n')[0]!)));
  return {
    events,
    until: async (ok) => {
      while (!ok()) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        received += new TextDecoder().decode(value);
      }
    },
    cancel: () => reader.cancel(),
  };
}
