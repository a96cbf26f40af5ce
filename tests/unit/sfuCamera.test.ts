import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup-client';
import { cameraOffOf, SfuRemotes } from '../../renderer/webrtc/sfuRemotes.js';
import { SfuCamera } from '../../renderer/webrtc/sfuCamera.js';

// Camera off in a room on the SFU, the bookkeeping without a browser: a viewer's `sfu.camera`
// arriving while its consumer is still being set up, and the owner's pause or resume that the
// hub did not get (a signalling blip) sent again. mediasoup-client's consumer and producer and the
// browser's MediaStream are stood in for by the few fields these classes read.

class StreamStandIn {
  private readonly tracks = new Set<unknown>();
  addTrack(t: unknown): void {
    this.tracks.add(t);
  }
  removeTrack(t: unknown): void {
    this.tracks.delete(t);
  }
  getTracks(): unknown[] {
    return [...this.tracks];
  }
}

const hadStream = 'MediaStream' in globalThis;
beforeAll(() => {
  if (!hadStream) (globalThis as Record<string, unknown>).MediaStream = StreamStandIn;
});
afterAll(() => {
  if (!hadStream) delete (globalThis as Record<string, unknown>).MediaStream;
});

function consumer(id: string, kind: 'audio' | 'video'): types.Consumer & { closed: boolean } {
  const c = {
    id,
    kind,
    track: { id: `${id}-track`, kind },
    closed: false,
    close() {
      c.closed = true;
    },
  };
  return c as unknown as types.Consumer & { closed: boolean };
}

const ana = { peerId: 'p-ana', role: 'applicant' as const, name: 'Ana' };

describe("a viewer's remotes on the SFU (SfuRemotes)", () => {
  it('keeps a camera turned off while the consumer was being set up, and shows it once added', () => {
    const remotes = new SfuRemotes();
    remotes.expect('c-video', 'p-ana', false); // the consume reply: producer not paused
    expect(remotes.camera('c-video', true)).toBe(false); // sfu.camera off before its track exists
    remotes.add(ana, consumer('c-video', 'video'));
    expect(cameraOffOf(remotes.get('p-ana')!)).toBe(true);
  });

  it('keeps a camera turned on again in that window (the reply said paused)', () => {
    const remotes = new SfuRemotes();
    remotes.expect('c-video', 'p-ana', true);
    remotes.camera('c-video', false);
    remotes.add(ana, consumer('c-video', 'video'));
    expect(cameraOffOf(remotes.get('p-ana')!)).toBe(false);
  });

  it("takes the reply's paused state when nothing changed it, and follows sfu.camera once added", () => {
    const remotes = new SfuRemotes();
    remotes.expect('c-video', 'p-ana', true);
    remotes.expect('c-audio', 'p-ana', false);
    remotes.add(ana, consumer('c-video', 'video'));
    remotes.add(ana, consumer('c-audio', 'audio'));
    const r = remotes.get('p-ana')!;
    expect(cameraOffOf(r)).toBe(true);
    expect(remotes.camera('c-video', false)).toBe(true);
    expect(cameraOffOf(r)).toBe(false);
    // A consumer that is not ours (closed, or forgotten after a failed setup) changes nothing.
    remotes.expect('c-gone', 'p-ana', false);
    remotes.forget('c-gone');
    expect(remotes.camera('c-gone', true)).toBe(false);
    remotes.closed('c-video');
    expect(remotes.camera('c-video', true)).toBe(false);
  });
});

/** A producer stand-in: the paused flag mediasoup-client keeps. */
function producer(id: string): types.Producer & { paused: boolean } {
  const p = {
    id,
    paused: false,
    closed: false,
    pause() {
      p.paused = true;
    },
    resume() {
      p.paused = false;
    },
  };
  return p as unknown as types.Producer & { paused: boolean };
}

/** The hub's side as the owner's requests see it: the last state it accepted, or failing while unreachable. */
function hub() {
  const h = { reachable: true, told: null as boolean | null, requests: 0 };
  const request = async (on: boolean) => {
    h.requests += 1;
    if (!h.reachable) throw new Error('The court hub cannot be reached');
    h.told = on;
  };
  return { h, request };
}

describe('consumers closed or left behind while being set up (SfuRemotes)', () => {
  it('a consumer the hub closed while its track was set up is not shown, and is closed here', () => {
    const remotes = new SfuRemotes();
    remotes.expect('c-video', 'p-ana', false);
    remotes.closed('c-video'); // sfu.consumer.closed before `add`
    const c = consumer('c-video', 'video');
    expect(remotes.add(ana, c)).toBe(false);
    expect([remotes.get('p-ana'), c.closed]).toEqual([undefined, true]);
    // Its camera news after that changes nothing either.
    expect(remotes.camera('c-video', true)).toBe(false);
  });

  it('a participant who left while their consumer was set up: the entry goes with them, and it is not shown', () => {
    const remotes = new SfuRemotes();
    const bo = { peerId: 'p-bo', role: 'respondent' as const, name: 'Bo' };
    remotes.expect('c-ana', 'p-ana', false);
    remotes.expect('c-bo', 'p-bo', true);
    remotes.retain((peerId) => (peerId === 'p-bo' ? { name: 'Bo' } : null)); // Ana left the room
    expect(remotes.add(ana, consumer('c-ana', 'video'))).toBe(false);
    expect(remotes.get('p-ana')).toBe(undefined);
    // The one still here is set up as before, with its camera state kept.
    expect(remotes.add(bo, consumer('c-bo', 'video'))).toBe(true);
    expect(cameraOffOf(remotes.get('p-bo')!)).toBe(true);
    // Bo hidden later (a caucus): the consumer closed here is named, for the link to close it at the hub.
    expect(remotes.retain(() => null)).toEqual(['c-bo']);
    expect(remotes.get('p-bo')).toBe(undefined);
  });

  it('nothing stays listed: entries leave on add, failure, close and departure', () => {
    const remotes = new SfuRemotes();
    remotes.expect('c-1', 'p-ana', false);
    remotes.expect('c-2', 'p-ana', false);
    remotes.expect('c-3', 'p-ana', false);
    remotes.expect('c-4', 'p-gone', false);
    remotes.add(ana, consumer('c-1', 'audio'));
    remotes.forget('c-2');
    remotes.closed('c-3');
    remotes.retain((peerId) => (peerId === 'p-ana' ? { name: 'Ana' } : null));
    expect(remotes.settingUpCount).toBe(0);
  });
});

describe("the owner's camera on the SFU (SfuCamera)", () => {
  it('pauses here and at the hub, and resumes both', async () => {
    const { h, request } = hub();
    const camera = new SfuCamera(request);
    const p = producer('prod-1');
    await camera.set(p, false);
    expect([p.paused, h.told]).toEqual([true, false]);
    await camera.set(p, true);
    expect([p.paused, h.told]).toEqual([false, true]);
    await camera.set(p, true); // already on: nothing to tell
    expect(h.requests).toBe(2);
  });

  it('a pause the hub did not get is sent again once signalling is back, without another tap', async () => {
    const { h, request } = hub();
    const camera = new SfuCamera(request);
    const p = producer('prod-1');
    h.reachable = false;
    await expect(camera.set(p, false)).rejects.toThrow('cannot be reached');
    expect(p.paused).toBe(true); // the self-view is off at once
    expect(h.told).toBe(null);
    h.reachable = true;
    await camera.sync(p); // the room comes again on re-attach
    expect(h.told).toBe(false);
    await camera.sync(p); // nothing owed any more
    expect(h.requests).toBe(2);
  });

  it('off and on while a request is under way ends with the hub told the last state', async () => {
    let release: () => void = () => {};
    const told: boolean[] = [];
    const camera = new SfuCamera(async (on) => {
      told.push(on);
      if (told.length === 1) await new Promise<void>((r) => (release = r));
    });
    const p = producer('prod-1');
    const off = camera.set(p, false);
    const on = camera.set(p, true); // while "off" is still with the hub
    await on;
    release();
    await off;
    expect(told).toEqual([false, true]);
    expect(p.paused).toBe(false);
  });

  it('a new transport owes nothing for the old producer', async () => {
    const { h, request } = hub();
    const camera = new SfuCamera(request);
    h.reachable = false;
    await expect(camera.set(producer('prod-1'), false)).rejects.toThrow();
    camera.reset();
    h.reachable = true;
    await camera.sync(producer('prod-2'));
    expect(h.requests).toBe(1);
  });

  it('a request for the old producer still hanging at a rejoin does not hold up the new one', async () => {
    const told: Array<[boolean, string]> = [];
    let hang = true;
    const camera = new SfuCamera(async (on, id) => {
      told.push([on, id]);
      if (hang) await new Promise<void>(() => undefined); // never answered (the old socket is gone)
    });
    const old = producer('prod-1');
    void camera.set(old, false);
    camera.reset(); // rejoined: a new transport, a new producer
    hang = false;
    const fresh = producer('prod-2');
    await camera.set(fresh, false);
    expect(told).toEqual([
      [false, 'prod-1'],
      [false, 'prod-2'],
    ]);
  });
});
