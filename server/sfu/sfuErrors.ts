import type { ErrorFrame } from '../../shared/signalling.js';
import { SfuRefusal } from './sfuRoom.js';

/**
 * The error frame for a refused SFU step. mediasoup throws TypeError/Error for parameters it
 * cannot use (a client's fault): answered as INVALID_FRAME, without mediasoup's text.
 */
export function sfuErrorFrame(ref: number, failure: unknown): ErrorFrame {
  if (failure instanceof SfuRefusal) return { t: 'error', ref, code: failure.code, message: failure.message };
  return { t: 'error', ref, code: 'INVALID_FRAME', message: 'The media server refused this step' };
}
