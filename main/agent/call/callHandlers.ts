import type { CallHandlers } from '../../bridge/dispatch.js';
import type { CallLink } from './callLink.js';

// The contract's `call.*` handlers: thin, because the call's state lives in CallLink and its media
// in the renderer. Kept apart from agent.ts so the video link is one import there.

export type CallLinkHandlers = Pick<
  CallHandlers,
  | 'call.request'
  | 'call.join'
  | 'call.cancel'
  | 'call.hangup'
  | 'call.signal'
  | 'call.rejoin'
  | 'call.current'
  | 'call.sfu'
  | 'call.recording'
  | 'call.media'
  | 'call.camera'
  | 'call.recordAnswer'
  | 'call.pendingRecord'
  | 'call.unlockRecord'
>;

export function callLinkHandlers(link: CallLink, hooks: { beforeRequest?: () => void } = {}): CallLinkHandlers {
  return {
    'call.request': (input) => {
      // The intake filed just before should reach the hub before the mediator answers.
      if (input.submissionId) hooks.beforeRequest?.();
      return link.request(input);
    },
    'call.join': (input) => link.join(input),
    'call.cancel': ({ callId }) => {
      link.cancel(callId);
      return null;
    },
    'call.hangup': ({ callId }) => {
      link.hangup(callId);
      return null;
    },
    'call.signal': (signal) => {
      link.signal(signal);
      return null;
    },
    'call.rejoin': ({ callId }) => {
      link.rejoin(callId);
      return null;
    },
    'call.current': () => link.current(),
    'call.sfu': (step) => link.sfu(step),
    'call.recording': ({ callId, step }) => {
      link.recordingAnswer(callId, step);
      return null;
    },
    'call.media': ({ callId, peers }) => {
      link.mediaReport(callId, peers);
      return null;
    },
    'call.camera': ({ callId, off }) => {
      link.camera(callId, off);
      return null;
    },
    'call.recordAnswer': async (answer) => {
      await link.recordAnswer(answer);
      return null;
    },
    'call.pendingRecord': () => link.pendingRecord(),
    'call.unlockRecord': (ask) => link.unlockRecord(ask),
  };
}
