import { describe, expect, it } from 'vitest';
import { OwnCamera } from '../../renderer/webrtc/ownCamera.js';

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
