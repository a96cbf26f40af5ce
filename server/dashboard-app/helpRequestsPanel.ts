import { courtTime } from '../../shared/courtTime.js';
import { helpRequestFiguresPath, minutesWaiting, requestsOfSite, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import { helpReasonNames } from '../../shared/terminals/terminalWords.js';
import { readJson } from './api.js';
import { el, replace } from './dom.js';
import type { Language } from './texts.js';

// Help requests (请求协助) on the working view: per site, how many kiosks' residents are waiting
// for staff and since when the longest has waited; a count clicked lists the requests it counts
// (from the same answer: the number and its list agree). Pushed like the figures.

/** Also the wall's (./wallHelpRequests.ts): one wording for the same figures. */
export const helpRequestWords = {
  title: { zh: '请求协助（未处理）', en: 'Help requests (open)' },
  none: { zh: '现在没有等待协助的终端。', en: 'No terminal is waiting for help.' },
  site: { zh: '站点', en: 'Site' },
  open: { zh: '等待中', en: 'Waiting' },
  oldest: { zh: '最早一件', en: 'Waiting longest' },
  court: { zh: '全院', en: 'Whole court' },
  terminal: { zh: '终端', en: 'Terminal' },
  why: { zh: '原因', en: 'Why' },
  since: { zh: '请求时间', en: 'Asked at' },
  minutes: { zh: '已等 {n} 分钟', en: '{n} min waiting' },
  listOf: { zh: '请求协助 · {site} · 共 {n} 件', en: 'Help requests · {site} · {n} in all' },
} as const;

export function helpRequestsPanel(container: HTMLElement, lang: Language, siteName: (id: string) => string): () => Promise<void> {
  const w = (k: keyof typeof helpRequestWords) => helpRequestWords[k][lang];
  // the site whose list is open: undefined none, null the whole court, else a site id
  let shown: string | null | undefined;
  let figures: HelpRequestFigures = { sites: [], requests: [] };
  const nameOf = (siteId: string | null) => (siteId ? siteName(siteId) : '—');
  const waited = (at: string) => `${courtTime(at)} · ${w('minutes').replace('{n}', String(minutesWaiting(at, Date.now())))}`;

  function count(n: number, siteId: string | null, whole: boolean): HTMLElement {
    const button = el('button', { type: 'button', class: 'link', 'data-help-count': whole ? 'court' : (siteId ?? '') }, String(n));
    button.addEventListener('click', () => {
      shown = whole ? null : siteId;
      render();
      container.querySelector<HTMLElement>('#help-list-title')?.focus();
    });
    return button;
  }

  function list(): HTMLElement | null {
    if (shown === undefined) return null;
    const rows = requestsOfSite(figures, shown === null ? undefined : shown);
    return el(
      'div',
      { class: 'help-list' },
      el(
        'h3',
        { id: 'help-list-title', tabindex: '-1' },
        w('listOf')
          .replace('{site}', shown === null ? w('court') : nameOf(shown))
          .replace('{n}', String(rows.length)),
      ),
      el(
        'table',
        { class: 'table', 'aria-labelledby': 'help-list-title' },
        el('thead', {}, el('tr', {}, el('th', {}, w('terminal')), el('th', {}, w('site')), el('th', {}, w('why')), el('th', {}, w('since')))),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el(
              'tr',
              { 'data-help-request': r.terminalId },
              el('th', { scope: 'row' }, r.terminalName),
              el('td', {}, nameOf(r.siteId)),
              el('td', {}, helpReasonNames[r.reason][lang]),
              el('td', {}, waited(r.at)),
            ),
          ),
        ),
      ),
    );
  }

  function render(): void {
    if (figures.requests.length === 0) {
      shown = undefined;
      replace(container, el('h2', {}, w('title')), el('p', { 'data-help-requests': 'none' }, w('none')));
      return;
    }
    replace(
      container,
      el('h2', {}, w('title')),
      el(
        'table',
        { class: 'table help-sites' },
        el('thead', {}, el('tr', {}, el('th', {}, w('site')), el('th', {}, w('open')), el('th', {}, w('oldest')))),
        el(
          'tbody',
          {},
          ...figures.sites.map((s) =>
            el('tr', { 'data-help-site': s.siteId ?? '' }, el('th', { scope: 'row' }, nameOf(s.siteId)), el('td', {}, count(s.open, s.siteId, false)), el('td', {}, waited(s.oldestAt))),
          ),
          el('tr', { class: 'total' }, el('th', { scope: 'row' }, w('court')), el('td', {}, count(figures.requests.length, null, true)), el('td', {}, waited(figures.requests[0]!.at))),
        ),
      ),
      list(),
    );
  }

  return async function refresh(): Promise<void> {
    figures = await readJson<HelpRequestFigures>(helpRequestFiguresPath);
    render();
  };
}
