import { courtTime } from '../../shared/courtTime.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import type { AlertKind, FleetAnswer, TerminalHealth } from '../../shared/terminals/terminalHealth.js';
import { onFiguresMoved, readDirectory, readJson } from './api.js';
import { el, replace } from './dom.js';
import type { Language } from './texts.js';

// The terminals (设备部署): one tile per kiosk, grouped by site, coloured by health (online green,
// degraded amber, offline red, never reported grey) with its open alerts in words. Pushed like
// the figures: a heartbeat or a terminal going silent refreshes the page.

const healthNames: Record<TerminalHealth, Record<Language, string>> = {
  online: { zh: '在线', en: 'Online' },
  degraded: { zh: '需处理', en: 'Needs attention' },
  offline: { zh: '离线', en: 'Offline' },
  never_seen: { zh: '未上报', en: 'Never reported' },
};
const alertNames: Record<AlertKind, Record<Language, string>> = {
  offline: { zh: '离线', en: 'Offline' },
  outbox_stuck: { zh: '待发送队列积压', en: 'Outbox stuck' },
  printer_paper_out: { zh: '打印机缺纸', en: 'Printer out of paper' },
  media_cache_broken: { zh: '普法视频缓存损坏', en: 'Media cache broken' },
};
const title = { zh: '终端设备状态', en: 'Terminals' };
const lastSeen = { zh: '最近心跳', en: 'Last heartbeat' };

export function fleetView(root: HTMLElement, lang: Language): void {
  const list = el('div', { class: 'fleet' });
  replace(root, el('header', { class: 'top' }, el('h1', {}, title[lang]), el('a', { href: '/dashboard' }, lang === 'zh' ? '工作视图' : 'Working view')), el('main', {}, list));

  async function refresh(): Promise<void> {
    const [dir, fleet] = await Promise.all([readDirectory(), readJson<FleetAnswer>(fleetPaths.fleet)]);
    const bySite = new Map<string, FleetAnswer['terminals']>();
    for (const t of fleet.terminals) bySite.set(t.siteId ?? '', [...(bySite.get(t.siteId ?? '') ?? []), t]);
    replace(
      list,
      ...[...bySite.entries()].map(([siteId, terminals]) =>
        el(
          'section',
          { class: 'fleet-site' },
          el('h2', {}, dir.sites.find((s) => s.siteId === siteId)?.name ?? (siteId || '—')),
          el(
            'ul',
            { class: 'fleet-tiles' },
            ...terminals.map((t) =>
              el(
                'li',
                { class: `fleet-tile health-${t.health}`, 'data-terminal': t.terminalId, 'data-health': t.health },
                el('strong', {}, t.name),
                el('span', { class: 'fleet-health' }, healthNames[t.health][lang]),
                el('span', {}, `${lastSeen[lang]}: ${t.receivedAt ? courtTime(t.receivedAt) : '—'}`),
                t.openAlerts.length > 0 ? el('ul', { class: 'fleet-alerts' }, ...t.openAlerts.map((a) => el('li', {}, alertNames[a.kind][lang]))) : null,
              ),
            ),
          ),
        ),
      ),
    );
    root.dataset.loaded = 'true';
  }
  onFiguresMoved(() => void refresh());
  void refresh();
}
