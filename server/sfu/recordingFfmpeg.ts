// What ffmpeg is told: the SDP describing the recorder's RTP legs, and its arguments (one filter
// graph that mixes the sound and lays the cameras out in the grid, recordingGrid.ts). Pure: the
// recorder (recording.ts) writes the SDP to a file and spawns ffmpeg with these.
import type { types } from 'mediasoup';
import { RECORDING_GRID, gridFilter, mixFilter, pictureOfSound, silenceInput } from './recordingGrid.js';

/** An SDP ffmpeg reads: one media section per leg, each on its own even port, RTCP on the next. */
export function recordingSdp(legs: ReadonlyArray<{ kind: 'audio' | 'video'; port: number; rtpParameters: types.RtpParameters }>): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=court-room-recording', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const leg of legs) {
    const codec = leg.rtpParameters.codecs[0]!;
    const name = codec.mimeType.split('/')[1]!;
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
    lines.push(`m=${leg.kind} ${leg.port} RTP/AVP ${codec.payloadType}`, `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`, 'a=recvonly');
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * How many packets ffmpeg's input thread may hold for its main loop (8 by default). ffmpeg 5.1
 * reads in threads only with two input files or more: here only when no microphone sends (the
 * silence is a second input, silenceInput); with the SDP alone its main loop reads the sockets
 * between filtering and encoding, and this does nothing. 16384 packets are over a minute of a
 * full room's media (tens of MB at most).
 */
export const RTP_READ_QUEUE = 16_384;
/**
 * Each RTP socket's receive buffer (ffmpeg's default is 64 KiB, under a second of video): what
 * arrives while ffmpeg's main loop is busy waits here, and what does not fit the kernel drops, so
 * on a busy hub the mix lost sound. The kernel caps it at net.core.rmem_max (deploy/sysctl/).
 */
export const RTP_SOCKET_BUFFER = 4 * 1024 * 1024;

/**
 * ffmpeg's arguments for `audios` audio inputs and one video input per tile label (in the SDP's
 * order: audio first): one filter graph mixes the audio and lays the videos out in the grid.
 */
export function ffmpegArguments(sdpFile: string, audios: number, videoLabels: readonly string[], out: string): string[] {
  // Arrival time as every packet's timestamp: the streams share one clock from the first packet
  // (RTP's own clocks are aligned only once RTCP reports come, and the grid would wait for that).
  // A packet is stamped when it is read, by ffmpeg's main loop (one input file, no reader thread:
  // RTP_READ_QUEUE): a loop that stalls reads the packets its socket buffer held as a burst
  // stamped late, so the sound follows those stamps only softly (mixFilter).
  // The SDP demuxer gives up when no packet reaches any of its ports for `listen_timeout` (10 s by
  // default, libavformat/rtsp.c) and ends every input: ffmpeg then exits, or writes black and no
  // sound where a generated source keeps it running. So no segment runs while every producer is
  // paused (recordingSegments.ts). The limit itself stays: ffmpeg sees our SIGINT only between
  // packets (its I/O gives way to a second signal only, which also cuts the file's trailer), so a
  // segment stopped as the room falls silent finishes within it instead of hanging.
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error'];
  args.push(
    '-protocol_whitelist',
    'file,udp,rtp',
    '-use_wallclock_as_timestamps',
    '1',
    '-thread_queue_size',
    String(RTP_READ_QUEUE),
    '-buffer_size',
    String(RTP_SOCKET_BUFFER),
    '-f',
    'sdp',
    '-i',
    sdpFile,
  );
  // Always one audio and one video stream (silence or black where nobody sends one), so the
  // segments of one recording join by stream copy (recordingSegments.ts): with no camera the
  // picture is drawn from the mix; with no microphone the silence is input 1.
  if (audios === 0) args.push(...silenceInput());
  const cameras = videoLabels.length > 0;
  const audio = mixFilter(
    Array.from({ length: audios }, (_, i) => `[0:a:${i}]`),
    cameras ? '[mixed]' : '[sound]',
    '[1:a]',
  );
  const video = cameras
    ? gridFilter(
        videoLabels.map((_, i) => `[0:v:${i}]`),
        videoLabels,
        '[grid]',
      )
    : `[sound]asplit=2[mixed][wave];${pictureOfSound('[wave]', '[grid]')}`;
  args.push('-filter_complex', `${audio};${video}`, '-map', '[mixed]', '-c:a', 'libopus', '-b:a', '64k', '-ar', '48000', '-ac', '2');
  // A keyframe every 2 s, so the case page's player seeks (HTTP Range) without decoding far. One
  // encoder thread: libvpx's threads wait for each other by spinning, and on a busy hub (one
  // descheduled, the other spinning) they took 80 % of ffmpeg's time, an audio-only hearing's
  // recorder a quarter of a core, and fell behind the room until its stop's deadline cut it.
  args.push('-map', '[grid]', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k', '-g', String(RECORDING_GRID.fps * 2), '-threads', '1');
  // Each packet to the file as it is muxed: ffmpeg's 256 KiB write buffer is half a minute of an
  // audio-only hearing that a hub dying would lose (the seal and the salvage read what is on disk).
  args.push('-flush_packets', '1', '-f', 'webm', '-y', out);
  return args;
}
