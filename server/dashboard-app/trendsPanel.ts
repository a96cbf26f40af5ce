import { trendPaths, type HeatAnswer, type TrendAnswer, type WarningView } from '../../shared/dashboard/api.js';
import { searchOfQuery, type DashboardQuery } from '../../shared/dashboard/scope.js';
import { changeOf, formatChange } from '../../shared/dashboard/trends.js';
import { readJson } from './api.js';
import { mountChart, seriesColours } from './charts.js';
import { el, replace } from './dom.js';
import { typeName, type Language } from './texts.js';

// Dispute trends (纠纷态势) on the working view: received by type over the period (months, or weeks
// for a short period) with the change against the period before and a year earlier, the site ×
// type heat table, and the early warnings — each with its rule, a link to its cases, and an
// acknowledgement with a note.

const words = {
  title: { zh: '纠纷态势', en: 'Dispute trends' },
  vsPrevious: { zh: '环比', en: 'vs previous period' },
  vsLastYear: { zh: '同比', en: 'vs same period last year' },
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
} as const;

/** The period's total against the previous period and the same period last year, in words. */
export function changeText(total: TrendAnswer['total'], lang: Language): string {
  return `${words.vsPrevious[lang]} ${formatChange(changeOf(total.current, total.previous))} · ${words.vsLastYear[lang]} ${formatChange(changeOf(total.current, total.lastYear))}`;
}

export function trendsPanel(container: HTMLElement, lang: Language, siteName: (id: string) => string): (query: DashboardQuery) => Promise<void> {
  const w = (k: keyof typeof words) => words[k][lang];
  const changes = el('p', { class: 'trend-change' });
  const chartBox = el('div', { class: 'chart' });
  const heatBox = el('div', { class: 'heat' });
  const warnBox = el('div', { class: 'warnings' });
  replace(container, el('h2', {}, w('title')), changes, chartBox, el('h3', {}, w('warnings')), warnBox, el('h3', {}, w('heat')), heatBox);
  const chart = mountChart(chartBox);

  function renderWarnings(list: WarningView[], query: DashboardQuery, refresh: () => void): void {
    if (list.length === 0) return replace(warnBox, el('p', {}, w('none')));
    replace(
      warnBox,
      el(
        'ul',
        { class: 'warning-list' },
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

  return async function refresh(query: DashboardQuery): Promise<void> {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    const grain = days <= 120 ? 'week' : 'month';
    const search = searchOfQuery(query);
    const [trend, heat, { warnings }] = await Promise.all([
      readJson<TrendAnswer>(`${trendPaths.trends}?${search}&grain=${grain}&by=disputeType`),
      readJson<HeatAnswer>(`${trendPaths.heat}?${search}`),
      readJson<{ warnings: WarningView[] }>(trendPaths.warnings),
    ]);
    changes.textContent = changeText(trend.total, lang);
    chart.set({
      animation: false,
      color: seriesColours,
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      dataset: { source: [['bucket', ...trend.series.map((s) => typeName(s.key, lang))], ...trend.buckets.map((b, i) => [b, ...trend.series.map((s) => s.counts[i]!)])] },
      xAxis: { type: 'category' },
      yAxis: { type: 'value' },
      series: trend.series.map((_, i) => ({ type: 'line', encode: { x: 0, y: i + 1 }, symbolSize: 6 })),
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
    renderWarnings(warnings, query, () => void refresh(query));
  };
}
