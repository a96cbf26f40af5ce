import { describe, expect, it } from 'vitest';
import { OwnCamera, switchCamera } from '../../renderer/webrtc/ownCamera.js';

// Our own camera as the room should know it (renderer/webrtc/ownCamera.ts, with the rule
// shared/rooms/cameraState.ts `cameraToTell`): told on a tap, told again whenever the room the hub
// sends shows something else, never told what the hub already has.

describe('telling the room our own camera', () => {
  it('a camera off before the room: told as soon as the room comes, not again once the hub has it', () => {
    const told: boolean[] = [];
    const camera = new OwnCamera((off) => told.push(off), true);
    expect(told).toEqual([]); // no room yet: nobody to tell
    camera.setRoom({}); // joined: the hub has it on
    expect(told).toEqual([true]);
    camera.setRoom({ selfCameraOff: true });
    camera.setRoom({ selfCameraOff: true });
    expect(told).toEqual([true]);
  });

  it('a tap is told at once; a word lost on a dropped socket is told again by the next room', () => {
    const told: boolean[] = [];
    const camera = new OwnCamera((off) => told.push(off));
    camera.setRoom({});
    expect(told).toEqual([]); // on, and the hub has it on
    camera.set(true);
    expect(told).toEqual([true]);
    camera.setRoom({}); // re-attached: the hub never got it
    expect(told).toEqual([true, true]);
    camera.setRoom({ selfCameraOff: true });
    camera.set(false);
    expect(told).toEqual([true, true, false]);
    camera.setRoom({});
    expect(told).toEqual([true, true, false]);
  });

  it('a page that never turns its camera off says nothing', () => {
    const camera = new OwnCamera(undefined, true);
    expect(() => camera.setRoom({})).not.toThrow();
  });
});

describe('switching our own camera', () => {
  /** Local media whose camera opens when `open` is resolved, or fails to (no track). */
  function media(opens: boolean) {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const m = {
      video: {} as MediaStreamTrack | null,
      cameraOff: false,
      async setCameraOff(off: boolean) {
        m.cameraOff = off;
        if (off) m.video = null;
        else {
          await opened;
          if (opens && !m.cameraOff) m.video = {} as MediaStreamTrack;
        }
      },
      state: () => ({ video: m.video, cameraOff: m.cameraOff }),
    };
    return { m, open: () => open() };
  }

  it('off is told before the camera is released; on only once a camera is really back', async () => {
    const told: boolean[] = [];
    const { m, open } = media(true);
    const off = switchCamera(m, (word) => told.push(word), true);
    expect(told).toEqual([true]);
    await off;
    const on = switchCamera(m, (word) => told.push(word), false);
    await Promise.resolve();
    expect(told).toEqual([true]); // still opening: the last frame would show as live
    open();
    await on;
    expect(told).toEqual([true, false]);
  });

  it('a camera that fails to open, or is turned off again while it opens, is never told on', async () => {
    for (const [opens, offAgain] of [
      [false, false],
      [true, true],
    ] as const) {
      const told: boolean[] = [];
      const { m, open } = media(opens);
      await switchCamera(m, (word) => told.push(word), true);
      const on = switchCamera(m, (word) => told.push(word), false);
      const again = offAgain ? switchCamera(m, (word) => told.push(word), true) : Promise.resolve();
      open();
      await Promise.all([on, again]);
      expect(told).toEqual(offAgain ? [true, true] : [true]);
    }
  });
});
