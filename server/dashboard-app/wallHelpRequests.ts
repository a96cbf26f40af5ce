import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import { helpRequestFiguresPath, minutesWaiting, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import { readJson } from './api.js';
import { el, replace } from './dom.js';
import { helpRequestWords } from './helpRequestsPanel.js';
import type { Language } from './texts.js';

// The wall's help requests: the same answer as the working view's "请求协助" table (the court's
// open requests, per site with the one waiting longest), in figures a court president reads from
// across the room — the court's total and its longest wait, then a row per site, longest waiting
// first, as many as fit (the rest counted in the note). The minutes move on between pushes.

const wallWords = {
  courtWaiting: { zh: '全院等待中', en: 'waiting, whole court' },
  longest: { zh: '最久已等 {n} 分钟', en: 'longest wait {n} min' },
  moreSites: { zh: '另有 {n} 个站点有人等待', en: '{n} more sites with residents waiting' },
} as const;

/** Minutes between re-drawing the waits from the last answer (the hub pushes every new or handled request). */
const TICK_MS = 30_000;

export function wallHelpRequests(box: HTMLElement, lang: Language): (dir: DirectoryAnswer) => Promise<void> {
  let figures: HelpRequestFigures = { sites: [], requests: [] };
  let siteName = (id: string | null) => id ?? '—';
  const waited = (at: string, key: 'longest' | 'minutes') => {
    const n = String(minutesWaiting(at, Date.now()));
    return key === 'longest' ? wallWords.longest[lang].replace('{n}', n) : helpRequestWords.minutes[lang].replace('{n}', n);
  };

  function render(): void {
    const total = figures.requests.length;
    const oldest = figures.requests[0];
    const court = el(
      'div',
      { class: total > 0 ? 'wall-help-court waiting' : 'wall-help-court', 'data-help-count': 'court' },
      el('span', { class: 'wall-help-count' }, String(total)),
      el('span', {}, wallWords.courtWaiting[lang]),
      oldest ? el('span', { class: 'wall-help-wait' }, waited(oldest.at, 'longest')) : null,
    );
    if (!oldest) {
      replace(box, court, el('p', { class: 'wall-help-note', 'data-help-requests': 'none' }, helpRequestWords.none[lang]));
      return;
    }
    const list = el(
      'ul',
      { class: 'wall-help-sites' },
      ...figures.sites.map((s) =>
        el(
          'li',
          { class: 'wall-help-site', 'data-help-site': s.siteId ?? '' },
          el('span', { class: 'wall-help-name' }, siteName(s.siteId)),
          el('span', { class: 'wall-help-count', 'data-help-open': String(s.open) }, String(s.open)),
          el('span', { class: 'wall-help-wait' }, waited(s.oldestAt, 'minutes')),
        ),
      ),
    );
    const note = el('p', { class: 'wall-help-note' });
    replace(box, court, list, note);
    // the box is as tall as the wall's row: drop the rows that would be cut off, and count them
    let shown = figures.sites.length;
    while (shown > 0 && box.scrollHeight > box.clientHeight) {
      list.lastElementChild?.remove();
      shown -= 1;
      note.textContent = wallWords.moreSites[lang].replace('{n}', String(figures.sites.length - shown));
    }
  }

  setInterval(render, TICK_MS);
  return async function refresh(dir: DirectoryAnswer): Promise<void> {
    figures = await readJson<HelpRequestFigures>(helpRequestFiguresPath);
    siteName = (id) => (id ? (dir.sites.find((s) => s.siteId === id)?.name ?? id) : '—');
    render();
  };
}
