import { roomRoleLabels, roomRoles, type RoomRole } from '../../shared/rooms/roleTable.js';

// What a room's recording looks like (issue 12 item 6): one ffmpeg filter graph that puts up to
// six participants' videos in a grid, each tile labelled with the participant's role in Chinese
// and English (the English stays readable where the hub has no CJK font), and mixes everyone's
// audio. Small on purpose: a 640×360 picture at 10 frames/s is what a 2-core hub can encode
// beside the calls it forwards, and enough to see who spoke and who was there.

export const RECORDING_GRID = { width: 640, height: 360, fps: 10, maxTiles: 6 } as const;

export interface GridTile {
  x: number;
  y: number;
  width: number;
  height: number;
}

const even = (n: number): number => Math.floor(n / 2) * 2;

/** The tiles for `n` videos (1 to maxTiles): 1×1, 2×1, 2×2, 3×2, filled row by row. */
export function gridTiles(n: number): GridTile[] {
  const count = Math.min(Math.max(n, 1), RECORDING_GRID.maxTiles);
  const columns = count === 1 ? 1 : count <= 4 ? 2 : 3;
  const rows = Math.ceil(count / columns);
  const width = even(RECORDING_GRID.width / columns);
  const height = even(RECORDING_GRID.height / rows);
  return Array.from({ length: count }, (_, i) => ({ x: (i % columns) * width, y: Math.floor(i / columns) * height, width, height }));
}

/** The order tiles are laid out in: the court's staff first, then the parties, as on the desk. */
const tileOrder: readonly RoomRole[] = ['judge', 'guiding_judge', 'mediator', 'clerk', 'applicant', 'respondent', 'agent', 'interpreter', 'observer'];

export function byTileOrder<T extends { role: RoomRole | null }>(items: readonly T[]): T[] {
  const rank = (r: RoomRole | null) => (r === null ? roomRoles.length : tileOrder.indexOf(r));
  return [...items].sort((a, b) => rank(a.role) - rank(b.role));
}

/** Each tile's label: its role (法官 Judge), numbered where a role appears twice (申请人 2 Applicant 2). */
export function tileLabels(roles: ReadonlyArray<RoomRole | null>): string[] {
  const counts = new Map<RoomRole | null, number>();
  for (const r of roles) counts.set(r, (counts.get(r) ?? 0) + 1);
  const seen = new Map<RoomRole | null, number>();
  return roles.map((r) => {
    const n = (seen.get(r) ?? 0) + 1;
    seen.set(r, n);
    const label = r ? roomRoleLabels[r] : { zh: '参与人', en: 'Participant' };
    return (counts.get(r) ?? 0) > 1 ? `${label.zh} ${n} ${label.en} ${n}` : `${label.zh} ${label.en}`;
  });
}

/**
 * What stands in for nobody's microphone: silence as an input of its own, generated at its
 * native rate (`-re`) so it keeps the pace of the clock. Not an `arealtime` filter in the graph:
 * that sleeps in ffmpeg's one main loop, where the RTP input's packets are taken too.
 */
export function silenceInput(): string[] {
  return ['-re', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
}

/**
 * What stands in for nobody's camera: a black picture drawn from the sound itself (its waves in
 * black on black), so it keeps the sound's time and ends with it. A generated source that never
 * ends (`color`, paced by `realtime` or `-re`) starved the RTP reads, and kept ffmpeg running
 * after its RTP input ended (RoomRecorder.stop waits for that end).
 */
export function pictureOfSound(sound: string, out: string): string {
  const { width, height, fps } = RECORDING_GRID;
  return `${sound}showwaves=s=${width}x${height}:r=${fps}:mode=point:colors=black,format=yuv420p,setsar=1${out}`;
}

/**
 * The filter graph's video part: each input (`[0:v:i]`) at the grid's rate, fitted into its tile
 * and labelled, then stacked and padded to the grid's size, as `[out]` (at least one input; none:
 * pictureOfSound). A paused or missing camera leaves its tile at the last frame it sent (the stack
 * waits for it, then catches up).
 */
export function gridFilter(inputs: readonly string[], labels: readonly string[], out: string): string {
  const { width, height, fps } = RECORDING_GRID;
  const tiles = gridTiles(inputs.length);
  const chains = tiles.map((t, i) => {
    const text = (labels[i] ?? '').replace(/[^\p{L}\p{N} ]/gu, '');
    return (
      `${inputs[i]}fps=${fps},scale=${t.width}:${t.height}:force_original_aspect_ratio=decrease:force_divisible_by=2,` +
      `pad=${t.width}:${t.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,` +
      `drawtext=font='Noto Sans CJK SC':text='${text}':fontsize=16:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=5:x=6:y=h-th-10[tile${i}]`
    );
  });
  const stacked =
    tiles.length === 1
      ? `[tile0]pad=${width}:${height}:0:0:color=black${out}`
      : `${tiles.map((_, i) => `[tile${i}]`).join('')}xstack=inputs=${tiles.length}:layout=${tiles.map((t) => `${t.x}_${t.y}`).join('|')}:fill=black,` +
        `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black${out}`;
  return [...chains, stacked].join(';');
}

/**
 * The audio part: every input mixed into `[out]`; with no input, the silence `silence`
 * (silenceInput). Each input follows the wall clock of its packets only softly (aresample's async
 * at up to 5 %/s, silence or a cut only past 5 s): a reader that stalls on a busy hub reads a
 * second of sound at once, stamped alike, and timing hard by those stamps wrote the stall as
 * silence and dropped the burst as overlapping; timing by samples alone (asetpts) let a voice
 * fall behind by every packet lost on the line (3 % loss: 24.3 s of 25 s). amix takes its inputs sample by sample and waits for a frame
 * from every one: a microphone that stops sending holds the mix until the segment's input ends, so
 * a segment takes in only microphones that send (recordingSegments.ts). At that end amix drains
 * what it holds of every input but its first, so the first is a lead of one silent sample, ended
 * at once: what the others said while one was paused (until the next segment listened) is kept;
 * the mix is then timed by its samples.
 */
export function mixFilter(inputs: readonly string[], out: string, silence: string): string {
  if (inputs.length === 0) return `${silence}anull${out}`;
  const timed = inputs.map((input, i) => `${input}aresample=async=2400:min_hard_comp=5:first_pts=0[aud${i}]`);
  if (inputs.length === 1) return [...timed, `[aud0]anull${out}`].join(';');
  const lead = 'anullsrc=r=48000:cl=stereo,atrim=end_sample=1[lead]';
  const mixed = `[lead]${inputs.map((_, i) => `[aud${i}]`).join('')}amix=inputs=${inputs.length + 1}:normalize=0,asetpts=N/SR/TB${out}`;
  return [...timed, lead, mixed].join(';');
}
