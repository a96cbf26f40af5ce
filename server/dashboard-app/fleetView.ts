import { courtPath } from '../../shared/courtApi/routes.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { courtTime } from '../../shared/courtTime.js';
import { fleetPaths, type ScreenState } from '../../shared/terminals/heartbeat.js';
import { healthSignal, type FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { deviceProblems, type DeviceConsequence } from '../../shared/terminals/deviceHealth.js';
import { onFiguresMoved, readDirectory, readJson } from './api.js';
import { el, replace } from './dom.js';
import { alertLine, configForm, terminalActions } from './fleetAdmin.js';
import { crashReportsPanel } from './crashReportsPanel.js';
import type { Language } from './texts.js';
import { alertNames, healthNames } from '../../shared/terminals/terminalWords.js';

// The terminals (设备部署): one tile per kiosk, grouped by site, coloured by health (online green,
// degraded amber, offline red, never reported grey) with what it is showing, its devices and its
// open alerts in words. Pushed like the figures: a heartbeat or a terminal going silent refreshes
// the page. Court admins also get the settings form and each terminal's actions (./fleetAdmin.ts).

const screenNames: Record<ScreenState, Record<Language, string>> = {
  idle_loop: { zh: '普法轮播', en: 'Idle loop' },
  home: { zh: '首页', en: 'Home' },
  intake: { zh: '填写申请', en: 'Filing' },
  receipt: { zh: '回执', en: 'Receipt' },
  call: { zh: '视频调解中', en: 'In a call' },
  check_case: { zh: '查询进度', en: 'Checking a case' },
  staff: { zh: '管理员界面', en: 'Staff screen' },
  recovery: { zh: '恢复中', en: 'Recovering' },
  unknown: { zh: '未知', en: 'Unknown' },
};
const deviceNames = { camera: { zh: '摄像头', en: 'Camera' }, microphone: { zh: '麦克风', en: 'Microphone' }, printer: { zh: '打印机', en: 'Printer' } } as const;
const stateNames: Record<string, Record<Language, string>> = {
  ok: { zh: '正常', en: 'OK' },
  missing: { zh: '未连接', en: 'Missing' },
  denied: { zh: '未获授权', en: 'Access denied' },
  failed: { zh: '无法启动', en: 'Failed to start' },
  error: { zh: '故障', en: 'Fault' },
  offline: { zh: '离线', en: 'Offline' },
  paper_out: { zh: '缺纸', en: 'Out of paper' },
  cover_open: { zh: '机盖未关', en: 'Cover open' },
  unknown: { zh: '未知', en: 'Unknown' },
};
const consequenceNames: Record<DeviceConsequence, Record<Language, string>> = {
  callsWithoutPicture: { zh: '视频调解无画面（仍可自助立案）', en: 'Video calls have no picture (filing still works)' },
  callsWithoutSound: { zh: '视频调解无声音（仍可自助立案）', en: 'Video calls have no sound (filing still works)' },
  receiptsCannotPrint: { zh: '回执无法打印（仍可自助立案）', en: 'Receipts cannot print (filing still works)' },
};
const title = { zh: '终端设备状态', en: 'Terminals' };
const lastSeen = { zh: '最近心跳', en: 'Last heartbeat' };
const screenLabel = { zh: '当前画面', en: 'Screen' };
const touchLabel = { zh: '最近触摸', en: 'Last touched' };
const configLabel = { zh: '配置版本', en: 'Settings version' };

async function readSession(): Promise<SessionInfo | null> {
  return readJson<SessionInfo>(courtPath('session')).catch(() => null);
}

export function fleetView(root: HTMLElement, lang: Language): void {
  const list = el('div', { class: 'fleet' });
  const admin = el('div', {});
  replace(root, el('header', { class: 'top' }, el('h1', {}, title[lang]), el('a', { href: '/dashboard' }, lang === 'zh' ? '工作视图' : 'Working view')), el('main', {}, admin, list));
  let canManage = false;
  let pending = false;

  async function refresh(): Promise<void> {
    // A push must not wipe what an admin is typing: it waits until they leave the field.
    const active = document.activeElement;
    if (active && root.contains(active) && active.matches('input, select, textarea')) {
      pending = true;
      return;
    }
    pending = false;
    const open = new Set([...list.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.manage));
    const [dir, fleet] = await Promise.all([readDirectory(), readJson<FleetAnswer>(fleetPaths.fleet)]);
    if (canManage && !admin.hasChildNodes()) admin.append(configForm(lang, dir, fleet.terminals));
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
            ...terminals.map((t) => {
              const tile = el(
                'li',
                { class: `fleet-tile health-${t.health}`, 'data-terminal': t.terminalId, 'data-health': t.health, 'data-signal': healthSignal[t.health] },
                el('strong', {}, t.name),
                el('span', { class: 'fleet-health' }, healthNames[t.health][lang]),
                el('span', {}, `${lastSeen[lang]}: ${t.receivedAt ? courtTime(t.receivedAt) : '—'}`),
                t.screen ? el('span', {}, `${screenLabel[lang]}: ${screenNames[t.screen as ScreenState]?.[lang] ?? t.screen}`) : null,
                t.lastTouchAt ? el('span', { 'data-last-touch': t.lastTouchAt }, `${touchLabel[lang]}: ${courtTime(t.lastTouchAt)}`) : null,
                t.devices
                  ? el(
                      'span',
                      { class: 'fleet-devices' },
                      (['camera', 'microphone', 'printer'] as const).map((d) => `${deviceNames[d][lang]} ${stateNames[t.devices![d]]?.[lang] ?? t.devices![d]}`).join(' · '),
                    )
                  : null,
                ...(t.devices ? deviceProblems(t.devices) : []).map((p) =>
                  el('span', { class: `fleet-problem signal-${p.signal}`, 'data-problem': `${p.device}:${p.state}` }, `${deviceNames[p.device][lang]}: ${consequenceNames[p.consequence][lang]}`),
                ),
                t.configVersion ? el('span', { 'data-config-version': String(t.configVersion) }, `${configLabel[lang]}: ${t.configVersion}`) : null,
                t.openAlerts.length > 0 ? el('ul', { class: 'fleet-alerts' }, ...t.openAlerts.map((a) => alertLine(lang, alertNames[a.kind][lang], a, canManage))) : null,
                canManage ? crashReportsPanel(lang, t.terminalId) : null,
                canManage ? terminalActions(lang, dir, t) : null,
              );
              const manage = tile.querySelector<HTMLDetailsElement>('details[data-manage]');
              if (manage && open.has(t.terminalId)) manage.open = true;
              return tile;
            }),
          ),
        ),
      ),
    );
    root.dataset.loaded = 'true';
  }
  root.addEventListener('focusout', () => {
    if (pending) queueMicrotask(() => void refresh());
  });
  onFiguresMoved(() => void refresh());
  void readSession().then((s) => {
    canManage = s?.abilities.includes('manageTerminals') ?? false;
    return refresh();
  });
}
