import { recordingFileLabels } from '../../shared/cases/caseLabels.js';
import type { CaseEventView } from '../../shared/courtApi/cases.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { courtTime } from '../../shared/courtTime.js';
import { roomRoleLabels, type RoomRole } from '../../shared/rooms/roleTable.js';
import { can } from '../../shared/staff/roles.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { escapeHtml } from '../web/html.js';
import { words, type Speaker } from './consoleWords.js';

// The case's room recordings on its console page: when, how long, the file's sha256 (as in the
// event log) and who consented or refused before it started, read from the case's own events.
// Staff who may open the case's personal data play them in the page; each request the player
// makes is a view the recording route audits (server/sfu/recordingRoutes.ts, HTTP Range).

interface Answer {
  role: RoomRole;
  participant: string;
}

export interface CaseRecording {
  recordingId: string;
  roomId: string;
  startedAt: string;
  /** Null while it is still recording. */
  stoppedAt: string | null;
  seconds: number | null;
  sha256: string | null;
  /** Why it stopped (shared/cases/caseEvents.ts recordingStopCauses); null while recording. */
  cause: string | null;
  deleted: boolean;
  consented: Answer[];
  refused: Answer[];
}

/**
 * The recordings in the case's events, oldest first. The answers counted for a recording are those
 * given in its room to the ask that started it (each ask starts afresh; a refused one starts nothing).
 */
export function recordingsOf(events: readonly CaseEventView[]): CaseRecording[] {
  const out: CaseRecording[] = [];
  const byId = new Map<string, CaseRecording>();
  const pending = new Map<string, { consented: Answer[]; refused: Answer[] }>();
  const answersIn = (roomId: string) => {
    let a = pending.get(roomId);
    if (!a) pending.set(roomId, (a = { consented: [], refused: [] }));
    return a;
  };
  for (const e of events) {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    const roomId = typeof p.roomId === 'string' ? p.roomId : '';
    const answer = { role: p.role as RoomRole, participant: typeof p.participant === 'string' ? p.participant : '' };
    if (e.type === 'recording.requested')
      pending.delete(roomId); // a new ask: earlier answers were to another
    else if (e.type === 'recording.consented') answersIn(roomId)[p.consented === false ? 'refused' : 'consented'].push(answer);
    else if (e.type === 'recording.refused') answersIn(roomId).refused.push(answer);
    else if (e.type === 'recording.started' && typeof p.recordingId === 'string') {
      const r: CaseRecording = { recordingId: p.recordingId, roomId, startedAt: e.at, stoppedAt: null, seconds: null, sha256: null, cause: null, deleted: false, ...answersIn(roomId) };
      pending.delete(roomId);
      byId.set(r.recordingId, r);
      out.push(r);
    } else if (e.type === 'recording.stopped' && typeof p.recordingId === 'string') {
      const r = byId.get(p.recordingId);
      if (!r) continue;
      r.stoppedAt = e.at;
      r.seconds = typeof p.seconds === 'number' ? p.seconds : null;
      r.sha256 = typeof p.sha256 === 'string' ? p.sha256 : null;
      r.cause = typeof p.cause === 'string' ? p.cause : null;
    } else if (e.type === 'recording.deleted' && typeof p.recordingId === 'string') {
      const r = byId.get(p.recordingId);
      if (r) r.deleted = true;
    }
  }
  return out;
}

const w = {
  recordings: words('录音录像', 'Recordings'),
  none: words('本案没有录音录像。', 'This case has no recordings.'),
  started: words('开始', 'Started'),
  duration: words('时长', 'Duration'),
  consented: words('同意', 'Consented'),
  refused: words('拒绝', 'Refused'),
  nobody: words('无', 'Nobody'),
  recordingNow: words('正在录制', 'Recording now'),
  deleted: words('保存期满已删除', 'Deleted after its retention period'),
  play: words('播放（每次播放均记入审计日志）', 'Play (every playback is recorded in the audit log)'),
  playLabel: words('录音录像 {n}', 'Recording {n}'),
};

const duration = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

function answers(s: Speaker, list: Answer[]): string {
  if (list.length === 0) return s.say(w.nobody);
  return list.map((a) => `${s.say(roomRoleLabels[a.role] ?? words(a.role, a.role))} <small>${escapeHtml(a.participant)}</small>`).join('，');
}

export function recordingsSection(s: Speaker, who: SessionInfo, caseId: string, events: readonly CaseEventView[]): string {
  const list = recordingsOf(events);
  const mayPlay = can(who.role, 'openPersonalData');
  const items = list.map((r, i) => {
    const state = r.deleted
      ? s.say(w.deleted)
      : r.stoppedAt === null
        ? s.say(w.recordingNow)
        : r.cause === 'interrupted'
          ? s.say(r.sha256 === null ? recordingFileLabels.interrupted : recordingFileLabels.interruptedKept)
          : r.sha256 === null
            ? s.say(recordingFileLabels.noFile)
            : '';
    const playable = mayPlay && !r.deleted && r.sha256 !== null;
    const src = courtPath('playRecording', { caseId, recordingId: r.recordingId });
    return `<li data-recording="${escapeHtml(r.recordingId)}"${r.cause === 'interrupted' ? ' data-interrupted' : ''}>
<div class="what">${s.say(w.started)} <time datetime="${escapeHtml(r.startedAt)}">${escapeHtml(courtTime(r.startedAt, 'minute'))}</time>${r.seconds !== null ? ` · ${s.say(w.duration)} ${duration(r.seconds)}` : ''}${state ? ` · ${state}` : ''}</div>
${r.sha256 ? `<div class="meta">sha256 <code class="free-text">${escapeHtml(r.sha256)}</code></div>` : ''}
<div class="meta" data-answers="consented">${s.say(w.consented)}: ${answers(s, r.consented)}</div>
<div class="meta" data-answers="refused">${s.say(w.refused)}: ${answers(s, r.refused)}</div>
${playable ? `<p>${s.say(w.play)}</p><video controls preload="none" src="${escapeHtml(src)}" aria-label="${s.say(w.playLabel, { n: i + 1 })}" data-testid="recording-player"></video>` : ''}
</li>`;
  });
  const body = list.length === 0 ? `<p class="note">${s.say(w.none)}</p>` : `<ol class="timeline recordings">${items.join('\n')}</ol>`;
  return `<section aria-labelledby="recordings-h"><h2 id="recordings-h">${s.say(w.recordings)}</h2>${body}</section>`;
}
