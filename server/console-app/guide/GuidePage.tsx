import { useEffect, useState } from 'react';
import type { CallRoom } from '../../../shared/call.js';
import { courtPath } from '../../../shared/courtApi/routes.js';
import { courtTime } from '../../../shared/courtTime.js';
import { publishedView, ReferenceCaseList, type PublishedReferenceCase } from '../../../shared/referenceCases/referenceCase.js';
import { casesForRoom, guidancePaths, OpenRooms, type OpenRoom } from '../../../shared/rooms/guidance.js';
import { Bi } from '../bilingual.js';
import { JoinPage } from '../join/JoinPage.js';

// The guidance desk (调解指导, issue 12 item 4): the mediation rooms open now at the court's sites,
// live from the hub's stream; joining one as guiding judge goes through the join page's room (the
// same links, prompt and notices as every participant), with the reference-case library beside it,
// the room's dispute type first.

const columns = [
  { zh: '地点', en: 'Site' },
  { zh: '案号', en: 'Case' },
  { zh: '调解员', en: 'Mediator' },
  { zh: '当事人', en: 'Parties' },
  { zh: '开始时间', en: 'Started' },
];

export function GuidePage() {
  const [rooms, setRooms] = useState<OpenRoom[] | null>(null);
  const [problem, setProblem] = useState<'signedOut' | null>(null);
  const [chosen, setChosen] = useState<OpenRoom | null>(null);

  useEffect(() => {
    const events = new EventSource(guidancePaths.events);
    events.addEventListener('rooms', (e) => setRooms(OpenRooms.parse(JSON.parse((e as MessageEvent<string>).data)).rooms));
    // A refused stream (signed out, not a judge) closes; the browser would retry it forever.
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) setProblem('signedOut');
    };
    return () => events.close();
  }, []);

  if (chosen) return <JoinPage guide={{ callId: chosen.callId, tools: (room, share) => <ShareTools room={room} disputeType={chosen.disputeType} share={share} /> }} />;
  return (
    <main className="guide">
      <header className="join-top">
        <h1>
          <Bi zh="调解指导" en="Mediation guidance" />
        </h1>
        <a href="/console">
          <Bi zh="返回工作台" en="Back to the console" />
        </a>
      </header>
      {problem && (
        <p className="join-error" role="alert">
          <a href={guidancePaths.signIn} data-testid="guide-sign-in">
            <Bi zh="请先以法官身份登录工作台。" en="Sign in to the console as a judge first." />
          </a>
        </p>
      )}
      <h2>
        <Bi zh="正在进行的调解" en="Mediations open now" />
      </h2>
      {rooms?.length === 0 && (
        // what will appear and how a judge comes in (the walk, s17 item 15): no invitation, any listed room
        <div className="guide-empty" data-testid="guide-empty">
          <p>
            <Bi zh="现在没有正在进行的调解。" en="No mediation is open now." />
          </p>
          <p data-testid="guide-empty-how">
            <Bi
              zh="调解员在调解台接通视频调解后，这场调解就会出现在这里，列出地点、案号、调解员、当事人和开始时间；本页自动更新，不用刷新。"
              en="When a mediator connects a video mediation at their desk, it appears here with its site, case, mediator, parties and start time; this page updates by itself."
            />
          </p>
          <p>
            <Bi zh="点“进入指导”即可作为指导法官加入，不需要调解员邀请。" en="Press “Guide” to join as the guiding judge; no invitation from the mediator is needed." />
          </p>
        </div>
      )}
      {rooms && rooms.length > 0 && (
        <table className="guide-rooms" data-testid="guide-rooms">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.en}>
                  <Bi {...c} />
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rooms.map((r) => (
              <tr key={r.callId} data-testid="guide-room" data-call-id={r.callId}>
                <td>{r.site}</td>
                <td>{r.caseNumber ?? '—'}</td>
                <td>{r.mediator}</td>
                <td>{r.parties}</td>
                <td>{courtTime(r.startedAt)}</td>
                <td>
                  <button type="button" className="join-enter guide-open" data-testid="guide-open" onClick={() => setChosen(r)}>
                    <Bi zh="进入指导" en="Guide" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** The library beside the room: published cases, the room's dispute type first; one tap shares a case. */
function ShareTools({ room, disputeType, share }: { room: CallRoom; disputeType: string | null; share: (referenceCaseId: string) => void }) {
  const [cases, setCases] = useState<PublishedReferenceCase[] | null>(null);
  useEffect(() => {
    void fetch(`${courtPath('listReferenceCases')}?published=true`, { credentials: 'same-origin' })
      .then(async (res) => (res.ok ? ReferenceCaseList.parse(await res.json()).referenceCases.map(publishedView) : []))
      .then(
        (all) => setCases(casesForRoom(all, disputeType)),
        () => setCases([]),
      );
  }, [disputeType]);
  return (
    <section className="guide-share" aria-labelledby="guide-share-title" data-testid="guide-share">
      <h2 id="guide-share-title">
        <Bi zh="分享典型案例" en="Share a reference case" />
      </h2>
      {cases?.length === 0 && (
        <p>
          <Bi zh="案例库中还没有已发布的案例。" en="The library has no published case yet." />
        </p>
      )}
      <ul>
        {cases?.map((c) => (
          <li key={c.referenceCaseId} data-dispute-type={c.disputeType}>
            <span>{c.title.zh}</span>
            <button type="button" className="guide-share-button" data-testid="guide-share-case" data-reference-case={c.referenceCaseId} onClick={() => share(c.referenceCaseId)}>
              {room.shared?.referenceCase.referenceCaseId === c.referenceCaseId ? <Bi zh="再次分享" en="Share again" /> : <Bi zh="分享" en="Share" />}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
