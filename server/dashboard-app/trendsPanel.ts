import { trendPaths, type HeatAnswer, type TrendAnswer, type WarningView } from '../../shared/dashboard/api.js';
import { DEFAULT_OVERDUE_RULE, describeOverdueRule, overdueWarningFires } from '../../shared/dashboard/earlyWarning.js';
import { searchOfQuery, type DashboardQuery } from '../../shared/dashboard/scope.js';
import {
  beforeRecordsBuckets,
  bucketCoverage,
  bucketOf,
  bucketStart,
  formatChange,
  MIN_CHANGE_BASE,
  notBegunBuckets,
  partialBuckets,
  previousPeriod,
  sameLastYear,
  statedChange,
  topSeries,
  type StatedChange,
} from '../../shared/dashboard/trends.js';
import { courtDay } from '../../shared/courtTime.js';
import { indicatorUnitWords } from '../../shared/dashboard/indicators.js';
import { readJson } from './api.js';
import { mountChart, seriesColours } from './charts.js';
import { el, replace } from './dom.js';
import { otherTypesName, texts, typeName, type Language } from './texts.js';

// Dispute trends (纠纷态势) on the working view: received by type over the period (months, or weeks
// for a short period) with the change against the period before and a year earlier, the site ×
// type heat table, and the early warnings — each with its rule, a link to its cases, and an
// acknowledgement with a note; above them, the overdue mediations when their rule fires.

const words = {
  title: { zh: '纠纷态势', en: 'Dispute trends' },
  vsPrevious: { zh: '环比', en: 'vs prior period' },
  vsLastYear: { zh: '同比', en: 'vs last year' },
  heat: { zh: '站点 × 纠纷类型（收案数）', en: 'Site × dispute type (received)' },
  warnings: { zh: '态势预警', en: 'Early warnings' },
  none: { zh: '当前无预警', en: 'No warnings' },
  observed: { zh: '本周', en: 'This week' },
  baseline: { zh: '基线', en: 'Baseline' },
  limit: { zh: '上限', en: 'Limit' },
  cases: { zh: '查看案件', en: 'Cases' },
  note: { zh: '处置说明', en: 'Note' },
  acknowledge: { zh: '确认处置', en: 'Acknowledge' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  site: { zh: '站点', en: 'Site' },
  overdue: { zh: '超期未结调解 {n} 件', en: '{n} open mediations past their 30-day limit' },
} as const;

const withheldWords = {
  incomplete: { zh: '对比期早于本系统记录起始日（{from}），数据不完整，不计算变化率', en: 'The comparison period starts before the records do ({from}): incomplete, so no change is stated' },
  smallBase: { zh: '对比期仅 {n} 件，少于 {min} 件，变化率没有意义', en: 'The comparison period holds only {n} cases (fewer than {min}): a percentage would mislead' },
} as const;

function withheldReason(c: StatedChange, recordedFrom: string | null, lang: Language): string | null {
  if (!c.withheld) return null;
  return withheldWords[c.withheld][lang]
    .replace('{from}', recordedFrom ?? '—')
    .replace('{n}', String(c.previous))
    .replace('{min}', String(MIN_CHANGE_BASE));
}

/** A bucket in words: a month with its unit (12月, Dec), a week by its first day. */
function bucketName(bucket: string, grain: TrendAnswer['grain'], lang: Language): string {
  if (grain === 'week') return lang === 'zh' ? `${bucket.slice(5)} 起的一周` : `the week of ${bucket.slice(5)}`;
  const month = Number(bucket.slice(5, 7));
  return lang === 'zh' ? `${month}月` : (['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1] ?? bucket);
}

/**
 * The buckets as a trend chart labels them: one the period holds only part of (the month under
 * way, a week begun before the period or before the records) starred, and the note that says its
 * days — six days of December are not a fall from November's thirty; one not yet begun
 * (`notBegun`) or ended before the hub's first record (`beforeRecords`) is not drawn (`absent`),
 * and the note says so: eleven months before the hub existed are not eleven months of 0.
 */
export function bucketLabels(
  trend: Pick<TrendAnswer, 'buckets' | 'grain'> & { recordedFrom?: string | null },
  period: { from: string; to: string },
  lang: Language,
  today = courtDay(Date.now()),
): { labels: string[]; cut: boolean[]; notBegun: boolean[]; beforeRecords: boolean[]; absent: boolean[]; note: string } {
  const { buckets, grain, recordedFrom } = trend;
  // a period chosen to the year's end on 6 December holds December's six days so far, not 31
  const to = period.to < today ? period.to : today;
  // the records' first day cuts its bucket as the period's first day does
  const recordsCut = recordedFrom != null && recordedFrom > period.from;
  const from = recordsCut ? recordedFrom : period.from;
  const notBegun = notBegunBuckets(buckets, grain, period.from, to);
  const beforeRecords = recordedFrom === undefined ? buckets.map(() => false) : beforeRecordsBuckets(buckets, grain, recordedFrom, to).map((b, i) => b && !notBegun[i]);
  const absent = buckets.map((_, i) => notBegun[i]! || beforeRecords[i]!);
  const cut = partialBuckets(buckets, grain, from, to).map((c, i) => c && !absent[i]);
  const labels = buckets.map((b, i) => `${b.slice(5)}${cut[i] || notBegun[i] ? '*' : ''}`);
  const firstRecorded = beforeRecords.lastIndexOf(true) + 1;
  const before = beforeRecords.some(Boolean)
    ? [
        (recordedFrom == null ? texts.noRecords[lang] : texts.beforeRecords[lang].replace('{from}', recordedFrom)).replace(
          '{buckets}',
          firstRecorded === 1 ? bucketName(buckets[0]!, grain, lang) : `${bucketName(buckets[0]!, grain, lang)}${lang === 'zh' ? '—' : '–'}${bucketName(buckets[firstRecorded - 1]!, grain, lang)}`,
        ),
      ]
    : [];
  const note = [
    ...before,
    ...buckets.flatMap((b, i) => {
      if (notBegun[i]) return [texts.notBegunBucket[lang].replace('{bucket}', bucketName(b, grain, lang))];
      if (!cut[i]) return [];
      const { days, of } = bucketCoverage(b, grain, from, to);
      const recordsBegin = recordsCut && recordedFrom > bucketStart(b, grain) && bucketOf(recordedFrom, grain) === b;
      return [
        (recordsBegin ? texts.recordsBeginBucket[lang].replace('{from}', recordedFrom) : texts.partialBucket[lang])
          .replace('{bucket}', bucketName(b, grain, lang))
          .replace('{days}', String(days))
          .replace('{of}', String(of)),
      ];
    }),
  ].join(lang === 'zh' ? '；' : '; ');
  return { labels, cut, notBegun, beforeRecords, absent, note };
}

/** Marks tying a withheld "—" to its reason on the wall's note line (a wall has no tooltip). */
const NOTE_MARKS = ['¹', '²'] as const;

/**
 * Shows the period's total against the previous period and the same period last year in `target`:
 * each change only where the rule of shared/dashboard/trends.ts lets it be stated, else "—", with
 * the reason in the tooltip — and, given a `note` (the wall, where no one hovers), also as text
 * there, each "—" marked with the footnote of its reason (one footnote when both share it).
 */
export function showChange(target: HTMLElement, trend: Pick<TrendAnswer, 'total' | 'recordedFrom'>, period: { from: string; to: string }, lang: Language, note?: HTMLElement): void {
  const { total, recordedFrom } = trend;
  const previous = statedChange(total.current, total.previous, previousPeriod(period.from, period.to).from, recordedFrom);
  const lastYear = statedChange(total.current, total.lastYear, sameLastYear(period.from, period.to).from, recordedFrom);
  const changes = [
    { what: words.vsPrevious[lang], change: previous, why: withheldReason(previous, recordedFrom, lang) },
    { what: words.vsLastYear[lang], change: lastYear, why: withheldReason(lastYear, recordedFrom, lang) },
  ];
  const footnotes: Array<{ whats: string[]; why: string }> = [];
  const marks = changes.map(({ what, why }) => {
    if (!note || why === null) return '';
    const same = footnotes.findIndex((f) => f.why === why);
    if (same >= 0) {
      footnotes[same]!.whats.push(what);
      return NOTE_MARKS[same]!;
    }
    footnotes.push({ whats: [what], why });
    return NOTE_MARKS[footnotes.length - 1]!;
  });
  target.textContent = changes.map(({ what, change }, i) => `${what} ${formatChange(change)}${marks[i]}`).join(' · ');
  const reasons = changes.filter((c) => c.why !== null);
  if (reasons.length > 0) target.title = reasons.map(({ what, why }) => `${what}: ${why}`).join('\n');
  else target.removeAttribute('title');
  target.dataset.withheld = [previous.withheld ?? '', lastYear.withheld ?? ''].join(',');
  if (note) {
    const [colon, and] = lang === 'zh' ? ['：', '、'] : [': ', ', '];
    note.textContent = footnotes.map((f, i) => `${NOTE_MARKS[i]} ${f.whats.join(and)}${colon}${f.why}`).join(lang === 'zh' ? '；' : '; ');
  }
}

/** Lines a trend chart draws: the biggest series, the rest summed as "others" (one colour each, a readable legend). */
const TREND_LINES = 6;

/** The trend chart's lines by dispute type, each with its legend name: the rest summed as the wall's ring sums it ("其余7类"), never the type 其他's name. */
export function trendLines(series: TrendAnswer['series'], lang: Language): Array<{ key: string | null; name: string; counts: readonly number[] }> {
  return topSeries(series, TREND_LINES).map((s) => ({ key: s.key, name: s.key === null ? otherTypesName(s.merged, lang) : typeName(s.key, lang), counts: s.counts }));
}

export function trendsPanel(container: HTMLElement, lang: Language, siteName: (id: string) => string): (query: DashboardQuery, overdue: number | null) => Promise<void> {
  const w = (k: keyof typeof words) => words[k][lang];
  const changes = el('p', { class: 'trend-change' });
  const chartBox = el('div', { class: 'chart' });
  const partNote = el('p', { class: 'trend-note', 'data-partial-note': '' });
  const heatBox = el('div', { class: 'heat' });
  const warnBox = el('div', { class: 'warnings' });
  replace(container, el('h2', {}, w('title')), changes, chartBox, partNote, el('h3', {}, w('warnings')), warnBox, el('h3', {}, w('heat')), heatBox);
  const chart = mountChart(chartBox);

  function overdueItem(overdue: number | null, query: DashboardQuery): HTMLElement | null {
    if (!overdueWarningFires(overdue)) return null;
    const casesLink = `?${searchOfQuery(query)}&indicator=overdue_mediations${lang === 'en' ? '&lang=en' : ''}`;
    return el(
      'li',
      { class: 'warning raised', 'data-warning': 'overdue_mediations' },
      el('strong', {}, w('overdue').replace('{n}', String(overdue))),
      el('span', { class: 'rule' }, describeOverdueRule(DEFAULT_OVERDUE_RULE, lang)),
      el('a', { href: casesLink }, w('cases')),
    );
  }

  function renderWarnings(list: WarningView[], overdue: number | null, query: DashboardQuery, refresh: () => void): void {
    const overdueWarning = overdueItem(overdue, query);
    if (list.length === 0 && !overdueWarning) return replace(warnBox, el('p', {}, w('none')));
    replace(
      warnBox,
      el(
        'ul',
        { class: 'warning-list' },
        overdueWarning,
        ...list.map((v) => {
          const casesLink = `?${searchOfQuery({ from: v.weekStart, to: query.to > v.weekStart ? query.to : v.weekStart, siteId: v.siteId, disputeType: v.disputeType as DashboardQuery['disputeType'] })}&indicator=received${lang === 'en' ? '&lang=en' : ''}`;
          const item = el(
            'li',
            { class: `warning ${v.status}`, 'data-warning': v.warningId },
            el('strong', {}, `${siteName(v.siteId)} · ${typeName(v.disputeType, lang)} · ${v.weekStart}`),
            el('span', {}, `${w('observed')} ${v.observed} · ${w('baseline')} ${v.baseline} · ${w('limit')} ${v.upperLimit}`),
            el('span', { class: 'rule' }, v.rule[lang]),
            el('a', { href: casesLink }, w('cases')),
          );
          if (v.status === 'acknowledged') item.append(el('span', {}, `${w('acknowledged')}: ${v.note ?? ''}`));
          else {
            const id = `note-${v.warningId}`;
            const input = el('input', { id, name: 'note', required: '', maxlength: '500' });
            const form = el('form', { class: 'ack' }, el('label', { for: id }, w('note')), input, el('button', { type: 'submit' }, w('acknowledge')));
            form.addEventListener('submit', (e) => {
              e.preventDefault();
              void fetch(trendPaths.acknowledge(v.warningId), {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ note: input.value }),
              }).then(refresh);
            });
            item.append(form);
          }
          return item;
        }),
      ),
    );
  }

  return async function refresh(query: DashboardQuery, overdue: number | null): Promise<void> {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    const grain = days <= 120 ? 'week' : 'month';
    const search = searchOfQuery(query);
    const [trend, heat, { warnings }] = await Promise.all([
      readJson<TrendAnswer>(`${trendPaths.trends}?${search}&grain=${grain}&by=disputeType`),
      readJson<HeatAnswer>(`${trendPaths.heat}?${search}`),
      readJson<{ warnings: WarningView[] }>(trendPaths.warnings),
    ]);
    showChange(changes, trend, query, lang);
    const lines = trendLines(trend.series, lang);
    const { labels, absent, note } = bucketLabels(trend, query, lang);
    partNote.textContent = note;
    chart.set({
      animation: false,
      color: seriesColours,
      legend: { top: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      dataset: {
        source: [
          ['bucket', ...lines.map((s) => s.name)],
          // a bucket not yet begun, or before the first record, has no value (no point), not a 0
          ...trend.buckets.map((b, i) => [`${b.slice(0, 5)}${labels[i]}`, ...lines.map((s) => (absent[i] ? null : s.counts[i]!))]),
        ],
      },
      xAxis: { type: 'category' },
      // the counts' unit over the axis: disputes received (件)
      yAxis: { type: 'value', name: indicatorUnitWords('received', 2, lang) ?? '' },
      series: lines.map((s, i) => ({ type: 'line', name: s.name, encode: { x: 0, y: i + 1 }, symbolSize: 6 })),
    });
    const grid = heat.sites.map(() => heat.types.map(() => 0));
    for (const [s, t, n] of heat.cells) grid[s]![t] = n;
    const max = Math.max(1, ...heat.cells.map((c) => c[2]));
    replace(
      heatBox,
      el(
        'table',
        { class: 'table heat-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, w('site')), ...heat.types.map((t) => el('th', { scope: 'col' }, typeName(t, lang))))),
        el(
          'tbody',
          {},
          ...heat.sites.map((s, i) => el('tr', {}, el('th', { scope: 'row' }, siteName(s)), ...grid[i]!.map((n) => el('td', { class: `heat-${Math.min(4, Math.ceil((n / max) * 4))}` }, String(n))))),
        ),
      ),
    );
    renderWarnings(warnings, overdue, query, () => void refresh(query, overdue));
  };
}
