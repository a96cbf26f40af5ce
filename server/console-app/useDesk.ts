import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallOutcome, CallRoom } from '../../shared/call.js';
import type { HubToMediatorFrame, MediatorCall, PresenceStatus, QueueEntry, RoomActRequest, RoomRecordingRequest } from '../../shared/signalling.js';
import type { RoomHearingRequest } from '../../shared/rooms/hearing.js';
import { LocalMedia, type LocalMediaState } from '../../renderer/webrtc/localMedia.js';
import { RoomLinks, type CallStats, type RoomMedia } from '../../renderer/webrtc/roomLinks.js';
import { SfuLink } from '../../renderer/webrtc/sfuLink.js';
import type { CallMediaLink } from '../../renderer/webrtc/callMediaLink.js';
import { switchCamera } from '../../renderer/webrtc/ownCamera.js';
import type { MediaReport } from '../../shared/rooms/mediaState.js';
import { RequestFailure } from '../../shared/requestReply.js';
import { isSfuPush } from '../../shared/sfu.js';
import { openDeskSocket, type DeskSocket } from './deskSocket.js';
import type { RecordKeeping } from './hearing/recordKeeping.js';
import { useRecordKeeping } from './hearing/useRecordKeeping.js';

// The mediator's desk as live state: presence, the queue, the call in hand (with the intake),
// the camera and the peer links. The same perfect-negotiation and recovery code as the kiosk
// (renderer/webrtc) runs here; only the transport differs (the hub's socket instead of the agent).

export interface Desk {
  connected: boolean;
  /** The same account opened a desk elsewhere, which now has the session (and the call): this one is closed. */
  elsewhere: boolean;
  presence: PresenceStatus;
  queue: QueueEntry[];
  onDuty: number;
  call: MediatorCall | null;
  /** The outcome of `call` is stored: the desk returns to the queue. */
  saving: boolean;
  notice: string | null;
  local: LocalMediaState | null;
  room: RoomMedia | null;
  /** The room as the hub last described it: peers with roles, who waits, the caucus. */
  roomView: CallRoom | null;
  /** A request to the room (admit, mute, caucus, a hearing's steps); the hub checks the role table. */
  act: (frame: RoomActRequest | RoomRecordingRequest | RoomHearingRequest) => void;
  /** The hearing's record as this desk keeps it (shared/rooms/hearingRecord.ts). */
  record: RecordKeeping;
  typeRecord: (text: string) => void;
  /** Saves the record as typed, on the version it was typed on. */
  saveRecord: () => void;
  resolveRecord: (choice: 'takeLatest' | 'keepMine') => void;
  setOnDuty: (on: boolean) => void;
  accept: (callId: string) => void;
  end: (outcome: CallOutcome, notes: string) => void;
  setMuted: (muted: boolean) => void;
  setCameraOff: (off: boolean) => void;
  dismissNotice: () => void;
}

declare global {
  interface Window {
    callDiagnostics?: () => Promise<CallStats | null>;
  }
}

/** Room steps' refs start here, far above the line's own request ids (which count from 1): a refusal answers none of those. */
const ROOM_REF_BASE = 2 ** 30;

export function useDesk(onSignedOut: () => void): Desk {
  const [connected, setConnected] = useState(false);
  const [elsewhere, setElsewhere] = useState(false);
  const [presence, setPresence] = useState<PresenceStatus>('away');
  const [queue, setQueue] = useState<{ calls: QueueEntry[]; onDuty: number }>({ calls: [], onDuty: 0 });
  const [call, setCall] = useState<MediatorCall | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [local, setLocal] = useState<LocalMediaState | null>(null);
  const [room, setRoom] = useState<RoomMedia | null>(null);
  const [roomView, setRoomView] = useState<CallRoom | null>(null);
  const keeper = useRecordKeeping();
  const { record, event: recordEvent, forCall: recordFor } = keeper;
  const actRef = useRef(ROOM_REF_BASE);
  const socket = useRef<DeskSocket | null>(null);
  const media = useRef<LocalMedia | null>(null);
  const links = useRef<{ callId: string; links: CallMediaLink } | null>(null);
  const signedOut = useRef(onSignedOut);
  useLayoutEffect(() => {
    signedOut.current = onSignedOut;
  });

  /** Camera and microphone, started when going on duty (a preview, and no delay on answering). */
  const ensureMedia = useCallback((): LocalMedia => {
    if (media.current) return media.current;
    const m = new LocalMedia(navigator.mediaDevices, {
      onChange: setLocal,
      onTrack: (kind, track) => void links.current?.links.setLocalTrack(kind, track),
    });
    media.current = m;
    m.start().then(
      () => {
        const s = m.state();
        void links.current?.links.setLocalTrack('audio', s.audio);
        void links.current?.links.setLocalTrack('video', s.video);
      },
      () => setNotice('media'),
    );
    return m;
  }, []);

  const stopMedia = useCallback(() => {
    media.current?.stop();
    media.current = null;
    setLocal(null);
  }, []);

  const closeLinks = useCallback(() => {
    links.current?.links.close();
    links.current = null;
    setRoom(null);
  }, []);

  const linksFor = useCallback(
    (room: CallRoom): CallMediaLink => {
      const { callId } = room;
      if (links.current?.callId === callId) return links.current.links;
      closeLinks();
      const s = ensureMedia().state();
      const port = {
        sendSignal: (peerId: string, signal: object) => socket.current?.send({ t: 'signal', callId, peerId, ...signal }),
        rejoin: () => socket.current?.send({ t: 'call.rejoin', callId }),
        giveUp: () => setNotice('mediaFailed'),
        reportMedia: (peers: MediaReport) => socket.current?.send({ t: 'room.media', callId, peers }),
        reportCamera: (off: boolean) => socket.current?.send({ t: 'room.camera', callId, off }),
        request: (step: Parameters<DeskSocket['sfu']>[0]) => (socket.current ? socket.current.sfu(step) : Promise.reject(new RequestFailure('unsent', 'No line'))),
      };
      // The camera may be off from before the call (the desk keeps it between calls).
      const local = { stream: s.stream, audio: s.audio, video: s.video, cameraOff: s.cameraOff };
      // The hub says whether this room is on its SFU; otherwise a peer link to each participant.
      const created: CallMediaLink = room.media === 'sfu' ? new SfuLink(port, local, { role: 'mediator', onChange: setRoom }) : new RoomLinks(port, local, { role: 'mediator', onChange: setRoom });
      links.current = { callId, links: created };
      return created;
    },
    [closeLinks, ensureMedia],
  );

  const onFrame = useCallback(
    (frame: HubToMediatorFrame) => {
      if (isSfuPush(frame)) {
        const l = links.current;
        if (l?.callId === frame.callId && l.links instanceof SfuLink) l.links.push(frame);
        return;
      }
      switch (frame.t) {
        case 'hello':
          setPresence(frame.presence);
          setCall(frame.call);
          recordFor(frame.call?.callId ?? null);
          if (frame.presence !== 'away' || frame.call) ensureMedia();
          // A live call this desk has no links for (it took the session over from another desk, or
          // was reloaded): rejoin with a new peer id, so the resident's side drops the old desk's link.
          if (frame.call && !frame.call.endedReason && links.current?.callId !== frame.call.callId) {
            socket.current?.send({ t: 'call.rejoin', callId: frame.call.callId });
          }
          return;
        case 'presence':
          setPresence(frame.status);
          return;
        case 'queue':
          setQueue({ calls: frame.calls, onDuty: frame.onDuty });
          return;
        case 'call':
          setCall(frame.call);
          recordFor(frame.call.callId);
          if (frame.call.endedReason) closeLinks();
          return;
        case 'room':
          linksFor(frame.room).setRoom(frame.room);
          setRoomView(frame.room);
          return;
        case 'room.done':
          return;
        case 'room.record':
          recordFor(frame.callId);
          // Unasked (its answer to our save comes back to saveRecord): the latest, on joining or after a stale save.
          recordEvent({ type: 'latest', version: frame.version, text: frame.text });
          return;
        case 'room.record.signing':
          recordEvent({ type: 'signing', frame });
          return;
        case 'sfu.reply':
          return; // answers come back to the SFU link's own requests
        case 'signal':
          if (links.current?.callId === frame.signal.callId) links.current.links.receive(frame.signal);
          return;
        case 'error':
          // A room step refused (admit, mute, a hearing's step…): say so. Other errors answer our own
          // requests (accept(), end()), or a late candidate's, which does not matter.
          if (frame.ref !== undefined && frame.ref >= ROOM_REF_BASE) setNotice(`room.${frame.code}`);
          return;
        case 'call.recorded':
          return;
      }
    },
    [closeLinks, ensureMedia, linksFor, recordFor, recordEvent],
  );

  useEffect(() => {
    const s = openDeskSocket({
      onFrame,
      onOpen: () => setConnected(true),
      onClose: (ended) => {
        setConnected(false);
        if (ended === 'signedOut') signedOut.current();
        if (ended === 'elsewhere') {
          // The call goes on at the other desk: let go of the camera and the links here.
          setElsewhere(true);
          closeLinks();
          stopMedia();
        }
      },
    });
    socket.current = s;
    window.callDiagnostics = async () => (links.current ? links.current.links.stats() : null);
    window.callDecodedByPeer = async () => (links.current?.links instanceof SfuLink ? links.current.links.decodedByPeer() : null);
    return () => {
      s.close();
      socket.current = null;
      closeLinks();
      stopMedia();
      delete window.callDiagnostics;
      delete window.callDecodedByPeer;
    };
  }, [onFrame, closeLinks, stopMedia]);

  // Waiting calls in the tab title, so a mediator working in another tab notices them.
  useEffect(() => {
    document.title = `${queue.calls.length > 0 ? `(${queue.calls.length}) ` : ''}调解员工作台 Mediator desk`;
  }, [queue.calls.length]);

  return {
    connected,
    elsewhere,
    presence,
    queue: queue.calls,
    onDuty: queue.onDuty,
    call,
    saving,
    notice,
    local,
    room,
    roomView: call && !call.endedReason && roomView?.callId === call.callId ? roomView : null,
    act(frame) {
      if (!call) return;
      // The hub answers room.done or an error with this ref; the room frame that follows shows the change.
      socket.current?.send({ ...frame, ref: ++actRef.current, callId: call.callId });
    },
    setOnDuty(on) {
      socket.current?.send({ t: 'presence.set', status: on ? 'available' : 'away' });
      if (on) ensureMedia();
      else if (!call || call.endedReason) stopMedia();
    },
    accept(callId) {
      setNotice(null);
      ensureMedia();
      const accepted = socket.current?.accept(callId) ?? Promise.reject(new RequestFailure('unsent', 'No line'));
      accepted.then(
        // Answered, the hub sends the call itself; only a refusal comes back here.
        (reply) => reply.t === 'error' && setNotice(reply.code),
        (failure: RequestFailure) => failure.reason === 'unsent' && setNotice('offline'),
      );
    },
    end(outcome, notes) {
      if (!call || !socket.current) return;
      setSaving(true);
      socket.current.end({ callId: call.callId, outcome, notes }).then(
        (reply) => {
          setSaving(false);
          if (reply.t === 'error') setNotice(reply.code);
          else if (reply.t === 'call.recorded') setCall((c) => (c?.callId === reply.callId ? null : c));
        },
        (failure: RequestFailure) => {
          if (failure.reason === 'closed') return; // the desk is gone
          // The answer was lost with the connection; the hub's hello on reconnect shows the call as it is.
          setSaving(false);
          setNotice('offline');
        },
      );
    },
    record,
    typeRecord: keeper.type,
    saveRecord() {
      const line = socket.current;
      if (call && line) keeper.save(call.callId, (frame) => line.saveRecord(frame));
    },
    resolveRecord: keeper.resolve,
    setMuted: (muted) => media.current?.setMuted(muted),
    setCameraOff: (off) => void switchCamera(media.current, (word) => links.current?.links.setCameraOff(word), off),
    dismissNotice: () => setNotice(null),
  };
}
