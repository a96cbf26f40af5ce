import { courtTime } from '../../shared/courtTime.js';
import { overdueWarningFires } from '../../shared/dashboard/earlyWarning.js';
import { formatIndicator, indicators, indicatorUnitWords, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import { DashboardQuery, queryFromSearch } from '../../shared/dashboard/scope.js';
import { trendPaths, type IndicatorsAnswer, type TrendAnswer } from '../../shared/dashboard/api.js';
import { searchOfQuery } from '../../shared/dashboard/scope.js';
import { onFiguresMoved, readBreakdown, readDirectory, readIndicators, readJson, stoppedBy, type Stopped } from './api.js';
import { mountChart, seriesColours } from './charts.js';
import { districtMapOption } from './districtMap.js';
import { besideMarks, emptyChartWords, figureReading, type FigureReading } from './figureReading.js';
import { el, replace } from './dom.js';
import { defaultPeriod } from './period.js';
import { otherTypesName, texts, typeName, type Language, type TextKey } from './texts.js';
import { topSeries } from '../../shared/dashboard/trends.js';
import { bucketLabels, showChange } from './trendsPanel.js';
import { renderWallFleet } from './wallFleet.js';
import { wallHelpRequests } from './wallHelpRequests.js';

/** The wall's last answers, kept to lay them out again when the screen changes size. */
interface Answers {
  dir: Awaited<ReturnType<typeof readDirectory>>;
  ind: IndicatorsAnswer;
  bySite: Awaited<ReturnType<typeof readBreakdown>>;
  byType: Awaited<ReturnType<typeof readBreakdown>>;
  received: TrendAnswer;
}

// The command centre's big screen (/dashboard/wall): 1920×1080, read from across a room, no
// scrolling and nothing to click. The headline indicators in large figures, the sites on the
// district's schematic map, received and diverted by site, the mix of dispute types, the trend of
// disputes received (against the previous period and last year, a "—" with its reason in words),
// the residents waiting for help at terminals and the terminals' health. The
// hub pushes "figures moved" (server-sent events) and the screen reads them again within seconds.

/** Sites the bar chart shows at most, most disputes first; the heading says so when there are more. */
const TOP_SITES = 8;

/** How many sites' names fit one under another in a bar chart `height` px high at `fontSize` (its legend and axis take ~80 px): a 1366 wall has room for fewer than 8. */
export const barRowsHeld = (height: number, fontSize: number): number => Math.max(3, Math.min(TOP_SITES, Math.floor((height - 80) / (fontSize * 1.25))));
const headline: IndicatorKey[] = ['received', 'diverted', 'diversion_rate', 'settled', 'settlement_rate', 'confirmed', 'counter_share', 'overdue_mediations'];

/**
 * The slices of the wall's dispute-type ring: the biggest types one each, the rest one slice that
 * says how many types it holds ("其余6类"; a rest of one type is that type's own slice), so every
 * slice is labelled (a wall has no legend to hover) and each has its own colour — thirteen slices in
 * seven colours had six unnamed.
 */
export function typeSlices(rows: ReadonlyArray<{ key: string; values: { received?: number | null } }>, lang: Language): Array<{ name: string; received: number }> {
  const slices = topSeries(
    rows.filter((r) => (r.values.received ?? 0) > 0).map((r) => ({ key: r.key, counts: [r.values.received!] })),
    seriesColours.length - 1,
  );
  return slices.map((s) => ({ name: s.key === null ? otherTypesName(s.merged, lang) : typeName(s.key, lang), received: s.counts[0]! }));
}

export function wallView(root: HTMLElement, lang: Language, onStopped: (why: Stopped) => void): void {
  const t = (k: TextKey) => texts[k][lang];
  const parsed = DashboardQuery.safeParse({ ...defaultPeriod(), ...queryFromSearch(new URLSearchParams(location.search)) });
  const query: DashboardQuery = parsed.success ? parsed.data : defaultPeriod();
  document.body.classList.add('wall-body');

  const court = el('h1', lang === 'en' ? { class: 'wall-title-en' } : {}, t('title'));
  const stamp = el('p', { class: 'wall-stamp', role: 'status' });
  const figures = el('section', { class: 'wall-figures', 'aria-label': t('title') });
  const mapBox = el('div', { class: 'wall-chart' });
  const siteBox = el('div', { class: 'wall-chart' });
  const typeBox = el('div', { class: 'wall-chart' });
  const trendBox = el('div', { class: 'wall-chart' });
  const trendChange = el('span', { class: 'wall-change' });
  const siteCount = el('span', { class: 'wall-change' });
  const mapCount = el('span', { class: 'wall-change', 'data-map-named': '' });
  const trendNote = el('p', { class: 'wall-note' });
  const partNote = el('p', { class: 'wall-part-note', 'data-partial-note': '' });
  const fleetBox = el('div', { class: 'wall-fleet' });
  const helpBox = el('div', { class: 'wall-help' });
  const panel = (title: TextKey, box: HTMLElement, cls: string, extra?: HTMLElement, note?: HTMLElement) => el('section', { class: `wall-panel ${cls}` }, el('h2', {}, t(title), extra), note, box);
  replace(
    root,
    el(
      'div',
      { class: 'wall' },
      el('header', { class: 'wall-head' }, court, el('p', { class: 'wall-period' }, `${t('period')} ${query.from} — ${query.to}`), stamp),
      figures,
      panel('map', mapBox, 'wall-map', mapCount),
      panel('bySite', siteBox, 'wall-sites', siteCount),
      panel('byType', typeBox, 'wall-types'),
      panel('trend', trendBox, 'wall-trend', trendChange, el('div', {}, trendNote, partNote)),
      panel('helpRequests', helpBox, 'wall-helps'),
      panel('terminals', fleetBox, 'wall-terminals'),
    ),
  );
  const map = mountChart(mapBox);
  const sites = mountChart(siteBox);
  const types = mountChart(typeBox);
  const trend = mountChart(trendBox);
  const helpRequests = wallHelpRequests(helpBox, lang);
  // drawn for 1920×1080; on a smaller screen (a centre's 1366×768) the charts' type and marks scale with it, as the page's do (dashboard.css)
  const px = (n: number) => Math.round(n * Math.min(1, window.innerWidth / 1920, window.innerHeight / 1080));
  /** The words said with a figure: why there is none (a period before the records), or what it is read with (the diversion rate: the disputes still awaiting the decision). */
  const besideOf = ({ beside }: FigureReading) => beside && el('span', { class: 'wall-beside', ...besideMarks(beside) }, beside.words);

  const unitOf = (key: IndicatorKey, value: number | null) => {
    const unit = indicatorUnitWords(key, value, lang);
    return unit && el('span', { class: 'wall-unit', 'data-unit': '' }, unit);
  };

  async function refresh(): Promise<void> {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    const [dir, ind, bySite, byType, received] = await Promise.all([
      readDirectory(),
      readIndicators(query),
      readBreakdown(query, 'site'),
      readBreakdown(query, 'disputeType'),
      readJson<TrendAnswer>(`${trendPaths.trends}?${searchOfQuery(query)}&grain=${days <= 120 ? 'week' : 'month'}&by=site`),
    ]);
    await Promise.all([renderWallFleet(fleetBox, lang, dir), helpRequests(dir)]);
    last = { dir, ind, bySite, byType, received };
    draw(last);
    stamp.textContent = `${t('updated')} ${courtTime(new Date().toISOString(), 'clockSecond')}`;
    root.dataset.loaded = String(Number(root.dataset.loaded ?? 0) + 1);
  }

  /** Lays the answers out for the screen as it is now: the circles' spread, the names and bars held, the type's size. */
  function draw({ dir, ind, bySite, byType, received }: Answers): void {
    const big = px(22);
    court.textContent = `${dir.courtName} · ${t('title')}`;
    replace(
      figures,
      ...headline.map((key) => {
        const reading = figureReading(key, ind, query, lang);
        return el(
          'div',
          // the overdue figure turns red when its warning rule fires (shared/dashboard/earlyWarning.ts)
          { class: key === 'overdue_mediations' && overdueWarningFires(reading.value) ? 'wall-figure alert' : 'wall-figure', 'data-indicator': key },
          // the figure with its unit (件), read from across the room as one
          el('span', { class: 'wall-reading' }, el('span', { class: 'wall-value' }, formatIndicator(key, reading.value, lang)), unitOf(key, reading.value)),
          el('span', { class: 'wall-name' }, indicators[key].name[lang]),
          besideOf(reading),
        );
      }),
    );
    const siteName = (id: string) => dir.sites.find((s) => s.siteId === id)?.name ?? id;
    const drawn = districtMapOption(
      dir,
      bySite.rows.map((r) => ({ siteId: r.key, name: siteName(r.key), value: r.values.received ?? 0 })),
      { fontSize: px(20), maxSymbol: px(64), colour: seriesColours[0]!, size: { width: mapBox.clientWidth, height: mapBox.clientHeight } },
    );
    map.set(drawn.option);
    // no dispute in the period (or a period before the records): said in words where the names and bars would be, never seven sites named "0"
    const empty = emptyChartWords(query, ind.recordedFrom, lang);
    const emptyTitle = (show: boolean) => ({ show, text: empty, left: 'center', top: 'middle', textStyle: { fontSize: px(22), fontWeight: 'normal', color: '#555' } });
    // more sites than the names' column holds: how many are named, and that the rest are circles only
    mapCount.textContent = drawn.named === 0 ? empty : drawn.named < drawn.placed ? t('mapNamed').replace('{n}', String(drawn.named)).replace('{total}', String(drawn.placed)) : '';
    mapCount.dataset.named = String(drawn.named);
    // the sites with disputes this period: one with none is not among the top
    const placedRows = bySite.rows.filter((r) => r.key && ((r.values.received ?? 0) > 0 || (r.values.diverted ?? 0) > 0));
    const held = barRowsHeld(siteBox.clientHeight, px(20));
    const top = placedRows.slice(0, held).reverse();
    siteCount.textContent = placedRows.length > held ? t('topSites').replace('{n}', String(held)).replace('{total}', String(placedRows.length)) : '';
    siteCount.dataset.shown = String(top.length);
    sites.set({
      animation: false,
      color: seriesColours,
      title: emptyTitle(top.length === 0),
      // nothing to draw: the words alone, no empty axes or legend around them
      legend: { show: top.length > 0, top: 0, textStyle: { fontSize: big } },
      // the names' room scales with the screen (a fixed 270 px left a 1366 wall's bars 100 px and their axis unreadable)
      grid: { left: 8, right: px(56), top: 50, bottom: 30, containLabel: true },
      dataset: { dimensions: ['name', 'received', 'diverted'], source: top.map((r) => ({ name: siteName(r.key), received: r.values.received, diverted: r.values.diverted })) },
      // whole cases on the axis (a handful of disputes drew 0.3, 0.6, 0.9 件)
      xAxis: {
        show: top.length > 0,
        type: 'value',
        name: indicatorUnitWords('received', 2, lang) ?? '',
        nameTextStyle: { fontSize: px(18) },
        axisLabel: { fontSize: px(18), hideOverlap: true },
        splitNumber: 3,
        minInterval: 1,
      },
      // every bar named: ECharts would drop crowded category labels and leave bars nobody can attribute
      yAxis: { show: top.length > 0, type: 'category', axisLabel: { fontSize: px(20), width: px(260), overflow: 'truncate', interval: 0 } },
      series: (['received', 'diverted'] as const).map((k) => ({
        type: 'bar',
        name: indicators[k].name[lang],
        encode: { y: 'name', x: k },
        label: { show: true, position: 'right', fontSize: px(16) },
        // a count that would run into the next bar's is left off (the bar still shows it)
        labelLayout: { hideOverlap: true },
      })),
    });
    const slices = typeSlices(byType.rows, lang);
    types.set({
      animation: false,
      color: seriesColours,
      // an empty grey ring said nothing: the words say why
      title: emptyTitle(slices.length === 0),
      dataset: { dimensions: ['name', 'received'], source: slices },
      // labels outside the ring, whole (a truncated type name means nothing from across the room)
      series: [
        {
          type: 'pie',
          radius: ['28%', '52%'],
          showEmptyCircle: false,
          encode: { itemName: 'name', value: 'received' },
          label: { fontSize: px(20), formatter: '{b}\n{d}%', width: px(170), overflow: 'break' },
          labelLine: { length: 12, length2: 12 },
        },
      ],
    });
    // One line, the whole court: how many disputes came in per week or month.
    const totals = received.buckets.map((_, i) => received.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
    showChange(trendChange, received, query, lang, trendNote);
    // a month or week the period holds only part of (the one under way) is drawn dashed and starred,
    // with its days said below: six days of December are not a fall from November's thirty; one not yet
    // begun, or ended before the hub's first record, is not drawn (and the note says so), never a 0
    const { labels, cut, absent, note } = bucketLabels(received, query, lang);
    partNote.textContent = note;
    trend.set({
      animation: false,
      color: seriesColours,
      grid: { left: 64, right: 32, top: 36, bottom: 40 },
      dataset: {
        source: received.buckets.map((_, i) => ({
          bucket: labels[i],
          whole: cut[i] || absent[i] ? null : totals[i],
          part: !absent[i] && (cut[i] || cut[i - 1] || cut[i + 1]) ? totals[i] : null,
        })),
      },
      // every bucket named: the starred one is the one the note speaks of
      xAxis: { type: 'category', axisLabel: { fontSize: px(16), interval: 0 } },
      // few, whole-number ticks: 18 px labels a wall is read by need room between them
      yAxis: { type: 'value', name: indicatorUnitWords('received', 2, lang) ?? '', nameTextStyle: { fontSize: px(18) }, axisLabel: { fontSize: px(18) }, minInterval: 1, splitNumber: 3 },
      series: [
        {
          type: 'line',
          encode: { x: 'bucket', y: 'whole' },
          lineStyle: { width: 5 },
          symbolSize: 12,
          label: { show: true, fontSize: px(20), fontWeight: 'bold' },
          // twelve months' counts side by side: one that would run into its neighbour is left off
          labelLayout: { hideOverlap: true },
        },
        {
          type: 'line',
          encode: { x: 'bucket', y: 'part' },
          lineStyle: { width: 4, type: 'dashed', color: seriesColours[6] },
          itemStyle: { color: seriesColours[6] },
          symbol: (_: unknown, p: { dataIndex: number }) => (cut[p.dataIndex] ? 'emptyCircle' : 'none'),
          symbolSize: 12,
          label: { show: true, fontSize: px(20), formatter: (p: { dataIndex: number }) => (cut[p.dataIndex] ? `${totals[p.dataIndex]}*` : '') },
        },
      ],
    });
    root.dataset.drawn = String(Number(root.dataset.drawn ?? 0) + 1);
  }

  // a wall started small and then made full screen (or a resolution changed) is laid out again from
  // the last answers once the resizing settles, not hours later when the figures next move
  let last: Answers | null = null;
  let settling: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(settling);
    settling = setTimeout(() => {
      if (last) draw(last);
    }, 300);
  });

  const run = () =>
    refresh().catch((err: unknown) => {
      const why = stoppedBy(err);
      if (why) onStopped(why);
      else stamp.textContent = t('failed');
    });
  onFiguresMoved(() => void run());
  void run();
}
