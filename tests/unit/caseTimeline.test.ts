import { describe, expect, it } from 'vitest';
import { actorLabel, timeline } from '../../server/console/caseTimeline.js';
import { speaker } from '../../server/console/consoleWords.js';
import type { CaseNames } from '../../server/console/placeNames.js';
import type { CaseEventView } from '../../shared/courtApi/cases.js';
import { receivedEvent } from '../support/receivedCase.js';

// The case page's timeline names who did each thing as a person reads it: the name recorded with
// the event and the role or site beside it, in the page's language; events from before names were
// recorded fall back to what the page knows now, then to the id.

const names: CaseNames = {
  place: (id) => ({ 'qlh-court-hall': '诉讼服务中心' })[id ?? ''] ?? id ?? '—',
  person: (u) => ({ 'mediator.people': '人民调解员' })[u] ?? u,
};

const event = (actor: CaseEventView['actor'], siteId: string | null = null): CaseEventView => ({
  ...receivedEvent({ eventId: '00000000-0000-4000-8000-000000000001', caseId: 'c1', at: '2026-12-05T08:00:00.000Z', siteId, payload: {} }),
  actor,
  reason: null,
  voidsEventId: null,
  prevHash: null,
  hash: 'h',
});

const zh = speaker('zh');
const en = speaker('en');

describe('who did it, on the case timeline', () => {
  it('a staff member by the name recorded with the event and their role', () => {
    const e = event({ kind: 'staff', username: 'clerk', role: 'filing_clerk', name: '李书记员' });
    expect(actorLabel(zh, e, names)).toBe('李书记员（立案人员）');
    expect(actorLabel(en, e, names)).toBe('李书记员 (Filing clerk)');
  });

  it('a terminal by its recorded name and site, the site not repeated after it', () => {
    const e = event({ kind: 'terminal', terminalId: 'KSK-HALL-01', name: '大厅一号机', siteName: '七里河区人民法院诉讼服务中心' }, 'qlh-court-hall');
    expect(actorLabel(zh, e, names)).toBe('大厅一号机（七里河区人民法院诉讼服务中心）');
    const html = timeline(zh, [e], names);
    expect(html).toContain('操作人：<span class="actor">大厅一号机（七里河区人民法院诉讼服务中心）</span></div>');
    expect(html).not.toContain('KSK-HALL-01');
  });

  it('an event from before names were recorded: a mediator’s current name, the event’s site, else the id', () => {
    expect(actorLabel(zh, event({ kind: 'staff', username: 'mediator.people', role: 'mediator' }), names)).toBe('人民调解员（调解员）');
    expect(actorLabel(zh, event({ kind: 'staff', username: 'clerk', role: 'filing_clerk' }), names)).toBe('clerk（立案人员）');
    expect(actorLabel(zh, event({ kind: 'terminal', terminalId: 'KSK-HALL-01' }, 'qlh-court-hall'), names)).toBe('KSK-HALL-01（诉讼服务中心）');
    expect(actorLabel(en, event({ kind: 'terminal', terminalId: 'KSK-9' }), names)).toBe('KSK-9');
  });

  it('the hub acting by rule reads as the system, in both languages', () => {
    expect(actorLabel(zh, event({ kind: 'system' }), names)).toBe('系统（按规则自动记录）');
    expect(actorLabel(en, event({ kind: 'system' }), names)).toBe('The system (recorded by rule)');
  });

  it('a recorded name with markup is shown as text', () => {
    const html = timeline(en, [event({ kind: 'staff', username: 'x', role: 'judge', name: '<script>alert(1)</script>' })], names);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; (Judge)');
    expect(html).not.toContain('<script>');
  });
});

describe('a recording’s stop, on the case timeline', () => {
  const stopped = (cause: string, sha256: string | null): CaseEventView => ({
    ...event({ kind: 'system' }),
    type: 'recording.stopped',
    payload: { roomId: 'r1', recordingId: '00000000-0000-4000-8000-000000000002', cause, sha256, size: sha256 ? 10 : 0, seconds: 50 },
  });
  const what = (html: string) => /<div class="what">([^<]*)<\/div>/.exec(html)?.[1];

  it('one its hub died in reads as interrupted, with why and what was kept, in both languages', () => {
    const kept = stopped('interrupted', 'a'.repeat(64));
    expect(what(timeline(zh, [kept], names))).toBe('录音录像中断');
    expect(timeline(zh, [kept], names)).toContain('正在录制的法院服务器停止运行 · 已保存中断前的部分');
    expect(what(timeline(en, [kept], names))).toBe('Recording interrupted');
    expect(timeline(en, [kept], names)).toContain('The court server that was recording it stopped · The part before it was kept');
    expect(timeline(en, [stopped('interrupted', null)], names)).toContain('The court server that was recording it stopped · No file was kept');
  });

  it('one stopped on request reads as stopped, with why', () => {
    const html = timeline(zh, [stopped('stopped', 'b'.repeat(64))], names);
    expect(what(html)).toBe('停止录音录像');
    expect(html).toContain('按要求停止');
    expect(what(timeline(en, [stopped('failed', null)], names))).toBe('Recording stopped');
    expect(timeline(en, [stopped('failed', null)], names)).toContain('The recorder failed · No file was kept');
  });
});
