import 'webrtc-adapter';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import { callFlowReducer, initialCallFlow, type CallFlowState, type JoinClaim } from './callFlow.js';
import { reportMediaHealth } from '../terminal/mediaHealth.js';
import { LocalMedia, MediaUnavailableError, type LocalMediaState } from '../webrtc/localMedia.js';
import { RoomLinks, type CallStats, type RoomMedia } from '../webrtc/roomLinks.js';
import { SfuLink } from '../webrtc/sfuLink.js';
import type { CallMediaLink } from '../webrtc/callMediaLink.js';
import { switchCamera } from '../webrtc/ownCamera.js';
import type { CallRoom } from '../../shared/call.js';
import type { SfuRequest } from '../../shared/sfu.js';
import type { MediaReport } from '../../shared/rooms/mediaState.js';

// The kiosk call's I/O: the contract (request, cancel, hang up, signalling through the agent),
// the camera and microphone, and the room's peer links. The screen renders what this returns.

interface KioskCall {
  flow: CallFlowState;
  local: LocalMediaState | null;
  room: RoomMedia | null;
  /** Joining by code: the code typed on the keypad, and the name + ID ending typed after it. */
  enterCode: (code: string, claim: JoinClaim) => void;
  consent: () => void;
  /** "Call now", or with a code "join": asks the hub through the agent. */
  call: () => void;
  leave: () => void;
  setMuted: (muted: boolean) => void;
  setCameraOff: (off: boolean) => void;
  /** A gallery tile's shown size: on the SFU, the layer sent for that participant follows it. */
  reportTile: (peerId: string, width: number, height: number) => void;
}

declare global {
  interface Window {
    /** Media statistics of the current call, for the admin screen and end-to-end tests. */
    callDiagnostics?: () => Promise<CallStats | null>;
  }
}

export function useKioskCall(api: KioskApi, options: { language: Language; submissionId?: string | undefined; caseTicket?: string | undefined; joinByCode?: boolean | undefined }): KioskCall {
  const [flow, dispatch] = useReducer(callFlowReducer, options.joinByCode === true, initialCallFlow);
  const [local, setLocal] = useState<LocalMediaState | null>(null);
  const [room, setRoom] = useState<RoomMedia | null>(null);
  const media = useRef<LocalMedia | null>(null);
  const links = useRef<CallMediaLink | null>(null);
  const callId = useRef<string | null>(null);
  const requesting = useRef(false);
  const left = useRef(false);

  /** The room's links, made on its first news: on the hub's SFU if the room says so, else a peer link per participant. */
  const ensureLinks = useCallback(
    (room: CallRoom | null): CallMediaLink | null => {
      const id = callId.current;
      const m = media.current;
      if (links.current || !id || !m) return links.current;
      const s = m.state();
      const port = {
        sendSignal: (peerId: string, signal: object) => void api.call('call.signal', { callId: id, peerId, ...signal }),
        rejoin: () => void api.call('call.rejoin', { callId: id }),
        giveUp: () => {
          dispatch({ type: 'mediaGaveUp' });
          void api.call('call.hangup', { callId: id });
        },
        reportMedia: (peers: MediaReport) => void api.call('call.media', { callId: id, peers }),
        reportCamera: (off: boolean) => void api.call('call.camera', { callId: id, off }),
        request: async (step: SfuRequest) => {
          const result = await api.call('call.sfu', step);
          if (!result.ok) throw new Error(result.error.message);
          return result.value;
        },
      };
      const local = { stream: s.stream, audio: s.audio, video: s.video, cameraOff: s.cameraOff };
      const options = { role: 'resident' as const, onChange: setRoom };
      links.current = room?.media === 'sfu' ? new SfuLink(port, local, options) : new RoomLinks(port, local, options);
      return links.current;
    },
    [api],
  );

  // Contract events about our call: queue position, room membership, the mediator's signalling.
  useEffect(() => {
    const ours = (id: string) => callId.current === id || (callId.current === null && requesting.current);
    const offs = [
      api.on('call.state', (state) => {
        if (!ours(state.callId)) return;
        callId.current = state.callId;
        dispatch({ type: 'state', state });
      }),
      api.on('call.room', (r) => {
        if (!ours(r.callId)) return;
        callId.current = r.callId;
        ensureLinks(r)?.setRoom(r);
      }),
      api.on('call.signal', (s) => {
        if (callId.current === s.callId) ensureLinks(null)?.receive(s);
      }),
      api.on('call.sfu', (f) => {
        if (callId.current === f.callId && links.current instanceof SfuLink) links.current.push(f);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, ensureLinks]);

  // Face to face once media flows (whichever came last: the mediator answering, or the media).
  useEffect(() => {
    if (room?.everConnected && room.remotes.some((r) => r.stream)) dispatch({ type: 'mediaFlowing' });
  }, [room, flow.phase]);

  // Ending (either side, or failure) releases the camera and closes every link at once.
  useEffect(() => {
    if (flow.phase !== 'ended') return;
    links.current?.close();
    media.current?.stop();
  }, [flow.phase]);

  // Leaving the screen mid-call (idle reset, crash recovery) must not leave the mediator waiting.
  useEffect(() => {
    window.callDiagnostics = async () => (links.current ? links.current.stats() : null);
    window.callDecodedByPeer = async () => (links.current instanceof SfuLink ? links.current.decodedByPeer() : null);
    window.callMediaByPeer = () => (links.current instanceof SfuLink ? links.current.mediaByPeer() : null);
    return () => {
      const id = callId.current;
      if (id) void api.call('call.hangup', { callId: id }); // a no-op if the call is already over
      links.current?.close();
      media.current?.stop();
      delete window.callDiagnostics;
      delete window.callDecodedByPeer;
      delete window.callMediaByPeer;
    };
  }, [api]);

  const consent = useCallback(() => {
    if (media.current) return;
    dispatch({ type: 'consented' });
    const m = new LocalMedia(navigator.mediaDevices, {
      onChange: setLocal,
      onTrack: (kind, track) => void links.current?.setLocalTrack(kind, track),
      onHealth: reportMediaHealth,
    });
    media.current = m;
    m.start().catch((error: unknown) => dispatch({ type: 'mediaFailed', denied: error instanceof MediaUnavailableError && error.denied }));
  }, []);

  const call = useCallback(() => {
    if (requesting.current || callId.current) return;
    requesting.current = true;
    const claim = flow.claim;
    dispatch({ type: 'callTapped' });
    if (flow.code !== null && claim) {
      void api.call('call.join', { code: flow.code, name: claim.name, idLast4: claim.idLast4, language: options.language }).then((result) => {
        requesting.current = false;
        if (!result.ok) return dispatch({ type: 'requestFailed' });
        if (!result.value.joined) return dispatch({ type: 'codeRefused', refusal: result.value });
        callId.current = result.value.state.callId;
        if (left.current) return void api.call('call.hangup', { callId: result.value.state.callId });
        dispatch({ type: 'state', state: result.value.state });
      });
      return;
    }
    // About the case just checked (its ticket), or the intake just filed, or nothing in particular.
    const input = options.caseTicket
      ? { language: options.language, caseTicket: options.caseTicket }
      : options.submissionId
        ? { language: options.language, submissionId: options.submissionId }
        : { language: options.language };
    void api.call('call.request', input).then((result) => {
      requesting.current = false;
      if (!result.ok) return dispatch({ type: 'requestFailed' });
      callId.current = result.value.callId;
      // "Cancel" was tapped while the request was on its way: take the call out of the queue now.
      if (left.current) return void api.call('call.cancel', { callId: result.value.callId });
      dispatch({ type: 'state', state: result.value });
    });
  }, [api, options.language, options.submissionId, options.caseTicket, flow.code, flow.claim]);

  const reportTile = useCallback((peerId: string, width: number, height: number) => {
    if (links.current instanceof SfuLink) links.current.reportTile(peerId, width, height);
  }, []);

  const leave = useCallback(() => {
    const id = callId.current;
    left.current = true;
    if (id) void api.call(flow.phase === 'queued' ? 'call.cancel' : 'call.hangup', { callId: id });
    dispatch({ type: 'leaveTapped' });
  }, [api, flow.phase]);

  return {
    flow,
    local,
    room,
    enterCode: (code, claim) => dispatch({ type: 'codeEntered', code, claim }),
    consent,
    call,
    leave,
    setMuted: (muted) => media.current?.setMuted(muted),
    setCameraOff: (off) => void switchCamera(media.current, (word) => links.current?.setCameraOff(word), off),
    reportTile,
  };
}
