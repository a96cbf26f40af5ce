import type { MediaHealth } from '../webrtc/localMedia.js';

// How the kiosk's camera and microphone last answered in a call, held for the heartbeat's
// presence report (useTerminal.ts): the call screen writes it, the presence hook reads it. One
// value per page; nothing about who was in the call.

let latest: MediaHealth | null = null;
const listeners = new Set<() => void>();

export function reportMediaHealth(health: MediaHealth): void {
  latest = health;
  for (const l of listeners) l();
}

export function mediaHealth(): MediaHealth | null {
  return latest;
}

export function onMediaHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
