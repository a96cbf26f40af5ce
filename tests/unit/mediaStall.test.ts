import { describe, expect, it } from 'vitest';
import { MEDIA_STALL_MS, tilePicture, watchPeer, type InboundCounts, type PeerWatch } from '../../shared/rooms/mediaStall.js';
import { micOffByRule } from '../../shared/call.js';
import { interruptedPeers, type MediaReport } from '../../shared/rooms/mediaState.js';

// The stall rule over successive inbound samples (issue 12: a media cut told to the resident and
// the desk), and the hub's rule for whose media is interrupted from every page's report.

/** Runs the rule over samples [at, frames, audio packets]; the states after each. */
function run(samples: Array<[number, number, number]>): PeerWatch['state'][] {
  let watch: PeerWatch | undefined;
  return samples.map(([at, framesDecoded, audioPackets]) => {
    const counts: InboundCounts = { framesDecoded, audioPackets };
    watch = watchPeer(watch, counts, at);
    return watch.state;
  });
}

describe('the stall rule', () => {
  it('is ok while frames advance', () => {
    expect(
      run([
        [0, 0, 0],
        [1000, 30, 50],
        [2000, 60, 100],
        [3000, 90, 150],
        [4000, 120, 200],
      ]),
    ).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('stalls once nothing has advanced for MEDIA_STALL_MS, not before', () => {
    const states = run([
      [0, 30, 50],
      [1000, 60, 100],
      [2000, 60, 100],
      [1000 + MEDIA_STALL_MS - 1, 60, 100],
      [1000 + MEDIA_STALL_MS, 60, 100],
      [9000, 60, 100],
    ]);
    expect(states).toEqual(['ok', 'ok', 'ok', 'ok', 'stalled', 'stalled']);
  });

  it('clears at the first sample that moves again', () => {
    expect(
      run([
        [0, 10, 10],
        [5000, 10, 10],
        [6000, 10, 10],
        [7000, 11, 10],
      ]),
    ).toEqual(['ok', 'stalled', 'stalled', 'ok']);
  });

  it('audio alone is progress (a camera turned off is no stall)', () => {
    expect(
      run([
        [0, 10, 10],
        [2000, 10, 60],
        [4000, 10, 110],
        [6000, 10, 160],
      ]),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('video alone is progress (a silenced microphone is no stall)', () => {
    expect(
      run([
        [0, 10, 10],
        [2000, 70, 10],
        [4000, 130, 10],
        [6000, 190, 10],
      ]),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('a count going down (a new consumer after a rejoin) starts afresh', () => {
    expect(
      run([
        [0, 500, 800],
        [4000, 500, 800],
        [5000, 3, 5],
        [6000, 3, 5],
      ]),
    ).toEqual(['ok', 'stalled', 'ok', 'ok']);
  });

  it('takes the threshold it is given', () => {
    const w0 = watchPeer(undefined, { framesDecoded: 1, audioPackets: 1 }, 0, 500);
    expect(watchPeer(w0, { framesDecoded: 1, audioPackets: 1 }, 499, 500).state).toBe('ok');
    expect(watchPeer(w0, { framesDecoded: 1, audioPackets: 1 }, 500, 500).state).toBe('stalled');
  });
});

describe('what a tile shows (kiosk gallery, join page, desk)', () => {
  /** The watch after samples [at, frames, audio packets] of one participant. */
  const watched = (samples: Array<[number, number, number]>): PeerWatch | undefined =>
    samples.reduce<PeerWatch | undefined>((w, [at, framesDecoded, audioPackets]) => watchPeer(w, { framesDecoded, audioPackets }, at), undefined);

  it('a silenced, voice-only party (nothing arrives, by rule) has a name card, never "the picture stopped"', () => {
    const silent = watched([
      [0, 0, 40],
      [1000, 0, 40],
      [5000, 0, 40],
    ]);
    expect(silent?.state).toBe('stalled');
    expect(tilePicture(false, silent)).toBe('none');
    expect(tilePicture(false, undefined)).toBe('none');
  });

  it('says the picture stopped only when a video that was flowing stopped', () => {
    const cut = watched([
      [0, 0, 0],
      [1000, 30, 50],
      [2000, 60, 100],
      [2000 + MEDIA_STALL_MS, 60, 100],
    ]);
    expect(tilePicture(true, cut)).toBe('stopped');
    // a silenced party with the camera on: frames flow, the picture is live
    expect(
      tilePicture(
        true,
        watched([
          [0, 0, 0],
          [1000, 30, 0],
          [5000, 150, 0],
        ]),
      ),
    ).toBe('live');
    // a video that never showed a frame has nothing to freeze: the card
    expect(
      tilePicture(
        true,
        watched([
          [0, 0, 0],
          [MEDIA_STALL_MS, 0, 0],
        ]),
      ),
    ).toBe('none');
    // not watched (peer to peer): shown as it comes
    expect(tilePicture(true)).toBe('live');
  });

  it('a camera its owner turned off is "camera off", never "the picture stopped", and live again once on', () => {
    // Their voice still arrives, no frame since the camera went off: by the counts alone, fine…
    const talking = watched([
      [0, 0, 0],
      [1000, 30, 50],
      [2000, 30, 100],
      [2000 + MEDIA_STALL_MS, 30, 180],
    ]);
    expect(talking?.state).toBe('ok');
    expect(tilePicture(true, talking, true)).toBe('camera-off');
    // …and silenced by the floor as well: nothing arrives at all, still their choice, not a fault.
    const silenced = watched([
      [0, 0, 0],
      [1000, 30, 50],
      [2000 + MEDIA_STALL_MS, 30, 50],
    ]);
    expect(silenced?.state).toBe('stalled');
    expect(tilePicture(true, silenced, true)).toBe('camera-off');
    expect(tilePicture(true, silenced, false)).toBe('stopped');
    // Camera on again: the same video consumer, frames moving: live.
    expect(
      tilePicture(
        true,
        watched([
          [0, 30, 50],
          [1000, 45, 70],
        ]),
        false,
      ),
    ).toBe('live');
    // No video at all: "camera off" when its owner says so (they joined with it off), else the name card.
    expect(tilePicture(false, talking, true)).toBe('camera-off');
    expect(tilePicture(false, talking, false)).toBe('none');
    // Peer to peer (not watched): a track still there after the camera went off is its frozen last frame.
    expect(tilePicture(true, undefined, true)).toBe('camera-off');
  });

  it('a party muted by the staff or silenced by the floor is muted', () => {
    expect(micOffByRule({ peerId: 'p1', role: 'applicant', muted: true })).toBe(true);
    expect(micOffByRule({ peerId: 'p1', role: 'applicant', silenced: true })).toBe(true);
    expect(micOffByRule({ peerId: 'p1', role: 'judge' })).toBe(false);
  });
});

describe('whose media is interrupted (the hub, from every page’s report)', () => {
  const report = (entries: Record<string, 'ok' | 'stalled'>): MediaReport => Object.entries(entries).map(([peerId, media]) => ({ peerId, media }));

  it('one party cut in a room of three: only that party', () => {
    const reports = new Map([
      ['kiosk', report({ desk: 'stalled', phone: 'stalled' })],
      ['desk', report({ kiosk: 'stalled', phone: 'ok' })],
      ['phone', report({ kiosk: 'stalled', desk: 'ok' })],
    ]);
    expect([...interruptedPeers(reports, ['kiosk', 'desk', 'phone'])]).toEqual(['kiosk']);
  });

  it('the cut party alone reporting is enough; the others alone reporting is too', () => {
    expect([...interruptedPeers(new Map([['kiosk', report({ desk: 'stalled', phone: 'stalled' })]]), ['kiosk', 'desk', 'phone'])]).toEqual(['kiosk']);
    const others = new Map([
      ['desk', report({ kiosk: 'stalled', phone: 'ok' })],
      ['phone', report({ kiosk: 'stalled', desk: 'ok' })],
    ]);
    expect([...interruptedPeers(others, ['kiosk', 'desk', 'phone'])]).toEqual(['kiosk']);
  });

  it('nobody when media flows, or when one page alone cannot see one other', () => {
    const reports = new Map([
      ['kiosk', report({ desk: 'ok', phone: 'ok' })],
      ['desk', report({ kiosk: 'ok', phone: 'stalled' })],
      ['phone', report({ kiosk: 'ok', desk: 'ok' })],
    ]);
    expect(interruptedPeers(reports, ['kiosk', 'desk', 'phone']).size).toBe(0);
  });

  it('ignores reports from and about participants no longer present', () => {
    const reports = new Map([
      ['gone', report({ desk: 'stalled', kiosk: 'stalled' })],
      ['desk', report({ gone: 'stalled', kiosk: 'ok' })],
    ]);
    expect(interruptedPeers(reports, ['kiosk', 'desk']).size).toBe(0);
  });

  it('two parties cut from each other: both', () => {
    const reports = new Map([
      ['kiosk', report({ desk: 'stalled' })],
      ['desk', report({ kiosk: 'stalled' })],
    ]);
    expect([...interruptedPeers(reports, ['kiosk', 'desk'])].sort()).toEqual(['desk', 'kiosk']);
  });
});
