import type { ConsentEffect } from '../../shared/rooms/recordingConsent.js';
import type { RoomMember, RoomScene } from './roomLog.js';

// What the mediation desk needs of the recorder (server/sfu/recordings.ts): whether a room can be
// recorded at all, and each step the consent rule took, in the order taken. The recorder writes
// the case's recording events and runs ffmpeg; `ended` tells the room when it stops on its own.

export interface RoomRecordings {
  /** Why this room cannot be recorded (no SFU room, no ffmpeg), or null. */
  unavailable(callId: string): string | null;
  effect(scene: RoomScene, effect: ConsentEffect, by: RoomMember | null, ended: () => void): void;
}
