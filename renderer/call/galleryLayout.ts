import type { RemoteParticipant } from '../webrtc/roomLinks.js';

// How the kiosk's gallery lays out the other participants: at most six tiles (an elderly viewer
// must still recognise a face and read a name under it), in a grid chosen per orientation so that
// each tile stays as large as the screen allows. Pure: the gallery renders it, the tests check it.

export const MAX_TILES = 6;

export type Orientation = 'landscape' | 'portrait';

export interface Grid {
  columns: number;
  rows: number;
}

export const orientationOf = (width: number, height: number): Orientation => (height > width ? 'portrait' : 'landscape');

/**
 * Columns × rows for `tiles` tiles. Landscape (1280×800, 1920×1080) fills a wide, short stage:
 * three side by side still beat a 2×2 with an empty corner. Portrait (1080×1920) stacks them:
 * one column up to three, then two columns.
 */
const grids: Record<Orientation, readonly Grid[]> = {
  landscape: [
    { columns: 1, rows: 1 },
    { columns: 1, rows: 1 },
    { columns: 2, rows: 1 },
    { columns: 3, rows: 1 },
    { columns: 2, rows: 2 },
    { columns: 3, rows: 2 },
    { columns: 3, rows: 2 },
  ],
  portrait: [
    { columns: 1, rows: 1 },
    { columns: 1, rows: 1 },
    { columns: 1, rows: 2 },
    { columns: 1, rows: 3 },
    { columns: 2, rows: 2 },
    { columns: 2, rows: 3 },
    { columns: 2, rows: 3 },
  ],
};

export function galleryGrid(tiles: number, orientation: Orientation): Grid {
  return grids[orientation][Math.max(0, Math.min(MAX_TILES, tiles))]!;
}

/**
 * Who gets a tile: the room's order, at most MAX_TILES; when there are more, the speaker always
 * has one (taking the last place), so the person talking is never off screen.
 */
export function galleryTiles(remotes: readonly RemoteParticipant[]): RemoteParticipant[] {
  if (remotes.length <= MAX_TILES) return [...remotes];
  const shown = remotes.slice(0, MAX_TILES);
  const speaker = remotes.find((r) => r.speaking);
  if (speaker && !shown.includes(speaker)) shown[MAX_TILES - 1] = speaker;
  return shown;
}
