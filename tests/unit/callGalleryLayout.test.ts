import { describe, expect, it } from 'vitest';
import { galleryGrid, galleryTiles, MAX_TILES, orientationOf } from '../../renderer/call/galleryLayout.js';
import type { RemoteParticipant } from '../../renderer/webrtc/roomLinks.js';

const remote = (i: number, speaking = false): RemoteParticipant => ({ peerId: `peer-000${i}`, role: 'respondent', name: null, stream: null, speaking });

describe('gallery layout', () => {
  it('knows the kiosk screens by their orientation', () => {
    expect(orientationOf(1280, 800)).toBe('landscape');
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1080, 1920)).toBe('portrait');
  });

  it('lays landscape tiles side by side, then in two rows', () => {
    const shapes = [1, 2, 3, 4, 5, 6].map((n) => galleryGrid(n, 'landscape'));
    expect(shapes).toEqual([
      { columns: 1, rows: 1 },
      { columns: 2, rows: 1 },
      { columns: 3, rows: 1 },
      { columns: 2, rows: 2 },
      { columns: 3, rows: 2 },
      { columns: 3, rows: 2 },
    ]);
  });

  it('stacks portrait tiles in one column up to three, then two columns', () => {
    const shapes = [1, 2, 3, 4, 5, 6].map((n) => galleryGrid(n, 'portrait'));
    expect(shapes).toEqual([
      { columns: 1, rows: 1 },
      { columns: 1, rows: 2 },
      { columns: 1, rows: 3 },
      { columns: 2, rows: 2 },
      { columns: 2, rows: 3 },
      { columns: 2, rows: 3 },
    ]);
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
