import { courtTime } from '../../shared/courtTime.js';
import type { BreakdownAnswer, DirectoryAnswer, DrillAnswer, IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { formatIndicator, indicatorHeading, indicatorKeys, indicators, indicatorUnitWords, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import { nextLevel, queryFromSearch, DashboardQuery, type BreakdownLevel } from '../../shared/dashboard/scope.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { breakdownExport, drillExport, mayOpenCases, onFiguresMoved, readBreakdown, readCase, readDirectory, readDrill, readIndicators } from './api.js';
import { consolePaths } from '../console/paths.js';
import { mountChart, seriesColours } from './charts.js';
import { el, replace } from './dom.js';
import { defaultPeriod } from './period.js';
import { besideMarks, figureReading } from './figureReading.js';
import { helpRequestsPanel } from './helpRequestsPanel.js';
import { trendsPanel } from './trendsPanel.js';
import { channelName, channelNames, stateName, texts, typeName, type Language, type TextKey } from './texts.js';

// The managers' working view (/dashboard), and a site's page (/dashboard/site/<id>: the same view
// held to one site). Filters for period, dispute type and channel; every indicator as a tile whose
// click lists the cases behind its number; a breakdown one level down the path court → site →
// organisation → mediator → cases, as a chart and a table whose rows drill further; exports of
// each table. The state is in the address, so a drill-down can be bookmarked and shared.

/** The indicators the breakdown table shows as columns (all are in the exports). */
const tableColumns: IndicatorKey[] = ['received', 'diverted', 'diversion_rate', 'settled', 'settlement_rate', 'confirmed', 'counter_share', 'overdue_mediations'];
const levelDimension = { site: 'siteId', organisation: 'organisationId', mediator: 'mediator', disputeType: 'disputeType', channel: 'channel' } as const;

export function workingView(root: HTMLElement, lang: Language, lockedSite: string | null): void {
  const t = (k: TextKey) => texts[k][lang];
  const params = new URLSearchParams(location.search);
  const parsed = DashboardQuery.safeParse({ ...defaultPeriod(), ...queryFromSearch(params), ...(lockedSite ? { siteId: lockedSite } : {}) });
  let query: DashboardQuery = parsed.success ? parsed.data : { ...defaultPeriod(), ...(lockedSite ? { siteId: lockedSite } : {}) };
  let selected: IndicatorKey | null = (indicatorKeys as readonly string[]).includes(params.get('indicator') ?? '') ? (params.get('indicator') as IndicatorKey) : null;
  let directory: DirectoryAnswer | null = null;
  /** Roles that may open cases get the case number as a link to its console page; others its summary here. */
  let openInConsole: boolean | null = null;
  /** A tile was just clicked: show its cases once they are listed. */
  let drillPending = false;

  const status = el('p', { class: 'status', role: 'status' });
  const crumbs = el('nav', { class: 'crumbs', 'aria-label': t('byLevel') });
  const tiles = el('section', { class: 'tiles', 'aria-label': t('title') });
  const chartBox = el('div', { class: 'chart' });
  const breakdownBox = el('section', { class: 'breakdown' });
  const drillBox = el('section', { class: 'drill' });
  const caseBox = el('section', { class: 'case', 'aria-live': 'polite' });
  const trendsBox = el('section', { class: 'trends' });
  const trends = trendsPanel(trendsBox, lang, (id) => nameOf('site', id));
  const helpBox = el('section', { class: 'help-requests' });
  const helpRequests = helpRequestsPanel(helpBox, lang, (id) => nameOf('site', id));
  const chart = mountChart(chartBox);

  const filters = filterForm();
  replace(
    root,
    el(
      'header',
      { class: 'top' },
      el('h1', {}, lockedSite ? `${t('sitePage')}` : t('title')),
      el('a', { href: `?${new URLSearchParams({ ...Object.fromEntries(params), lang: lang === 'zh' ? 'en' : 'zh' })}`, lang: lang === 'zh' ? 'en' : 'zh' }, t('language')),
      el('a', { href: '/dashboard/wall' }, t('wall')),
    ),
    el('main', {}, filters, crumbs, status, tiles, helpBox, el('h2', {}, t('byLevel')), chartBox, breakdownBox, drillBox, caseBox, trendsBox),
  );

  function filterForm(): HTMLFormElement {
    const input = (name: 'from' | 'to', label: TextKey) => el('label', {}, t(label), el('input', { type: 'date', name, value: query[name], required: '' }));
    const select = (name: 'disputeType' | 'channel', label: TextKey, values: readonly string[], nameOf: (v: string) => string) => {
      const s = el('select', { name }, el('option', { value: '' }, t('all')), ...values.map((v) => el('option', { value: v }, nameOf(v))));
      s.value = query[name] ?? '';
      return el('label', {}, t(label), s);
    };
    const form = el(
      'form',
      { class: 'filters' },
      input('from', 'from'),
      input('to', 'to'),
      select('disputeType', 'disputeType', disputeTypes, (v) => typeName(v, lang)),
      select('channel', 'channel', Object.keys(channelNames), (v) => channelName(v, lang)),
      el('button', { type: 'submit' }, t('apply')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
      const next = DashboardQuery.safeParse(clean({ ...query, ...data }));
      if (next.success) navigate(next.data, selected);
    });
    return form;
  }

  function clean(q: Record<string, string | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(q)) if (v) out[k] = v;
    return out;
  }

  function navigate(next: DashboardQuery, indicator: IndicatorKey | null): void {
    query = next;
    selected = indicator;
    const search = new URLSearchParams(clean({ ...next, ...(lockedSite ? { siteId: undefined } : {}), indicator: indicator ?? undefined, lang: lang === 'en' ? 'en' : undefined }));
    history.pushState(null, '', `?${search}`);
    caseBox.replaceChildren();
    void refresh();
  }

  const nameOf = (level: BreakdownLevel, key: string): string => {
    if (!key) return t('unassigned');
    if (level === 'disputeType') return typeName(key, lang);
    if (level === 'channel') return channelName(key, lang);
    const d = directory;
    if (!d) return key;
    if (level === 'site') return d.sites.find((s) => s.siteId === key)?.name ?? key;
    if (level === 'organisation') return d.organisations.find((o) => o.organisationId === key)?.name ?? key;
    return d.mediators.find((m) => m.username === key)?.displayName ?? key;
  };

  function renderCrumbs(): void {
    const steps: Array<{ label: string; scope: Partial<DashboardQuery> }> = [];
    if (!lockedSite) steps.push({ label: t('court'), scope: { siteId: undefined, organisationId: undefined, mediator: undefined } });
    if (query.siteId) steps.push({ label: nameOf('site', query.siteId), scope: { siteId: query.siteId, organisationId: undefined, mediator: undefined } });
    if (query.organisationId) steps.push({ label: nameOf('organisation', query.organisationId), scope: { organisationId: query.organisationId, mediator: undefined } });
    if (query.mediator) steps.push({ label: nameOf('mediator', query.mediator), scope: { mediator: query.mediator } });
    replace(
      crumbs,
      el(
        'ol',
        {},
        ...steps.map((s, i) => {
          if (i === steps.length - 1) return el('li', { 'aria-current': 'page' }, s.label);
          const b = el('button', { type: 'button' }, s.label);
          b.addEventListener('click', () => navigate({ ...query, ...s.scope }, null));
          return el('li', {}, b);
        }),
      ),
    );
  }

  const unitOf = (key: IndicatorKey, value: number | null) => {
    const unit = indicatorUnitWords(key, value, lang);
    return unit && el('span', { class: 'tile-unit', 'data-unit': '' }, unit);
  };

  function renderTiles(ind: IndicatorsAnswer): void {
    replace(
      tiles,
      ...indicatorKeys.map((key) => {
        const def = indicators[key];
        // a period before the records: "—" and why, never 0 as if counted
        const { value, beside } = figureReading(key, ind, query, lang);
        const b = el(
          'button',
          { type: 'button', class: key === selected ? 'tile selected' : 'tile', 'aria-pressed': String(key === selected), 'data-indicator': key },
          el('span', { class: 'tile-name' }, def.name[lang]),
          // the figure with its unit (件, 分钟): "74,744" alone could be minutes or hours
          el('span', { class: 'tile-reading' }, el('span', { class: 'tile-value' }, formatIndicator(key, value, lang)), unitOf(key, value)),
          beside && el('span', { class: 'tile-beside', ...besideMarks(beside) }, beside.words),
          el('span', { class: 'tile-formula' }, def.formula[lang]),
        );
        b.addEventListener('click', () => {
          drillPending = true;
          navigate(query, key);
        });
        return b;
      }),
    );
  }

  function renderBreakdown(level: BreakdownLevel, answer: BreakdownAnswer): void {
    const rows = answer.rows.map((r) => ({ ...r, label: nameOf(level, r.key) }));
    chart.set({
      animation: false,
      color: seriesColours,
      legend: { top: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 48, right: 16, top: 40, bottom: 80 },
      dataset: {
        dimensions: ['label', 'received', 'diverted', 'settled'],
        source: rows.map((r) => ({ label: r.label, received: r.values.received, diverted: r.values.diverted, settled: r.values.settled })),
      },
      xAxis: { type: 'category', axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 13 } },
      yAxis: { type: 'value', name: indicatorUnitWords('received', 2, lang) ?? '' },
      series: (['received', 'diverted', 'settled'] as const).map((k) => ({ type: 'bar', name: indicators[k].name[lang], encode: { x: 'label', y: k } })),
    });
    const head = el('tr', {}, el('th', { scope: 'col' }, t(level)), ...tableColumns.map((k) => el('th', { scope: 'col' }, indicatorHeading(k, lang))));
    const body = rows.map((r) => {
      const drill = el('button', { type: 'button', class: 'link' }, r.label);
      drill.addEventListener('click', () => navigate({ ...query, [levelDimension[level]]: r.key || undefined }, null));
      return el('tr', {}, el('th', { scope: 'row' }, r.key ? drill : r.label), ...tableColumns.map((k) => el('td', {}, formatIndicator(k, r.values[k], lang))));
    });
    replace(
      breakdownBox,
      el(
        'div',
        { class: 'exports' },
        el('a', { href: breakdownExport(query, level, 'csv'), download: '' }, t('exportCsv')),
        el('a', { href: breakdownExport(query, level, 'xlsx'), download: '' }, t('exportXlsx')),
      ),
      rows.length === 0 ? el('p', {}, t('noData')) : el('table', { class: 'table' }, el('thead', {}, head), el('tbody', {}, ...body)),
    );
  }

  async function renderDrill(key: IndicatorKey, offset = 0): Promise<void> {
    const answer: DrillAnswer = await readDrill(query, key, offset);
    const rows = answer.rows.map((r) => {
      const label = r.caseNumber ?? r.caseId.slice(0, 8);
      let open: HTMLElement;
      if (openInConsole) open = el('a', { href: consolePaths.case.replace(':caseId', encodeURIComponent(r.caseId)), 'data-case': r.caseId }, label);
      else {
        open = el('button', { type: 'button', class: 'link', 'data-case': r.caseId }, label);
        open.addEventListener('click', () => void showCase(r.caseId));
      }
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, open),
        el('td', {}, stateName(r.state, lang)),
        el('td', {}, r.day),
        el('td', {}, nameOf('site', r.siteId)),
        el('td', {}, typeName(r.disputeType, lang)),
        el('td', {}, channelName(r.channel, lang)),
        el('td', {}, String(r.amount)),
      );
    });
    const more = el('button', { type: 'button' }, t('more'));
    more.addEventListener('click', () => void renderDrill(key, offset + answer.rows.length));
    replace(
      drillBox,
      el('h2', { id: 'drill-title', tabindex: '-1' }, `${t('cases')} · ${indicators[key].name[lang]} · ${t('total')} ${answer.total}`),
      el('p', { class: 'formula' }, `${t('formula')}: ${indicators[key].formula[lang]} ${indicators[key].counts[lang]}`),
      el(
        'div',
        { class: 'exports' },
        el('a', { href: drillExport(query, key, 'csv'), download: '' }, t('exportCsv')),
        el('a', { href: drillExport(query, key, 'xlsx'), download: '' }, t('exportXlsx')),
      ),
      el(
        'table',
        { class: 'table', 'aria-labelledby': 'drill-title' },
        el('thead', {}, el('tr', {}, ...(['caseNumber', 'state', 'day', 'site', 'disputeType', 'channel', 'amount'] as const).map((k) => el('th', { scope: 'col' }, t(k))))),
        el('tbody', {}, ...rows),
      ),
      offset + answer.rows.length < answer.total ? more : null,
    );
  }

  async function showCase(caseId: string): Promise<void> {
    const c = await readCase(caseId);
    const close = el('button', { type: 'button' }, t('close'));
    close.addEventListener('click', () => caseBox.replaceChildren());
    replace(
      caseBox,
      el('h2', {}, c.caseNumber ?? c.caseId),
      el(
        'dl',
        {},
        el('dt', {}, t('state')),
        el('dd', {}, stateName(c.state, lang)),
        el('dt', {}, t('disputeType')),
        el('dd', {}, typeName(c.disputeType, lang)),
        el('dt', {}, t('channel')),
        el('dd', {}, channelName(c.channel, lang)),
        el('dt', {}, t('site')),
        el('dd', {}, nameOf('site', c.siteId)),
        el('dt', {}, t('organisation')),
        el('dd', {}, nameOf('organisation', c.organisationId)),
        el('dt', {}, t('mediator')),
        el('dd', {}, nameOf('mediator', c.mediator)),
      ),
      el('h3', {}, t('events')),
      el('ol', { class: 'events' }, ...c.events.map((e) => el('li', { class: e.voided ? 'voided' : '' }, `${courtTime(e.at)} ${e.type}${e.voided ? ` (${t('voided')})` : ''}`))),
      close,
    );
    close.focus();
  }

  async function refresh(): Promise<void> {
    try {
      directory ??= await readDirectory();
      openInConsole ??= await mayOpenCases();
      const scopeLevel = nextLevel(query);
      const level: BreakdownLevel = scopeLevel === 'cases' ? 'disputeType' : scopeLevel;
      const reading = readIndicators(query);
      const [ind, breakdown] = await Promise.all([reading, readBreakdown(query, level), reading.then((i) => trends(query, i.values.overdue_mediations)), helpRequests()]);
      renderCrumbs();
      renderTiles(ind);
      renderBreakdown(level, breakdown);
      // a mediator's cases: those diverted to them (a case has no mediator when it is received)
      const drillKey = selected ?? (scopeLevel === 'cases' ? 'diverted' : null);
      if (drillKey) await renderDrill(drillKey);
      else drillBox.replaceChildren();
      // a number clicked: its cases are below the fold, so bring them into view and say so
      if (selected && drillPending) {
        drillPending = false;
        const heading = drillBox.querySelector<HTMLElement>('#drill-title');
        heading?.scrollIntoView({ block: 'start' });
        heading?.focus({ preventScroll: true });
      }
      status.textContent = `${t('updated')} ${courtTime(new Date().toISOString(), 'clockSecond')}`;
      root.dataset.loaded = 'true';
    } catch (err) {
      status.textContent = t('failed');
      throw err;
    }
  }

  window.addEventListener('popstate', () => location.reload());
  onFiguresMoved(() => void refresh());
  void refresh();
}
