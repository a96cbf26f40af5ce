import { describe, expect, it } from 'vitest';
import { RTP_READ_QUEUE, RTP_SOCKET_BUFFER, ffmpegArguments } from '../../server/sfu/recordingFfmpeg.js';
import { RECORDING_GRID, byTileOrder, gridTiles, mixFilter, tileLabels } from '../../server/sfu/recordingGrid.js';

// The recording's picture and sound as ffmpeg is told to make them: tiles that fill the grid
// without overlapping, labels by role, staff first, and every input in the graph once.

describe('recording grid', () => {
  it('lays 1 to 6 tiles inside 640×360 without overlap, each of even size', () => {
    for (let n = 1; n <= RECORDING_GRID.maxTiles; n++) {
      const tiles = gridTiles(n);
      expect(tiles).toHaveLength(n);
      for (const t of tiles) {
        expect(t.x + t.width).toBeLessThanOrEqual(RECORDING_GRID.width);
        expect(t.y + t.height).toBeLessThanOrEqual(RECORDING_GRID.height);
        expect((t.width % 2) + (t.height % 2)).toBe(0);
      }
      const keys = new Set(tiles.map((t) => `${t.x},${t.y}`));
      expect(keys.size).toBe(n);
    }
    expect(gridTiles(1)).toEqual([{ x: 0, y: 0, width: 640, height: 360 }]);
    expect(gridTiles(4).map((t) => `${t.x}_${t.y}`)).toEqual(['0_0', '320_0', '0_180', '320_180']);
    expect(gridTiles(9)).toHaveLength(RECORDING_GRID.maxTiles);
  });

  it('labels tiles by role in Chinese and English, numbering a role that appears twice', () => {
    expect(tileLabels(['judge', 'applicant', 'respondent'])).toEqual(['法官 Judge', '申请人 Applicant', '被申请人 Respondent']);
    expect(tileLabels(['applicant', 'applicant', null])).toEqual(['申请人 1 Applicant 1', '申请人 2 Applicant 2', '参与人 Participant']);
  });

  it('puts the court staff first', () => {
    const order = byTileOrder([{ role: 'respondent' as const }, { role: null }, { role: 'judge' as const }, { role: 'applicant' as const }]);
    expect(order.map((o) => o.role)).toEqual(['judge', 'applicant', 'respondent', null]);
  });

  it('builds one graph that uses each input once and always yields both outputs', () => {
    const args = ffmpegArguments('room.sdp', 3, tileLabels(['judge', 'applicant']), 'room.webm');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    for (const input of ['[0:a:0]', '[0:a:1]', '[0:a:2]', '[0:v:0]', '[0:v:1]']) expect(graph.split(input)).toHaveLength(2);
    // the three microphones behind a lead that ends at once (amix drains every input but its first when the input ends)
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=end_sample=1[lead];[lead][aud0][aud1][aud2]amix=inputs=4');
    expect(graph).toContain('xstack=inputs=2');
    expect(graph).toContain("text='法官 Judge'");
    expect(args.filter((a) => a === '-map')).toHaveLength(2);
    // Nobody's microphone: silence, so every segment has the same two streams.
    expect(mixFilter([], '[mixed]', '[1:a]')).toBe('[1:a]anull[mixed]');
  });

  it('draws the black picture from the sound (it ends with it), and takes silence as an input at native rate, not as a graph that sleeps', () => {
    const audioOnly = ffmpegArguments('room.sdp', 2, [], 'room.webm');
    expect(audioOnly.filter((a) => a === '-i')).toHaveLength(1);
    const graph = audioOnly[audioOnly.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('amix=inputs=3:normalize=0,asetpts=N/SR/TB[sound];[sound]asplit=2[mixed][wave];[wave]showwaves=s=640x360:r=10');
    expect(graph).not.toMatch(/realtime|color=/);
    const silent = ffmpegArguments('room.sdp', 0, ['法官 Judge'], 'room.webm');
    const inputs = silent.flatMap((a, i) => (a === '-i' ? [silent[i + 1]!] : []));
    expect(inputs).toEqual(['room.sdp', 'anullsrc=r=48000:cl=stereo']);
    expect(silent[silent.indexOf('anullsrc=r=48000:cl=stereo') - 4]).toBe('-re');
    expect(silent[silent.indexOf('-filter_complex') + 1]).toMatch(/^\[1:a\]anull\[mixed\];/);
    expect(ffmpegArguments('room.sdp', 2, ['法官 Judge'], 'room.webm').filter((a) => a === '-i')).toHaveLength(1);
  });

  it('gives the RTP input a large socket buffer and a deep read queue (input options, before -i)', () => {
    const args = ffmpegArguments('room.sdp', 2, [], 'room.webm');
    const sdp = args.indexOf('room.sdp');
    const before = args.slice(0, sdp);
    expect(before[before.indexOf('-thread_queue_size') + 1]).toBe(String(RTP_READ_QUEUE));
    expect(before[before.indexOf('-buffer_size') + 1]).toBe(String(RTP_SOCKET_BUFFER));
    expect(args.slice(sdp - 3, sdp)).toEqual(['-f', 'sdp', '-i']);
  });
});
