import './participants.css';
import { useState } from 'react';
import type { CallRoom, RoomPeer } from '../../shared/call.js';
import { invitableRoles, roomPaths, Invitation } from '../../shared/rooms/joining.js';
import { may, roomRoleLabels, roomRoleOf, isParty } from '../../shared/rooms/roleTable.js';
import type { RoomActRequest } from '../../shared/signalling.js';
import { refusalSaid, type RefusalSaid } from '../../shared/courtApi/refusalWords.js';
import { Bi } from './bilingual.js';

// The desk's participant list: who is in the room and in which role, who waits to be let in, and
// the buttons the mediator's role allows (the role table decides; the hub decides again). Invite
// gives a one-time code and a link for the join page.

type Act = (frame: RoomActRequest) => void;

export function Participants({ room, speaking, act }: { room: CallRoom | null; speaking: ReadonlySet<string>; act: Act }) {
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [role, setRole] = useState<(typeof invitableRoles)[number]>('respondent');
  const [failed, setFailed] = useState<RefusalSaid | null>(null);
  if (!room) return null;
  const self = roomRoleOf(room.selfRole ?? 'mediator');
  const caucus = new Set(room.caucus ?? []);

  async function invite() {
    setFailed(null);
    const body = { callId: room!.callId, role };
    const res = await fetch(roomPaths.invitations, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
    const answer: unknown = await res?.json().catch(() => null);
    // a refusal in the desk's words (what failed, what to do), never the status or the hub's English message
    if (res?.status !== 201) return setFailed(refusalSaid(res?.status ?? null, (answer as { error?: { code?: string } } | null)?.error?.code));
    setInvitation(Invitation.parse(answer));
  }

  const name = (p: RoomPeer) => {
    const label = roomRoleLabels[p.role];
    return (
      <span className="who">
        <strong>{label.zh}</strong> <span className="en">{label.en}</span>
        {p.displayName ? ` · ${p.displayName}` : ''}
      </span>
    );
  };

  return (
    <section className="participants" data-testid="participants" aria-label="参与人 Participants">
      <h3>
        <Bi zh="参与人" en="Participants" />
      </h3>
      <ul>
        {room.peers.map((p) => (
          <li
            key={p.peerId}
            className={speaking.has(p.peerId) ? 'speaking' : undefined}
            data-testid={`participant-${p.role}`}
            data-speaking={speaking.has(p.peerId)}
            data-reconnecting={p.reconnecting === true}
            data-media={p.mediaInterrupted ? 'interrupted' : 'ok'}
          >
            {name(p)}
            {p.reconnecting && (
              <span className="tag tag-reconnecting" role="status" data-testid="participant-reconnecting">
                <Bi zh="网络中断，正在重新连接…" en="connection lost; reconnecting…" />
              </span>
            )}
            {p.mediaInterrupted && !p.reconnecting && (
              <span className="tag tag-reconnecting" role="status" data-testid="participant-media-interrupted">
                <Bi zh="媒体中断，正在自动恢复…" en="media interrupted; recovering by itself…" />
              </span>
            )}
            {p.unverified && (
              <span className="tag tag-unverified" data-testid="participant-unverified">
                <Bi zh="身份未核对（案件无身份证号）" en="identity not checked (the case holds no ID number)" />
              </span>
            )}
            {speaking.has(p.peerId) && (
              <span className="tag tag-speaking">
                <Bi zh="正在讲话" en="speaking" />
              </span>
            )}
            {p.muted && (
              <span className="tag">
                <Bi zh="已静音" en="muted" />
              </span>
            )}
            {p.cameraOff && (
              <span className="tag" data-testid="participant-camera-off">
                <Bi zh="摄像头已关闭" en="camera off" />
              </span>
            )}
            {caucus.has(p.peerId) && (
              <span className="tag">
                <Bi zh="单独谈话" en="in caucus" />
              </span>
            )}
            {may(self, 'mute_others') && (
              <button type="button" className="secondary" onClick={() => act({ t: 'room.act', action: p.muted ? 'unmute' : 'mute', peerId: p.peerId })}>
                {p.muted ? <Bi zh="取消静音" en="Unmute" /> : <Bi zh="静音" en="Mute" />}
              </button>
            )}
            {may(self, 'remove') && (
              <button type="button" className="secondary" data-testid={`remove-${p.role}`} onClick={() => act({ t: 'room.act', action: 'remove', peerId: p.peerId })}>
                <Bi zh="请出" en="Remove" />
              </button>
            )}
            {may(self, 'caucus') && isParty(roomRoleOf(p.role)) && !room.caucus && (
              <button type="button" className="secondary" data-testid={`caucus-${p.role}`} onClick={() => act({ t: 'room.act', action: 'caucus', peerIds: [p.peerId] })}>
                <Bi zh="单独谈" en="Caucus" />
              </button>
            )}
          </li>
        ))}
        {(room.lobby ?? []).map((p) => (
          <li key={p.peerId} className="waiting" data-testid={`lobby-${p.role}`}>
            {name(p)}
            <span className="tag">
              <Bi zh="等候进入" en="waiting" />
            </span>
            <button type="button" data-testid={`admit-${p.role}`} onClick={() => act({ t: 'room.act', action: 'admit', peerId: p.peerId })}>
              <Bi zh="准许进入" en="Admit" />
            </button>
          </li>
        ))}
      </ul>
      {room.caucus && (
        <button type="button" data-testid="end-caucus" onClick={() => act({ t: 'room.act', action: 'end_caucus' })}>
          <Bi zh="结束单独谈话" en="End caucus" />
        </button>
      )}
      {may(self, 'invite') && (
        <div className="invite">
          <select value={role} aria-label="邀请角色 Role to invite" data-testid="invite-role" onChange={(e) => setRole(e.target.value as typeof role)}>
            {invitableRoles.map((r) => (
              <option key={r} value={r}>
                {roomRoleLabels[r].zh} {roomRoleLabels[r].en}
              </option>
            ))}
          </select>
          <button type="button" data-testid="invite" onClick={() => void invite()}>
            <Bi zh="邀请" en="Invite" />
          </button>
          {invitation && (
            <p className="invitation" data-testid="invitation">
              <Bi zh="会议码" en="Code" /> <strong data-testid="invitation-code">{invitation.code}</strong> ·{' '}
              <span data-testid="invitation-link">{new URL(invitation.link, location.href).toString()}</span>
            </p>
          )}
          {failed && (
            <p className="notice" role="alert" data-testid="invite-refused" data-refusal={failed.kind}>
              <Bi {...failed.failed} /> <Bi {...failed.advice} />
              {failed.kind === 'signedOut' && (
                <>
                  {' '}
                  {/* a new tab: reloading this page would drop the call under way */}
                  <a href="/console" target="_blank" rel="noopener">
                    <Bi zh="在新窗口重新登录，再邀请" en="Sign in again in a new tab, then invite again" />
                  </a>
                </>
              )}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
