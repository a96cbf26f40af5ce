import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { fleetBySite, type FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { readJson } from './api.js';
import { el, replace } from './dom.js';
import { healthNames } from '../../shared/terminals/terminalWords.js';
import type { Language } from './texts.js';

// The wall's terminal summary: the court's totals online / needing attention / offline in large
// figures, then the sites in trouble as tiles (red: a terminal offline; amber: one needs
// attention), worst first, as many as fit (the tiles that would be cut off are left off and counted
// in the note); sites all well are counted, not listed.

const SITE_TILES = 6;
const restWell = { zh: '其余站点终端全部在线', en: 'All other sites: every terminal online' };
const allWell = { zh: '全部站点终端在线', en: 'Every site: every terminal online' };
const noneReported = { zh: '尚无终端报到', en: 'No terminal has reported yet' };
const neverSeen = { zh: '另有 {n} 台终端从未报到', en: '{n} more terminals have never reported' };
const moreSites = { zh: '另有 {n} 个站点需关注', en: '{n} more sites need attention' };

export async function renderWallFleet(box: HTMLElement, lang: Language, dir: DirectoryAnswer): Promise<void> {
  const fleet = await readJson<FleetAnswer>(fleetPaths.fleet);
  const sites = fleetBySite(fleet.terminals);
  const total = { online: 0, degraded: 0, offline: 0, never_seen: 0 };
  for (const t of fleet.terminals) total[t.health] += 1;
  const trouble = sites.filter((s) => s.worst === 'offline' || s.worst === 'degraded');
  const siteName = (id: string) => dir.sites.find((s) => s.siteId === id)?.name ?? (id || '—');
  const list = el(
    'ul',
    { class: 'wall-fleet-sites' },
    ...trouble
      .slice(0, SITE_TILES)
      .map((s) =>
        el(
          'li',
          { class: `wall-fleet-site health-${s.worst}`, 'data-site': s.siteId, 'data-health': s.worst },
          el('span', { class: 'wall-fleet-name' }, siteName(s.siteId)),
          el('span', {}, `${healthNames[s.worst][lang]} ${s.counts[s.worst]}/${s.counts.online + s.counts.degraded + s.counts.offline + s.counts.never_seen}`),
        ),
      ),
  );
  const note = el('p', { class: 'wall-fleet-note' }, wallFleetNote(total, trouble.length, lang));
  replace(
    box,
    el(
      'div',
      { class: 'wall-fleet-totals' },
      ...(['online', 'degraded', 'offline'] as const).map((h) =>
        el('div', { class: `wall-fleet-total health-${h}`, 'data-total': h }, el('span', { class: 'wall-fleet-count' }, String(total[h])), el('span', {}, healthNames[h][lang])),
      ),
    ),
    list,
    note,
  );
  // the box is as tall as the wall's row: drop the tiles that would be cut off, so the note shows
  let shown = Math.min(SITE_TILES, trouble.length);
  while (shown > 0 && box.scrollHeight > box.clientHeight) {
    list.lastElementChild?.remove();
    shown -= 1;
  }
  note.textContent = wallFleetNote(total, trouble.length, lang, shown);
}

/** What the line under the tiles says: never "all online" when nothing has reported at all. */
export function wallFleetNote(total: Record<'online' | 'degraded' | 'offline' | 'never_seen', number>, troubleSites: number, lang: Language, shown = SITE_TILES): string {
  const reported = total.online + total.degraded + total.offline;
  const parts: string[] = [];
  if (reported === 0) parts.push(noneReported[lang]);
  else if (troubleSites > shown) parts.push(moreSites[lang].replace('{n}', String(troubleSites - shown)));
  else parts.push(troubleSites > 0 ? restWell[lang] : allWell[lang]);
  if (reported > 0 && total.never_seen > 0) parts.push(neverSeen[lang].replace('{n}', String(total.never_seen)));
  return parts.join(lang === 'zh' ? '；' : '; ');
}
