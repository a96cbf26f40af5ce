import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyEvent, type CaseFile, type FoldEvent } from '../../shared/cases/caseFile.js';
import type { CaseEventType, CaseKind } from '../../shared/cases/lifecycle.js';
import { courtDay } from '../../shared/courtTime.js';
import {
  formatIndicator,
  histogramQuantile,
  indicatorHeading,
  indicatorKeys,
  indicators,
  indicatorUnitWords,
  indicatorValue,
  indicatorValues,
  readWithWords,
  type IndicatorInputs,
} from '../../shared/dashboard/indicators.js';
import { contributionOf, eventDimensions, spanStartsOf, type EventDimensions } from '../../shared/dashboard/measures.js';
import type { DashboardScope } from '../../shared/dashboard/scope.js';
import { splitPeriod } from '../../server/dashboard/periods.js';

// Each indicator's formula on hand-made case logs: period boundaries in court time, zero
// denominators, outcomes voided as recorded in error, resumed mediations, reclassification and
// reassignment, the 民特 case's copy of a ruling, video sessions and their minutes.

interface Logged {
  event: FoldEvent;
  after: CaseFile;
  dims: EventDimensions;
  day: string;
}

/** A court's log, written by hand, folded with the rulebook's own fold. */
class Log {
  readonly entries: Logged[] = [];
  private files = new Map<string, CaseFile>();

  open(kind: CaseKind, at: string, payload: unknown, siteId = 'centre-a'): string {
    const caseId = randomUUID();
    this.add(caseId, kind, kind === 'dispute' ? 'case.received' : kind === 'confirmation' ? 'confirmation.opened' : 'lawsuit.opened', at, payload, siteId);
    return caseId;
  }

  received(at: string, o: { channel?: string; disputeType?: string; siteId?: string } = {}): string {
    return this.open('dispute', at, { channel: o.channel ?? 'counter', disputeType: o.disputeType ?? 'neighbour', parties: { applicants: 1, respondents: 1 } }, o.siteId);
  }

  add(caseId: string, kind: CaseKind, type: CaseEventType, at: string, payload: unknown, siteId: string | null = null): FoldEvent {
    const before = this.files.get(caseId) ?? null;
    const event: FoldEvent = { eventId: randomUUID(), caseId, caseKind: kind, seq: (before?.seq ?? 0) + 1, type, at, siteId, payload };
    const after = applyEvent(before, event);
    this.files.set(caseId, after);
    this.entries.push({ event, after, dims: eventDimensions(after), day: courtDay(Date.parse(at)) });
    return event;
  }

  on(caseId: string, type: CaseEventType, at: string, payload: unknown = {}): FoldEvent {
    return this.add(caseId, this.files.get(caseId)!.kind, type, at, payload);
  }

  file(caseId: string): CaseFile {
    return this.files.get(caseId)!;
  }

  /**
   * What the daily aggregates hold for a period and scope, computed the way the append listener
   * does (contributions on the event's day and dimensions; a voided event's taken away).
   */
  inputs(from: string, to: string, scope: DashboardScope = {}): IndicatorInputs {
    const voided = new Set(
      this.entries.flatMap((e) =>
        e.event.type === 'case.reopened' && (e.event.payload as { voidsEventId?: string }).voidsEventId ? [(e.event.payload as { voidsEventId: string }).voidsEventId] : [],
      ),
    );
    const counts = new Map<string, { measure: never; channel: string; n: number }>();
    const durations = new Map<string, { measure: never; days: number; n: number }>();
    for (const e of this.entries) {
      if (voided.has(e.event.eventId) || e.day < from || e.day > to) continue;
      if (Object.entries(scope).some(([k, v]) => v !== undefined && e.dims[k as keyof EventDimensions] !== v)) continue;
      const c = contributionOf(
        { type: e.event.type, caseKind: e.event.caseKind, payload: e.event.payload, courtDay: e.day },
        spanStartsOf(e.after, (iso) => courtDay(Date.parse(iso))),
      );
      for (const x of c.counts) {
        const k = `${x.measure}|${e.dims.channel}`;
        const row = counts.get(k) ?? { measure: x.measure as never, channel: e.dims.channel, n: 0 };
        row.n += x.n;
        counts.set(k, row);
      }
      for (const x of c.durations) {
        const k = `${x.measure}|${x.days}`;
        const row = durations.get(k) ?? { measure: x.measure as never, days: x.days, n: 0 };
        row.n += 1;
        durations.set(k, row);
      }
    }
    return { counts: [...counts.values()], durations: [...durations.values()], open: noOpenCases };
  }
}

const noOpenCases = { overdue_mediation: 0, awaiting_decision: 0 } as const;

const diverted = (org = 'org-a', mediator?: string) => ({
  caseNumber: `（2026）甘0103民诉前调${Math.floor(Math.random() * 1e6)}号`,
  organisationId: org,
  ...(mediator ? { mediator } : {}),
  consent: { method: 'application' },
  mediationDueDate: '2026-12-31',
});
const filedDirectly = () => ({ reason: 'refused_mediation', lawsuitCaseId: randomUUID(), lawsuitCaseNumber: '（2026）甘0103民初1号' });
const doc = () => ({ documentId: randomUUID(), sha256: 'a'.repeat(64), size: 10 });

describe('indicators: the seed article’s figures', () => {
  const seed: IndicatorInputs = {
    counts: [
      { measure: 'diverted', channel: 'counter', n: 10_400 },
      { measure: 'diverted', channel: 'kiosk', n: 1_800 },
      { measure: 'diverted', channel: 'court', n: 706 },
      { measure: 'filed_directly', channel: 'court', n: 4_471 },
      { measure: 'settled', channel: 'counter', n: 6_725 },
      { measure: 'confirmed', channel: 'counter', n: 211 },
    ],
    durations: [],
    open: noOpenCases,
  };

  it('gives 74.27 % diverted of 17,377 and 52.11 % settled of 12,906', () => {
    expect(indicatorValue('diverted', seed)).toBe(12_906);
    expect(formatIndicator('diversion_rate', indicatorValue('diversion_rate', seed))).toBe('74.27 %');
    expect(formatIndicator('settlement_rate', indicatorValue('settlement_rate', seed))).toBe('52.11 %');
    expect(indicatorValue('confirmed', seed)).toBe(211);
    expect(indicatorValue('counter_share', seed)).toBeCloseTo(10_400 / 12_906, 12);
    expect(formatIndicator('diverted', 12_906, 'en')).toBe('12,906');
  });

  it('says every counted figure’s unit from the indicator’s own: 74,744 video minutes are minutes, in both languages', () => {
    expect(formatIndicator('video_minutes', 74_744)).toBe('74,744');
    expect(indicatorUnitWords('video_minutes', 74_744, 'zh')).toBe('分钟');
    expect(indicatorUnitWords('video_minutes', 74_744, 'en')).toBe('minutes');
    expect(indicatorUnitWords('video_sessions', 1_680, 'zh')).toBe('场');
    expect(indicatorUnitWords('received', 1, 'en')).toBe('case');
    expect(indicatorUnitWords('awaiting_decision', 3, 'zh')).toBe('件');
    // a percentage and days carry theirs in the figure; no figure, no unit
    expect(indicatorUnitWords('diversion_rate', 0.7427, 'zh')).toBeNull();
    expect(formatIndicator('receipt_to_diversion_median', 1)).toBe('1 天');
    expect(indicatorUnitWords('settlement_rate', null, 'en')).toBeNull();
    expect(indicatorUnitWords('video_minutes', null, 'zh')).toBeNull();
    // every indicator's figure has a unit one way or the other
    for (const key of indicatorKeys) {
      const shown = `${formatIndicator(key, 2, 'en')} ${indicatorUnitWords(key, 2, 'en') ?? ''}`;
      expect(shown, key).toMatch(/%|days|cases|sessions|minutes/);
    }
    expect(indicatorHeading('video_minutes', 'zh')).toBe('视频调解时长（分钟）');
    expect(indicatorHeading('received', 'en')).toBe('Disputes received (cases)');
    expect(indicatorHeading('counter_share', 'zh')).toBe('远程柜台录入占比');
  });

  it('says beside the seed’s 74.27 % nothing more: every dispute of its half-year was decided', () => {
    expect(readWithWords('diversion_rate', indicatorValues(seed), { from: '2025-01-01', to: '2025-06-30', today: '2025-06-30' }, 'zh')).toBeNull();
  });

  it('says beside a 100 % how many received disputes still await the decision: 37 received, 27 diverted, 10 undecided', () => {
    const inputs: IndicatorInputs = {
      counts: [
        { measure: 'received', channel: 'counter', n: 37 },
        { measure: 'diverted', channel: 'counter', n: 27 },
      ],
      durations: [],
      open: { overdue_mediation: 0, awaiting_decision: 10 },
    };
    const values = indicatorValues(inputs);
    // the figure keeps its definition: diverted ÷ (diverted + filed directly)
    expect(formatIndicator('diversion_rate', values.diversion_rate)).toBe('100.00 %');
    expect(values.awaiting_decision).toBe(10);
    const thisMonth = { from: '2026-11-07', to: '2026-12-06', today: '2026-12-06' };
    expect(readWithWords('diversion_rate', values, thisMonth, 'zh')).toBe('未计入：今日仍有 10 件收案待分流决定');
    expect(readWithWords('diversion_rate', values, thisMonth, 'en')).toBe('Not in the rate: 10 received, awaiting the decision today');
    expect(readWithWords('diversion_rate', { ...values, awaiting_decision: 0 }, thisMonth, 'en')).toBeNull();
    expect(readWithWords('settlement_rate', values, thisMonth, 'en')).toBeNull(); // only where a figure is said to need one
  });

  it('says today’s undecided disputes beside a period that includes today only, both ends included', () => {
    const values = indicatorValues({ counts: [{ measure: 'diverted', channel: 'counter', n: 27 }], durations: [], open: { overdue_mediation: 0, awaiting_decision: 10 } });
    const words = (from: string, to: string) => readWithWords('diversion_rate', values, { from, to, today: '2026-12-06' }, 'en');
    expect(words('2026-12-06', '2026-12-06')).toBe('Not in the rate: 10 received, awaiting the decision today');
    expect(words('2026-11-07', '2026-12-07')).not.toBeNull();
    // a past year's rate, or one that ended yesterday, does not carry today's count; nor does one yet to begin
    expect(words('2025-01-01', '2025-12-31')).toBeNull();
    expect(words('2026-11-06', '2026-12-05')).toBeNull();
    expect(words('2026-12-07', '2026-12-31')).toBeNull();
  });

  it('has no rate when nothing was diverted or filed: "—", never 0 % or 100 %', () => {
    const none: IndicatorInputs = { counts: [{ measure: 'received', channel: 'kiosk', n: 3 }], durations: [], open: noOpenCases };
    const values = indicatorValues(none);
    expect(values.diversion_rate).toBeNull();
    expect(values.settlement_rate).toBeNull();
    expect(values.counter_share).toBeNull();
    expect(values.receipt_to_diversion_median).toBeNull();
    expect(values.received).toBe(3);
    expect(values.diverted).toBe(0);
    expect(formatIndicator('settlement_rate', values.settlement_rate)).toBe('—');
  });

  it('defines every indicator once, with both languages, a formula and what it counts', () => {
    for (const key of indicatorKeys) {
      const i = indicators[key];
      expect(i.key).toBe(key);
      for (const text of [i.name, i.formula, i.counts]) {
        expect(text.zh.length).toBeGreaterThan(1);
        expect(text.en.length).toBeGreaterThan(1);
      }
    }
    expect(new Set(indicatorKeys.map((k) => indicators[k].name.zh)).size).toBe(indicatorKeys.length);
  });
});

describe('indicators over hand-made case logs', () => {
  it('count each step on its own court day: a case received on 31 March (court time) and diverted on 1 April', () => {
    const log = new Log();
    // 23:30 on 31 March at the court is 15:30 UTC
    const a = log.received('2026-03-31T15:30:00Z');
    log.on(a, 'case.diverted', '2026-03-31T16:10:00Z', diverted()); // 00:10 on 1 April, court time
    const march = log.inputs('2026-03-01', '2026-03-31');
    const april = log.inputs('2026-04-01', '2026-04-30');
    expect([indicatorValue('received', march), indicatorValue('diverted', march)]).toEqual([1, 0]);
    expect([indicatorValue('received', april), indicatorValue('diverted', april)]).toEqual([0, 1]);
    expect(indicatorValue('diversion_rate', march)).toBeNull();
    expect(indicatorValue('diversion_rate', april)).toBe(1);
    expect(indicatorValue('receipt_to_diversion_median', april)).toBe(1);
  });

  it('computes the diversion rate from both decisions and the settlement rate from the period’s diversions', () => {
    const log = new Log();
    for (let i = 0; i < 3; i++) log.on(log.received('2026-05-04T02:00:00Z'), 'case.diverted', '2026-05-05T02:00:00Z', diverted());
    log.on(log.received('2026-05-04T02:00:00Z'), 'case.filed_directly', '2026-05-06T02:00:00Z', filedDirectly());
    const settledOne = log.received('2026-05-04T03:00:00Z');
    log.on(settledOne, 'case.diverted', '2026-05-07T02:00:00Z', diverted());
    log.on(settledOne, 'mediation.settled', '2026-05-20T02:00:00Z');
    const inputs = log.inputs('2026-05-01', '2026-05-31');
    expect(indicatorValue('diverted', inputs)).toBe(4);
    expect(indicatorValue('filed_directly', inputs)).toBe(1);
    expect(indicatorValue('diversion_rate', inputs)).toBe(0.8);
    expect(indicatorValue('settlement_rate', inputs)).toBe(0.25);
    expect(indicatorValue('diversion_to_outcome_median', inputs)).toBe(13);
  });

  it('leaves out an outcome voided as recorded in error, and counts the outcome recorded afterwards once', () => {
    const log = new Log();
    const a = log.received('2026-06-01T02:00:00Z');
    log.on(a, 'case.diverted', '2026-06-02T02:00:00Z', diverted());
    const wrong = log.on(a, 'mediation.settled', '2026-06-05T02:00:00Z');
    log.on(a, 'case.reopened', '2026-06-06T02:00:00Z', { cause: 'recorded_in_error', voidsEventId: wrong.eventId });
    expect(indicatorValue('settled', log.inputs('2026-06-01', '2026-06-30'))).toBe(0);
    expect(indicatorValue('diversion_to_outcome_median', log.inputs('2026-06-01', '2026-06-30'))).toBeNull();
    log.on(a, 'mediation.failed', '2026-06-20T02:00:00Z', { cause: 'no_agreement' });
    const june = log.inputs('2026-06-01', '2026-06-30');
    expect([indicatorValue('settled', june), indicatorValue('settlement_rate', june)]).toEqual([0, 0]);
    expect(indicatorValue('diversion_to_outcome_median', june)).toBe(18);
  });

  it('counts both outcomes of a mediation that failed and resumed (nothing voided)', () => {
    const log = new Log();
    const a = log.received('2026-06-01T02:00:00Z');
    log.on(a, 'case.diverted', '2026-06-02T02:00:00Z', diverted());
    log.on(a, 'mediation.failed', '2026-06-05T02:00:00Z', { cause: 'party_absent' });
    log.on(a, 'case.reopened', '2026-06-06T02:00:00Z', { cause: 'resumed' });
    log.on(a, 'mediation.settled', '2026-06-09T02:00:00Z');
    const june = log.inputs('2026-06-01', '2026-06-30');
    expect(indicatorValue('settled', june)).toBe(1);
    expect(indicatorValue('diversion_to_outcome_p90', june)).toBe(7);
    expect(indicatorValue('diversion_to_outcome_median', june)).toBe(3);
  });

  it('keeps counts where they were when a case is reclassified or reassigned, and ignores corrections of data', () => {
    const log = new Log();
    const a = log.received('2026-07-01T02:00:00Z', { disputeType: 'labour' });
    log.on(a, 'case.reclassified', '2026-07-02T02:00:00Z', { disputeType: 'land' });
    log.on(a, 'case.diverted', '2026-07-03T02:00:00Z', diverted('org-a', 'med-1'));
    log.on(a, 'mediator.assigned', '2026-07-04T02:00:00Z', { organisationId: 'org-b', mediator: 'med-2' });
    log.on(a, 'event.corrected', '2026-07-05T02:00:00Z', { correctsEventId: randomUUID(), field: 'place', value: '西园街道' });
    log.on(a, 'mediation.settled', '2026-07-06T02:00:00Z');
    const july = (scope: DashboardScope) => log.inputs('2026-07-01', '2026-07-31', scope);
    expect(indicatorValue('received', july({ disputeType: 'labour' }))).toBe(1);
    expect(indicatorValue('received', july({ disputeType: 'land' }))).toBe(0);
    expect(indicatorValue('diverted', july({ disputeType: 'land' }))).toBe(1);
    expect(indicatorValue('diverted', july({ organisationId: 'org-a' }))).toBe(1);
    expect(indicatorValue('settled', july({ organisationId: 'org-a' }))).toBe(0);
    expect(indicatorValue('settled', july({ organisationId: 'org-b', mediator: 'med-2' }))).toBe(1);
    expect(indicatorValue('settled', july({}))).toBe(1);
  });

  it('counts a confirmation once, on the dispute, not again on its 民特 case', () => {
    const log = new Log();
    const a = log.received('2026-08-03T02:00:00Z');
    log.on(a, 'case.diverted', '2026-08-03T03:00:00Z', diverted());
    log.on(a, 'mediation.settled', '2026-08-10T02:00:00Z');
    const draft = doc();
    log.on(a, 'agreement.drafted', '2026-08-10T03:00:00Z', { document: draft, version: 1 });
    for (const role of ['applicant', 'respondent', 'mediator']) {
      log.on(a, 'agreement.signed', '2026-08-10T04:00:00Z', { documentId: draft.documentId, signer: { role, index: 0 }, method: 'desk', signatureSha256: 'c'.repeat(64) });
    }
    log.on(a, 'agreement.completed', '2026-08-10T05:00:00Z', { document: draft, effectiveDate: '2026-08-10', confirmationApplyBy: '2026-09-09' });
    const conf = log.open('confirmation', '2026-08-12T02:00:00Z', { disputeCaseId: a, caseNumber: '（2026）甘0103民特1号', rulingDueDate: '2026-08-27' });
    log.on(a, 'confirmation.applied', '2026-08-12T02:00:00Z', { confirmationCaseId: conf, caseNumber: '（2026）甘0103民特1号', rulingDueDate: '2026-08-27' });
    log.on(conf, 'confirmation.confirmed', '2026-08-20T02:00:00Z', { document: doc() });
    log.on(a, 'confirmation.confirmed', '2026-08-20T02:00:00Z', { document: doc() });
    const august = log.inputs('2026-08-01', '2026-08-31');
    expect(indicatorValue('confirmation_applied', august)).toBe(1);
    expect(indicatorValue('confirmed', august)).toBe(1);
    expect(log.file(a).state).toBe('confirmed');
  });

  it('counts video sessions and their minutes, not sessions in person', () => {
    const log = new Log();
    const a = log.received('2026-09-01T02:00:00Z');
    log.on(a, 'case.diverted', '2026-09-01T03:00:00Z', diverted());
    for (const [mode, minutes] of [
      ['video', 25],
      ['in_person', 60],
      ['video', 40],
    ] as const) {
      const sessionId = randomUUID();
      log.on(a, 'session.scheduled', '2026-09-02T02:00:00Z', { sessionId, startsAt: '2026-09-03T02:00:00Z', mode });
      log.on(a, 'session.held', '2026-09-03T03:00:00Z', { sessionId, mode, minutes });
    }
    const september = log.inputs('2026-09-01', '2026-09-30');
    expect(indicatorValue('video_sessions', september)).toBe(2);
    expect(indicatorValue('video_minutes', september)).toBe(65);
  });

  it('shares by the channel a dispute was entered through, and files after mediation', () => {
    const log = new Log();
    for (const channel of ['counter', 'counter', 'counter', 'kiosk']) {
      const id = log.received('2026-10-08T02:00:00Z', { channel });
      log.on(id, 'case.diverted', '2026-10-08T03:00:00Z', diverted());
      if (channel === 'kiosk') {
        log.on(id, 'mediation.failed', '2026-10-09T03:00:00Z', { cause: 'no_agreement' });
        log.on(id, 'case.filed_as_lawsuit', '2026-10-10T03:00:00Z', { lawsuitCaseId: randomUUID(), lawsuitCaseNumber: '（2026）甘0103民初2号', route: 'after_mediation' });
      }
    }
    const october = log.inputs('2026-10-01', '2026-10-31');
    expect(indicatorValue('counter_share', october)).toBe(0.75);
    expect(indicatorValue('filed_after_mediation', october)).toBe(1);
  });
});

describe('percentiles by nearest rank', () => {
  it('takes the smallest number of days that at least ⌈q·N⌉ spans did not exceed', () => {
    const h = [
      { days: 1, n: 5 },
      { days: 3, n: 4 },
      { days: 10, n: 1 },
    ];
    expect(histogramQuantile(h, 0.5)).toBe(1); // rank 5 of 10
    expect(histogramQuantile(h, 0.51)).toBe(3); // rank 6
    expect(histogramQuantile(h, 0.9)).toBe(3); // rank 9
    expect(histogramQuantile(h, 0.91)).toBe(10); // rank 10
    expect(histogramQuantile([{ days: 4, n: 1 }], 0.9)).toBe(4);
    expect(histogramQuantile([], 0.5)).toBeNull();
    expect(histogramQuantile([{ days: 2, n: 0 }], 0.5)).toBeNull();
  });
});

describe('periods read from the monthly rollup and the daily table', () => {
  it('splits a period into whole months and the days around them', () => {
    expect(splitPeriod('2026-01-15', '2026-03-10')).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-10' },
      ],
    });
    expect(splitPeriod('2026-01-01', '2026-06-30')).toEqual({ months: { from: '2026-01', to: '2026-06' }, days: [] });
    expect(splitPeriod('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02', to: '2026-02' }, days: [] });
    expect(splitPeriod('2024-02-01', '2024-02-28')).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(splitPeriod('2026-03-05', '2026-03-20')).toEqual({ months: null, days: [{ from: '2026-03-05', to: '2026-03-20' }] });
    expect(splitPeriod('2025-12-31', '2026-01-31')).toEqual({ months: { from: '2026-01', to: '2026-01' }, days: [{ from: '2025-12-31', to: '2025-12-31' }] });
    expect(splitPeriod('2026-03-02', '2026-03-01')).toEqual({ months: null, days: [] });
  });
});
