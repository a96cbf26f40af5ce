import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CallRoom } from '../../../shared/call.js';
import { guidancePaths } from '../../../shared/rooms/guidance.js';
import { JoinAnswer, roomPaths } from '../../../shared/rooms/joining.js';
import type { RecordingAnswer } from '../../../shared/rooms/recordingConsent.js';
import type { PendingRecordPrompt, RecordAnswer, RecordToSign } from '../../../shared/rooms/hearingRecord.js';
import { RecordLinkWaiting, recordLinkPaths } from '../../../shared/rooms/recordByLink.js';
import { isParty, roomRoleOf } from '../../../shared/rooms/roleTable.js';
import type { GuestFrame, HubToGuestFrame } from '../../../shared/signalling.js';
import { LocalMedia } from '../../../renderer/webrtc/localMedia.js';
import { RoomLinks, type CallStats, type RoomMedia } from '../../../renderer/webrtc/roomLinks.js';
import { SfuLink } from '../../../renderer/webrtc/sfuLink.js';
import type { CallMediaLink } from '../../../renderer/webrtc/callMediaLink.js';
import type { MediaReport } from '../../../shared/rooms/mediaState.js';
import { isSfuPush } from '../../../shared/sfu.js';
import { VideoView } from '../../../renderer/webrtc/VideoView.js';
import { RoomNotices, roomNoticeWords } from '../RoomNotices.js';
import { openGuestLine, type GuestLine } from './guestLine.js';
import { RecordingPrompt } from './RecordingPrompt.js';
import { JoinHearingBanner, JoinRecordSigning } from './JoinHearing.js';
import { JoinRecordAfterCall } from './JoinRecordAfterCall.js';
import { JoinRemotes } from './JoinRemotes.js';
import '../hearing/hearing.css';
import { RecordPane } from '../hearing/RecordPane.js';
import { useRecordKeeping, type RecordSave, type RecordSaveReply } from '../hearing/useRecordKeeping.js';
import { errorText, joinWords, retryAfterOf, roleLabel, type JoinLanguage } from './joinWords.js';

// The join page: a party on a phone (portrait) or PC types the meeting code, their name and the
// last 4 of their ID number; the hub checks them against the case and answers with a pass for
// the room's guest socket. Then the page waits (waiting room, caucus) or shows the room, over the
// same links as the kiosk and the desk (renderer/webrtc): the hub's SFU when the room says
// `media: 'sfu'` (every other participant a tile), else a mesh link to each participant.

declare global {
  interface Window {
    joinDiagnostics?: () => Promise<CallStats | null>;
  }
}

/**
 * The guidance desk's judge (server/console-app/guide/) takes part through this same page: no code
 * to type (the hub gives a guiding judge's pass to a signed-in judge), and their own tools beside
 * the room (sharing a reference case).
 */
export interface GuideMode {
  callId: string;
  tools: (room: CallRoom, share: (referenceCaseId: string) => void) => ReactNode;
}

/** What the hub answers a request of this page with, matched by its ref. */
type Answer = Extract<HubToGuestFrame, { t: 'room.done' | 'error' | 'room.record' }>;

type Stage = { kind: 'form'; error: string | null; retryAfterS?: number | null; busy: boolean } | { kind: 'room'; room: CallRoom | null } | { kind: 'ended' } | { kind: 'lost' };

export function JoinPage({ guide }: { guide?: GuideMode } = {}) {
  const [language, setLanguage] = useState<JoinLanguage>(navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  const w = joinWords[language];
  const [stage, setStage] = useState<Stage>({ kind: 'form', error: null, busy: false });
  const [form, setForm] = useState({ code: '', name: '', idLast4: '' });
  const [media, setMedia] = useState<RoomMedia | null>(null);
  const [self, setSelf] = useState<MediaStream | null>(null);
  const live = useRef<{ line: GuestLine; links: CallMediaLink | null; local: LocalMedia } | null>(null);
  // Far above the SFU steps' refs (which count from 1), so their answers never meet.
  const nextRef = useRef(2 ** 30);
  /** Requests answered by room.done, error or (a record's save) room.record, by ref. */
  const answers = useRef(new Map<number, (reply: Answer | null) => void>());
  /** The record (笔录) as a keeper on this page types it (the clerk): the desk's pane and rules. */
  const keeper = useRecordKeeping();
  /** The hearing's record to sign, once the judge has closed it (parties only). */
  const [toSign, setToSign] = useState<RecordToSign | null>(null);
  /** The link opened after its hearing closed: the record still waiting for this party (./JoinRecordAfterCall.tsx). */
  const invite = guide ? null : new URLSearchParams(location.search).get('invite');
  const [afterCall, setAfterCall] = useState<PendingRecordPrompt | null>(null);
  /** Until the link is looked up, neither form shows (no join form flashing before the record's). */
  const [looked, setLooked] = useState(invite === null);
  const waitingRecord = async (): Promise<PendingRecordPrompt | null> => {
    if (!invite) return null;
    const res = await fetch(recordLinkPaths.waiting, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invite }) }).catch(() => null);
    const waiting = res?.ok ? RecordLinkWaiting.safeParse(await res.json().catch(() => null)) : null;
    return waiting?.success ? (waiting.data.records[0] ?? null) : null;
  };
  const lookForRecord = () =>
    void waitingRecord().then((found) => {
      if (found) setAfterCall(found);
      setLooked(true);
    });
  useEffect(() => {
    lookForRecord();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the link the page was opened with
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(
    () => () => {
      live.current?.line.close();
      live.current?.links?.close();
      live.current?.local.stop();
    },
    [],
  );

  async function enter(e: FormEvent) {
    e.preventDefault();
    setStage({ kind: 'form', error: null, busy: true });
    const invite = new URLSearchParams(location.search).get('invite') ?? undefined;
    let res: Response;
    try {
      res = guide
        ? await fetch(guidancePaths.join(guide.callId), { method: 'POST', credentials: 'same-origin' })
        : await fetch(roomPaths.join, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...form, ...(invite ? { invite } : {}) }) });
    } catch {
      return setStage({ kind: 'form', error: 'other', busy: false });
    }
    if (!res.ok) {
      const code = ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code ?? 'other';
      return setStage({ kind: 'form', error: code, retryAfterS: retryAfterOf(res), busy: false });
    }
    const answer = JoinAnswer.parse(await res.json());
    await openRoom(answer);
  }

  async function openRoom(answer: JoinAnswer) {
    const local = new LocalMedia(navigator.mediaDevices, { onChange: (s) => setSelf(s.stream), onTrack: (kind, track) => void live.current?.links?.setLocalTrack(kind, track) });
    await local.start().catch(() => undefined);
    setSelf(local.state().stream);
    const { callId } = answer;
    // The record belongs to this call: set before any of its frames, so none resets what is typed.
    keeper.forCall(callId);
    let ended = false;
    const send = (frame: Extract<GuestFrame, { t: 'call.rejoin' | 'room.act' | 'room.media' | 'signal' }>) => live.current?.line.send(frame);
    // The room frame says whether the room is on the SFU; the links are made when it first comes.
    const linksFor = (room: CallRoom): CallMediaLink => {
      const current = live.current!;
      if (current.links) return current.links;
      const s = local.state();
      const tracks = { stream: s.stream, audio: s.audio, video: s.video };
      const port = {
        sendSignal: (peerId: string, signal: object) => send({ t: 'signal', callId, peerId, ...signal }),
        rejoin: () => send({ t: 'call.rejoin', callId }),
        giveUp: () => setStage({ kind: 'lost' }),
        reportMedia: (peers: MediaReport) => send({ t: 'room.media', callId, peers }),
        request: (step: Parameters<GuestLine['sfu']>[0]) => current.line.sfu(step),
      };
      const onChange = setMedia;
      current.links = room.media === 'sfu' ? new SfuLink(port, tracks, { role: answer.role, onChange }) : new RoomLinks(port, tracks, { role: answer.role, onChange });
      return current.links;
    };
    const onFrame = (f: HubToGuestFrame) => {
      const links = live.current?.links ?? null;
      if (f.t === 'room') {
        linksFor(f.room).setRoom(f.room);
        local.setMuted(f.room.selfMuted === true);
        setStage({ kind: 'room', room: f.room });
      } else if (f.t === 'signal') links?.receive(f.signal);
      else if (isSfuPush(f)) {
        if (links instanceof SfuLink) links.push(f);
      } else if ((f.t === 'room.done' || f.t === 'error' || f.t === 'room.record') && f.ref !== undefined && answers.current.has(f.ref)) {
        answers.current.get(f.ref)!(f);
        answers.current.delete(f.ref);
      } else if (f.t === 'room.record') {
        // A party is sent the record only when the hearing closes: the version to sign. A keeper
        // (the clerk) is sent the latest on joining and after a save refused as stale.
        if (isParty(roomRoleOf(answer.role))) {
          if (f.version > 0) setToSign({ callId: f.callId, version: f.version, text: f.text });
        } else keeper.event({ type: 'latest', version: f.version, text: f.text });
      } else if (f.t === 'room.record.signing') keeper.event({ type: 'signing', frame: f });
      else if (f.t === 'call.ended') {
        ended = true;
        links?.close();
        local.stop();
        setToSign(null);
        setStage({ kind: 'ended' });
        // A record not yet answered when the call ended is still offered through the link.
        lookForRecord();
      }
    };
    const line = openGuestLine(answer.pass, { onFrame, onClose: () => !ended && setStage({ kind: 'lost' }) });
    live.current = { line, links: null, local };
    window.joinDiagnostics = async () => (live.current?.links ? live.current.links.stats() : null);
    window.callDecodedByPeer = async () => (live.current?.links instanceof SfuLink ? live.current.links.decodedByPeer() : null);
    setStage({ kind: 'room', room: null });
  }

  /** A frame answered by room.done or error; the room frame that follows shows what it changed. */
  const ask = (callId: string, request: { t: 'room.recording'; step: RecordingAnswer['step'] } | { t: 'room.share'; referenceCaseId: string }) =>
    live.current?.line.send({ ...request, callId, ref: nextRef.current++ });

  /** A frame the hub answers by its ref; null when no answer came in time (the line is down). */
  const request = (frame: Extract<GuestFrame, { t: 'room.record.sign' | 'room.record.refuse' | 'room.record.save' }>): Promise<Answer | null> =>
    new Promise((resolve) => {
      const ref = frame.ref;
      const timer = setTimeout(() => {
        answers.current.delete(ref);
        resolve(null);
      }, 15_000);
      answers.current.set(ref, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      live.current?.line.send(frame);
    });

  /** Signs (or refuses) the record; true once the hub has it. */
  const answerRecord = async (a: RecordAnswer): Promise<boolean> => {
    const frame = a.answer === 'sign' ? { t: 'room.record.sign' as const, imagePngBase64: a.imagePngBase64 } : { t: 'room.record.refuse' as const };
    return (await request({ ...frame, ref: nextRef.current++, callId: a.callId, version: a.version }))?.t === 'room.done';
  };

  /** A keeper's save of the record; no answer in time is a failed save (the text stays). */
  const saveRecord = async (save: RecordSave): Promise<RecordSaveReply> => (await request({ t: 'room.record.save', ref: nextRef.current++, ...save })) ?? { t: 'error', code: 'UNAVAILABLE' };

  const field = (key: keyof typeof form, label: string, mode: 'numeric' | 'text', max: number) => (
    <label className="join-field">
      <span>{label}</span>
      <input value={form[key]} inputMode={mode} maxLength={max} autoComplete="off" required data-testid={`join-${key}`} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );

  return (
    <main className="join">
      <header className="join-top">
        <h1>{guide ? w.guideTitle : afterCall ? w.afterTitle : w.title}</h1>
        <button type="button" className="join-lang" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {w.switchLanguage}
        </button>
      </header>
      {afterCall && invite && (stage.kind === 'form' || stage.kind === 'ended') && (
        <JoinRecordAfterCall invite={invite} waiting={afterCall} words={w} onSwitchLanguage={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')} />
      )}
      {stage.kind === 'form' && looked && !afterCall && (
        <form className="join-form" onSubmit={(e) => void enter(e)}>
          {!guide && (
            <>
              <p>{w.intro}</p>
              {field('code', w.code, 'numeric', 6)}
              {field('name', w.name, 'text', 100)}
              {field('idLast4', w.idLast4, 'text', 4)}
            </>
          )}
          {stage.error && (
            <p className="join-error" role="alert" data-testid="join-error" data-code={stage.error}>
              {errorText(w, w.errors, stage.error, stage.retryAfterS ?? null)}
            </p>
          )}
          <button type="submit" className="join-enter" disabled={stage.busy} data-testid="join-enter">
            {stage.busy ? w.entering : guide ? w.guideEnter : w.enter}
          </button>
        </form>
      )}
      {stage.kind === 'room' && (
        <section className="join-room" data-testid="join-room" data-waiting={stage.room?.waiting ?? 'none'}>
          <div className="join-banners">
            <RecordingPrompt room={stage.room} words={w} onAnswer={(step) => stage.room && ask(stage.room.callId, { t: 'room.recording', step })} />
            <RoomNotices room={stage.room} lang={language} words={roomNoticeWords[language]} />
            <JoinHearingBanner room={stage.room} words={w} language={language} />
          </div>
          {toSign && (
            <JoinRecordSigning
              key={`${toSign.callId}:${toSign.version}`}
              record={toSign}
              words={w}
              onAnswer={answerRecord}
              onDone={() => setToSign(null)}
              onSwitchLanguage={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
            />
          )}
          <div className="join-stage">
            {stage.room?.waiting ? (
              <p className="join-waiting" role="status" data-testid="join-waiting">
                {stage.room.waiting === 'caucus' ? w.waitingCaucus : w.waitingAdmission}
              </p>
            ) : (
              <>
                <p className="join-status" role="status">
                  {w.inRoom}
                </p>
                <JoinRemotes remotes={media?.remotes ?? []} language={language} />
              </>
            )}
            <VideoView stream={self} muted className="join-self" testId="join-self" label={w.you} />
          </div>
          <div className="join-side">
            {!stage.room?.waiting && (
              <ul className="join-people">
                {stage.room?.peers.map((p) => (
                  <li key={p.peerId}>
                    {p.displayName ?? roleLabel(p.role, language)}
                    {p.displayName ? ` · ${roleLabel(p.role, language)}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {stage.room?.selfMuted && <p className="join-muted">{w.muted}</p>}
            {!stage.room?.waiting && (
              <RecordPane room={stage.room} record={keeper.record} onType={keeper.type} onSave={() => stage.room && keeper.save(stage.room.callId, saveRecord)} onResolve={keeper.resolve} />
            )}
            {guide && stage.room && guide.tools(stage.room, (referenceCaseId) => ask(guide.callId, { t: 'room.share', referenceCaseId }))}
          </div>
        </section>
      )}
      {stage.kind === 'ended' && !afterCall && <p className="join-waiting">{w.ended}</p>}
      {stage.kind === 'lost' && (
        <p className="join-error" role="alert">
          {w.lost}
        </p>
      )}
    </main>
  );
}
