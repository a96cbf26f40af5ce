import type { DurationKey, MeasureKey } from './measures.js';

// The command centre's indicators (诉源治理质效指标), each defined once: its name, its formula in
// words, its unit, what it counts, and how it is computed from the measures of ./measures.ts. The
// dashboard's pages, its API, its exports and the tests all read this table; nobody writes a
// formula twice. Every indicator is computed for a period (court days, both ends included) and a
// scope (the whole court, a site, an organisation, a mediator, a dispute type), from events whose
// court day falls in the period and whose dimensions, as they were when the event happened, fall
// in the scope — except the point-in-time ones, which read today's open cases.
//
// Rates are flows within the period, as the seed article computes them: diverted ÷ (diverted +
// filed directly) of the decisions taken in the period; settled in the period ÷ diverted in the
// period. A rate whose denominator is 0 has no value (shown as "—"), never 0 % or 100 %.
// The diversion rate counts decisions only, so "100 %" with disputes still undecided reads as
// "everything was diverted": it is shown with how many received disputes await the decision today
// (`readWith`). The seed's 74.27 % (12,906 ÷ 17,377) is the same formula: in its half-year every
// dispute received was decided (17,377 = 12,906 diverted + 4,471 filed directly).
// Percentiles are nearest-rank: the smallest number of days d such that at least ⌈q·N⌉ of the N
// spans took d days or fewer.

export type Bilingual = { zh: string; en: string };

export type IndicatorUnit = 'cases' | 'percent' | 'days' | 'sessions' | 'minutes';

export type IndicatorRule =
  /** The sum of measures. */
  | { kind: 'count'; measures: readonly MeasureKey[] }
  /** numerator ÷ denominator (each a sum of measures); null when the denominator is 0. */
  | { kind: 'ratio'; numerator: readonly MeasureKey[]; denominator: readonly MeasureKey[] }
  /** The part of a measure whose channel is `channel`, ÷ the whole measure. */
  | { kind: 'channelShare'; measure: MeasureKey; channel: string }
  /** The q-quantile (nearest rank) of a duration's days; null when there is no span. */
  | { kind: 'quantile'; duration: DurationKey; q: number }
  /** Open cases as they stand today (court time), in the scope; no period. */
  | { kind: 'openCases'; cases: OpenCaseKind };

/**
 * The open cases counted as they stand today: mediations whose period has ended, and disputes
 * received and not yet diverted or filed (state "received").
 */
export const openCaseKinds = ['overdue_mediation', 'awaiting_decision'] as const;
export type OpenCaseKind = (typeof openCaseKinds)[number];

export interface Indicator {
  key: IndicatorKey;
  name: Bilingual;
  /** The formula in words, as staff read it beside the figure. */
  formula: Bilingual;
  /** Which recorded events it counts, and what happens to a voided one. */
  counts: Bilingual;
  unit: IndicatorUnit;
  rule: IndicatorRule;
  /** A figure shown beside this one wherever it is shown, so it is not misread; `{n}` is its value. Said only when it is above 0 (and, for today's count, in a period that includes today: readWithWords). */
  readWith?: { key: IndicatorKey; words: Bilingual };
}

export const indicatorKeys = [
  'received',
  'diverted',
  'filed_directly',
  'diversion_rate',
  'settled',
  'settlement_rate',
  'confirmation_applied',
  'confirmed',
  'filed_after_mediation',
  'counter_share',
  'receipt_to_diversion_median',
  'receipt_to_diversion_p90',
  'diversion_to_outcome_median',
  'diversion_to_outcome_p90',
  'overdue_mediations',
  'video_sessions',
  'video_minutes',
  // last: this order is the breakdown export's columns, and readers take them by position
  'awaiting_decision',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

const voidNote = {
  zh: '被“登记有误”重开所撤销的事件不计入。',
  en: 'An event voided by a reopening "recorded in error" is not counted.',
};
const counted = (zh: string, en: string, voidable = false): Bilingual => (voidable ? { zh: `${zh}${voidNote.zh}`, en: `${en} ${voidNote.en}` } : { zh, en });

export const indicators: Record<IndicatorKey, Indicator> = {
  received: {
    key: 'received',
    name: { zh: '收案数', en: 'Disputes received' },
    formula: { zh: '期间内收到的纠纷数', en: 'Disputes received in the period' },
    counts: counted('纠纷案件的“收案”事件（终端、远程柜台、法院窗口）。', '“Received” events of dispute cases (kiosk, counter, court).'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['received'] },
  },
  diverted: {
    key: 'diverted',
    name: { zh: '诉前调解分流数', en: 'Diverted to mediation' },
    formula: { zh: '期间内分流至诉前调解的纠纷数', en: 'Disputes diverted to pre-litigation mediation in the period' },
    counts: counted('“分流”事件。', '“Diverted” events.'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['diverted'] },
  },
  filed_directly: {
    key: 'filed_directly',
    name: { zh: '直接立案数', en: 'Filed directly' },
    formula: { zh: '期间内未经调解直接立案的纠纷数', en: 'Disputes filed as lawsuits without mediation in the period' },
    counts: counted('“直接立案”事件。', '“Filed directly” events.'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['filed_directly'] },
  },
  diversion_rate: {
    key: 'diversion_rate',
    name: { zh: '分流率', en: 'Diversion rate' },
    formula: { zh: '分流数 ÷（分流数 + 直接立案数）', en: 'diverted ÷ (diverted + filed directly)' },
    counts: counted('期间内的“分流”与“直接立案”事件。', '“Diverted” and “filed directly” events in the period.'),
    unit: 'percent',
    rule: { kind: 'ratio', numerator: ['diverted'], denominator: ['diverted', 'filed_directly'] },
    readWith: {
      key: 'awaiting_decision',
      words: { zh: '未计入：今日仍有 {n} 件收案待分流决定', en: 'Not in the rate: {n} received, awaiting the decision today' },
    },
  },
  awaiting_decision: {
    key: 'awaiting_decision',
    name: { zh: '待分流决定数', en: 'Awaiting the diversion decision' },
    formula: { zh: '当前已收案、尚未分流也未直接立案的纠纷数', en: 'Disputes received and neither diverted nor filed yet, as they stand today' },
    counts: counted('当前案件状态（“已收案”），不按期间。', 'The cases as they stand today (state “received”); not by period.'),
    unit: 'cases',
    rule: { kind: 'openCases', cases: 'awaiting_decision' },
  },
  settled: {
    key: 'settled',
    name: { zh: '调解成功数', en: 'Settled' },
    formula: { zh: '期间内调解成功的纠纷数', en: 'Mediations settled in the period' },
    counts: counted('“调解成功”事件。', '“Settled” events.', true),
    unit: 'cases',
    rule: { kind: 'count', measures: ['settled'] },
  },
  settlement_rate: {
    key: 'settlement_rate',
    name: { zh: '调解成功率', en: 'Settlement rate' },
    formula: { zh: '调解成功数 ÷ 分流数（同一期间）', en: 'settled ÷ diverted (same period)' },
    counts: counted('期间内的“调解成功”与“分流”事件。', '“Settled” and “diverted” events in the period.', true),
    unit: 'percent',
    rule: { kind: 'ratio', numerator: ['settled'], denominator: ['diverted'] },
  },
  confirmation_applied: {
    key: 'confirmation_applied',
    name: { zh: '申请司法确认数', en: 'Confirmations applied for' },
    formula: { zh: '期间内申请司法确认的调解协议数', en: 'Joint applications for judicial confirmation in the period' },
    counts: counted('纠纷案件的“申请司法确认”事件。', '“Confirmation applied” events of dispute cases.'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['confirmation_applied'] },
  },
  confirmed: {
    key: 'confirmed',
    name: { zh: '司法确认数', en: 'Judicially confirmed' },
    formula: { zh: '期间内裁定确认有效的调解协议数', en: 'Agreements the court confirmed in the period' },
    counts: counted('纠纷案件的“裁定确认”事件（民特案件自身的同一裁定不重复计）。', '“Confirmed” events of dispute cases (the 民特 case’s copy of the ruling is not counted again).'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['confirmed'] },
  },
  filed_after_mediation: {
    key: 'filed_after_mediation',
    name: { zh: '调解不成转立案数', en: 'Filed as lawsuits after mediation' },
    formula: { zh: '期间内调解未成（或当事人要求）转立案的纠纷数', en: 'Disputes filed as lawsuits after mediation failed (or at a party’s request) in the period' },
    counts: counted('“转立案”事件。', '“Filed as a lawsuit” events.'),
    unit: 'cases',
    rule: { kind: 'count', measures: ['filed_as_lawsuit'] },
  },
  counter_share: {
    key: 'counter_share',
    name: { zh: '远程柜台录入占比', en: 'Entered at service counters' },
    formula: { zh: '经远程服务柜台录入的分流数 ÷ 分流数', en: 'diverted disputes entered at a remote service counter ÷ diverted' },
    counts: counted('期间内的“分流”事件，按纠纷的录入渠道。', '“Diverted” events in the period, by the channel the dispute was entered through.'),
    unit: 'percent',
    rule: { kind: 'channelShare', measure: 'diverted', channel: 'counter' },
  },
  receipt_to_diversion_median: {
    key: 'receipt_to_diversion_median',
    name: { zh: '收案至分流天数（中位数）', en: 'Days from receipt to diversion (median)' },
    formula: { zh: '期间内分流的纠纷，收案日至分流日天数的中位数', en: 'Median days from receipt to diversion, of disputes diverted in the period' },
    counts: counted('“分流”事件及同一案件的“收案”事件。', '“Diverted” events and the same case’s “received” event.'),
    unit: 'days',
    rule: { kind: 'quantile', duration: 'receipt_to_diversion', q: 0.5 },
  },
  receipt_to_diversion_p90: {
    key: 'receipt_to_diversion_p90',
    name: { zh: '收案至分流天数（90%分位）', en: 'Days from receipt to diversion (90th percentile)' },
    formula: { zh: '同上，第90百分位（最近秩）', en: 'As above, 90th percentile (nearest rank)' },
    counts: counted('“分流”事件及同一案件的“收案”事件。', '“Diverted” events and the same case’s “received” event.'),
    unit: 'days',
    rule: { kind: 'quantile', duration: 'receipt_to_diversion', q: 0.9 },
  },
  diversion_to_outcome_median: {
    key: 'diversion_to_outcome_median',
    name: { zh: '分流至调解结果天数（中位数）', en: 'Days from diversion to outcome (median)' },
    formula: { zh: '期间内调解结束（成功、不成、撤回）的纠纷，分流日至结束日天数的中位数', en: 'Median days from diversion to the end of mediation (settled, failed, withdrawn) in the period' },
    counts: counted('“调解成功”“调解不成”“撤回”事件及同一案件的“分流”事件。', '“Settled”, “failed” and “withdrawn” events and the same case’s “diverted” event.', true),
    unit: 'days',
    rule: { kind: 'quantile', duration: 'diversion_to_outcome', q: 0.5 },
  },
  diversion_to_outcome_p90: {
    key: 'diversion_to_outcome_p90',
    name: { zh: '分流至调解结果天数（90%分位）', en: 'Days from diversion to outcome (90th percentile)' },
    formula: { zh: '同上，第90百分位（最近秩）', en: 'As above, 90th percentile (nearest rank)' },
    counts: counted('“调解成功”“调解不成”“撤回”事件及同一案件的“分流”事件。', '“Settled”, “failed” and “withdrawn” events and the same case’s “diverted” event.', true),
    unit: 'days',
    rule: { kind: 'quantile', duration: 'diversion_to_outcome', q: 0.9 },
  },
  overdue_mediations: {
    key: 'overdue_mediations',
    name: { zh: '超期未结调解数', en: 'Open mediations past their limit' },
    formula: { zh: '当前仍在调解中、调解期限（30日，含延长）已届满的纠纷数', en: 'Disputes still in mediation today whose period (30 days, with any extension) has ended' },
    counts: counted('当前案件状态，不按期间。', 'The cases as they stand today; not by period.'),
    unit: 'cases',
    rule: { kind: 'openCases', cases: 'overdue_mediation' },
  },
  video_sessions: {
    key: 'video_sessions',
    name: { zh: '视频调解场次', en: 'Video sessions held' },
    formula: { zh: '期间内举行的视频调解场次', en: 'Video mediation sessions held in the period' },
    counts: counted('方式为视频的“调解举行”事件。', '“Session held” events whose mode is video.'),
    unit: 'sessions',
    rule: { kind: 'count', measures: ['video_sessions'] },
  },
  video_minutes: {
    key: 'video_minutes',
    name: { zh: '视频调解时长', en: 'Video session minutes' },
    formula: { zh: '期间内视频调解场次的分钟数之和', en: 'Sum of the minutes of video sessions held in the period' },
    counts: counted('方式为视频的“调解举行”事件所记分钟数。', 'The minutes recorded on “session held” events whose mode is video.'),
    unit: 'minutes',
    rule: { kind: 'count', measures: ['video_minutes'] },
  },
};

/** What the store reads for one scope and period; the indicators are computed from it alone. */
export interface IndicatorInputs {
  /** Sums per measure and channel (channel '' where none). */
  counts: ReadonlyArray<{ measure: MeasureKey; channel: string; n: number }>;
  /** Histogram per duration: how many spans took `days` days. */
  durations: ReadonlyArray<{ measure: DurationKey; days: number; n: number }>;
  /** The open cases of each kind today, in the scope. */
  open: Readonly<Record<OpenCaseKind, number>>;
}

export function measureTotal(inputs: IndicatorInputs, measures: readonly MeasureKey[], channel?: string): number {
  let total = 0;
  for (const row of inputs.counts) if (measures.includes(row.measure) && (channel === undefined || row.channel === channel)) total += row.n;
  return total;
}

/** Nearest-rank q-quantile of a histogram; null when it is empty. */
export function histogramQuantile(histogram: ReadonlyArray<{ days: number; n: number }>, q: number): number | null {
  const rows = histogram.filter((r) => r.n > 0).sort((a, b) => a.days - b.days);
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  if (total === 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
  let seen = 0;
  for (const r of rows) {
    seen += r.n;
    if (seen >= rank) return r.days;
  }
  return rows[rows.length - 1]!.days;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** One indicator's value: a count, a fraction 0..1 (percent), days; null when it has none. */
export function indicatorValue(key: IndicatorKey, inputs: IndicatorInputs): number | null {
  const rule = indicators[key].rule;
  switch (rule.kind) {
    case 'count':
      return measureTotal(inputs, rule.measures);
    case 'ratio':
      return ratio(measureTotal(inputs, rule.numerator), measureTotal(inputs, rule.denominator));
    case 'channelShare':
      return ratio(measureTotal(inputs, [rule.measure], rule.channel), measureTotal(inputs, [rule.measure]));
    case 'quantile':
      return histogramQuantile(
        inputs.durations.filter((d) => d.measure === rule.duration),
        rule.q,
      );
    case 'openCases':
      return inputs.open[rule.cases];
  }
}

export function indicatorValues(inputs: IndicatorInputs, keys: readonly IndicatorKey[] = indicatorKeys): Record<IndicatorKey, number | null> {
  const out = {} as Record<IndicatorKey, number | null>;
  for (const key of keys) out[key] = indicatorValue(key, inputs);
  return out;
}

/** The events a drill-down lists for an indicator: the measure (and channel) whose events make its number. */
export function drillMeasure(key: IndicatorKey): { measure: MeasureKey; channel?: string } | { duration: DurationKey } | { open: OpenCaseKind } {
  const rule = indicators[key].rule;
  switch (rule.kind) {
    case 'count':
      return { measure: rule.measures[0]! };
    case 'ratio':
      return { measure: rule.numerator[0]! };
    case 'channelShare':
      return { measure: rule.measure, channel: rule.channel };
    case 'quantile':
      return { duration: rule.duration };
    case 'openCases':
      return { open: rule.cases };
  }
}

/** Whether an indicator is today's count of open cases (no period): said under today, never under a period's figures. */
export const countedToday = (key: IndicatorKey): boolean => indicators[key].rule.kind === 'openCases';

/** A value as staff read it: 74.27 %, 12,906, 8 days; "—" when there is none. */
export function formatIndicator(key: IndicatorKey, value: number | null, language: 'zh' | 'en' = 'zh'): string {
  if (value === null) return '—';
  const unit = indicators[key].unit;
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  switch (unit) {
    case 'percent':
      return `${(Math.round(value * 10_000) / 100).toFixed(2)} %`;
    case 'days':
      return language === 'zh' ? `${value} 天` : `${value} ${value === 1 ? 'day' : 'days'}`;
    default:
      return value.toLocaleString(locale);
  }
}

const countedUnits = {
  cases: { zh: '件', en: ['case', 'cases'] },
  sessions: { zh: '场', en: ['session', 'sessions'] },
  minutes: { zh: '分钟', en: ['minute', 'minutes'] },
} as const satisfies Partial<Record<IndicatorUnit, { zh: string; en: readonly [string, string] }>>;

/**
 * The unit said beside a counted figure, from the indicator's own unit: 74,744 is minutes, not
 * hours, and 30,725 is disputes. Null for a percentage and for days, which formatIndicator writes
 * into the figure itself, and for no figure ("—").
 */
export function indicatorUnitWords(key: IndicatorKey, value: number | null, language: 'zh' | 'en' = 'zh'): string | null {
  if (value === null) return null;
  const unit = indicators[key].unit;
  if (unit === 'percent' || unit === 'days') return null;
  const words = countedUnits[unit];
  return language === 'zh' ? words.zh : value === 1 ? words.en[0] : words.en[1];
}

/** A table column's heading: the indicator's name with its unit where the figures below carry none ("视频调解时长（分钟）"). */
export function indicatorHeading(key: IndicatorKey, language: 'zh' | 'en' = 'zh'): string {
  const unit = indicatorUnitWords(key, 2, language);
  const name = indicators[key].name[language];
  return unit === null ? name : language === 'zh' ? `${name}（${unit}）` : `${name} (${unit})`;
}

/** The period a figure was read for (court days, both ends included) and the hub's court day then. */
export interface ReadPeriod {
  from: string;
  to: string;
  today: string;
}

/**
 * The words shown beside an indicator's figure (its `readWith`), or null when there are none to say.
 * A point-in-time figure is today's count: it is said beside a period that includes today only,
 * so a past year's rate does not carry today's undecided disputes.
 */
export function readWithWords(key: IndicatorKey, values: Readonly<Record<IndicatorKey, number | null>>, period: ReadPeriod, language: 'zh' | 'en' = 'zh'): string | null {
  const beside = indicators[key].readWith;
  const n = beside ? values[beside.key] : null;
  if (!beside || n === null || n <= 0) return null;
  if (countedToday(beside.key) && (period.today < period.from || period.today > period.to)) return null;
  return beside.words[language].replace('{n}', formatIndicator(beside.key, n, language));
}
