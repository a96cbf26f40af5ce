import { describe, expect, it } from 'vitest';
import { galleryGrid, galleryTiles, MAX_TILES, orientationOf } from '../../renderer/call/galleryLayout.js';
import type { RemoteParticipant } from '../../renderer/webrtc/roomLinks.js';

const remote = (i: number, speaking = false): RemoteParticipant => ({ peerId: `peer-000${i}`, role: 'respondent', name: null, stream: null, speaking, picture: 'none', muted: false });

describe('gallery layout', () => {
  it('knows the kiosk screens by their orientation', () => {
    expect(orientationOf(1280, 800)).toBe('landscape');
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1080, 1920)).toBe('portrait');
  });

  // Tiles 1..6 → columns × rows.
  const expected = {
    landscape: ['1×1', '2×1', '3×1', '2×2', '3×2', '3×2'],
    portrait: ['1×1', '1×2', '1×3', '2×2', '2×3', '2×3'],
  };
  it.each(['landscape', 'portrait'] as const)('lays %s tiles out as the screen allows', (orientation) => {
    const shapes = [1, 2, 3, 4, 5, 6].map((n) => galleryGrid(n, orientation)).map((g) => `${g.columns}×${g.rows}`);
    expect(shapes).toEqual(expected[orientation]);
  });

  it('always has room for every tile it is given, and never more than six', () => {
    for (const o of ['landscape', 'portrait'] as const) {
      for (let n = 0; n <= 9; n++) {
        const g = galleryGrid(n, o);
        expect(g.columns * g.rows).toBeGreaterThanOrEqual(Math.min(Math.max(n, 1), MAX_TILES));
      }
    }
  });

  it('shows at most six participants, the speaker always among them', () => {
    const eight = Array.from({ length: 8 }, (_, i) => remote(i, i === 7));
    const shown = galleryTiles(eight);
    expect(shown).toHaveLength(MAX_TILES);
    expect(shown.map((r) => r.peerId)).toContain('peer-0007');
    expect(galleryTiles(eight.slice(0, 3))).toHaveLength(3);
  });
});
