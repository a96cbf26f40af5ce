import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import { courtTime } from '../../shared/courtTime.js';
import { terminalKinds } from '../../shared/courtApi/terminals.js';
import { DEFAULT_TERMINAL_SETTINGS, type TerminalSettings } from '../../shared/terminals/heartbeat.js';
import { alertSignal, type FleetTile } from '../../shared/terminals/terminalHealth.js';
import { refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { SignInNeeded, writeCourt, WriteRefused } from './api.js';
import { el } from './dom.js';
import type { Language } from './texts.js';

// What a court admin does on the device view (issue 11 item 2): push settings to a site or one
// terminal, ask a terminal to restart or resync, rename, move or retire it, acknowledge an alert
// with a note. Every action is a court API route (audited at the hub); the page shows the hub's
// answer in words and refreshes from the push that follows.

type Words = Record<Language, string>;
const w = {
  pushTitle: { zh: '推送终端配置', en: 'Push terminal settings' },
  target: { zh: '推送到', en: 'Send to' },
  wholeSite: { zh: '（整个站点）', en: '(whole site)' },
  idle: { zh: '无操作清屏时间（秒）', en: 'Idle timeout (seconds)' },
  languages: { zh: '提供的语言', en: 'Languages offered' },
  zhFirst: { zh: '中文、英文', en: 'Chinese, English' },
  zhOnly: { zh: '仅中文', en: 'Chinese only' },
  enFirst: { zh: '英文、中文', en: 'English, Chinese' },
  call: { zh: '允许视频连线调解员', en: 'Residents may call a mediator' },
  volume: { zh: '音量（%）', en: 'Volume (%)' },
  quietFrom: { zh: '静音开始', en: 'Quiet from' },
  quietTo: { zh: '静音结束', en: 'Quiet until' },
  send: { zh: '推送', en: 'Push' },
  sent: { zh: '已推送，配置版本', en: 'Pushed, settings version' },
  manage: { zh: '管理此终端', en: 'Manage this terminal' },
  restart: { zh: '远程重启', en: 'Restart' },
  resync: { zh: '重新同步', en: 'Resync' },
  requested: { zh: '已发出请求，终端下次心跳时执行', en: 'Requested; the terminal acts on its next heartbeat' },
  name: { zh: '名称', en: 'Name' },
  rename: { zh: '改名', en: 'Rename' },
  site: { zh: '所属站点', en: 'Site' },
  move: { zh: '迁移', en: 'Move' },
  kind: { zh: '终端类型', en: 'Kind' },
  setKind: { zh: '更改类型', en: 'Change kind' },
  kiosk: { zh: '自助终端（居民自助）', en: 'Kiosk (residents file themselves)' },
  counter: { zh: '远程服务柜台（工作人员代录）', en: 'Remote service counter (staff enter for residents)' },
  guidance: { zh: '诉讼引导台', en: 'Guidance station' },
  retire: { zh: '退役', en: 'Retire' },
  retireSure: { zh: '确认退役（不可撤销）', en: 'Confirm: retire for good' },
  saved: { zh: '已保存', en: 'Saved' },
  note: { zh: '处理说明', en: 'Note' },
  acknowledge: { zh: '确认告警', en: 'Acknowledge' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
} satisfies Record<string, Words>;

/** Runs a write and says in `status` how it went; true when the hub accepted it. */
async function act(status: HTMLElement, lang: Language, write: () => Promise<string>): Promise<boolean> {
  status.textContent = '…';
  try {
    status.textContent = await write();
    status.className = 'fleet-status ok';
    delete status.dataset.refusal;
    return true;
  } catch (err) {
    // what failed and what to do, never the status or the hub's English message (no answer at all: the network)
    const said = err instanceof WriteRefused ? refusalSaid(err.status, err.code) : refusalSaid(err instanceof SignInNeeded ? 401 : null);
    status.textContent = `${said.failed[lang]}${lang === 'zh' ? '' : ' '}${said.advice[lang]}`;
    status.dataset.refusal = said.kind;
    status.className = 'fleet-status refused';
    return false;
  }
}

const field = (label: string, control: HTMLElement) => el('label', {}, label, control);

/** The settings form: a site or one terminal, the whole set of settings. */
export function configForm(lang: Language, dir: DirectoryAnswer, terminals: FleetTile[]): HTMLElement {
  const d = DEFAULT_TERMINAL_SETTINGS;
  const target = el(
    'select',
    { name: 'target' },
    ...dir.sites.flatMap((s) => [
      el('option', { value: `site:${s.siteId}` }, `${s.name} ${w.wholeSite[lang]}`),
      ...terminals.filter((t) => t.siteId === s.siteId).map((t) => el('option', { value: `terminal:${t.terminalId}` }, `\u3000${t.name}`)),
    ]),
  );
  const idle = el('input', { type: 'number', name: 'idleTimeoutS', min: '30', max: '900', step: '10', value: String(d.idleTimeoutS), required: '' });
  const languages = el(
    'select',
    { name: 'languages' },
    el('option', { value: 'zh-CN,en' }, w.zhFirst[lang]),
    el('option', { value: 'zh-CN' }, w.zhOnly[lang]),
    el('option', { value: 'en,zh-CN' }, w.enFirst[lang]),
  );
  const call = el('input', { type: 'checkbox', name: 'callEnabled', checked: '' });
  const volume = el('input', { type: 'number', name: 'volume', min: '0', max: '100', step: '5', value: String(Math.round(d.volume.level * 100)), required: '' });
  const quiet = d.volume.windows[0]!;
  const quietFrom = el('input', { type: 'time', name: 'quietFrom', value: quiet.start });
  const quietTo = el('input', { type: 'time', name: 'quietTo', value: quiet.end });
  const status = el('p', { class: 'fleet-status', role: 'status' });
  const form = el(
    'form',
    { class: 'fleet-config', 'aria-label': w.pushTitle[lang] },
    el('h2', {}, w.pushTitle[lang]),
    el(
      'div',
      { class: 'filters' },
      field(w.target[lang], target),
      field(w.idle[lang], idle),
      field(w.languages[lang], languages),
      field(w.volume[lang], volume),
      field(w.quietFrom[lang], quietFrom),
      field(w.quietTo[lang], quietTo),
      el('label', { class: 'fleet-check' }, call, w.call[lang]),
      el('button', { type: 'submit' }, w.send[lang]),
    ),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const [kind, id] = target.value.split(/:(.*)/s) as ['site' | 'terminal', string];
    const level = Number(volume.value) / 100;
    const settings: TerminalSettings = {
      idleTimeoutS: Number(idle.value),
      languages: languages.value.split(',') as TerminalSettings['languages'],
      callEnabled: call.checked,
      volume: { level, windows: quietFrom.value && quietTo.value && quietFrom.value !== quietTo.value ? [{ start: quietFrom.value, end: quietTo.value, level: 0 }] : [] },
    };
    void act(status, lang, async () => {
      const { version } = await writeCourt<{ version: number }>('pushTerminalConfig', { body: { target: { kind, id }, settings } });
      return `${w.sent[lang]} ${version}`;
    });
  });
  return form;
}

/** A terminal's admin actions, folded away under its tile. */
export function terminalActions(lang: Language, dir: DirectoryAnswer, t: FleetTile): HTMLElement {
  const status = el('p', { class: 'fleet-status', role: 'status' });
  const params = { terminalId: t.terminalId };
  const command = (kind: 'restart' | 'resync') => {
    const b = el('button', { type: 'button', 'data-action': kind }, w[kind][lang]);
    b.addEventListener('click', () => void act(status, lang, async () => (await writeCourt('requestTerminalCommand', { params, body: { kind } }), w.requested[lang])));
    return b;
  };
  const name = el('input', { type: 'text', name: 'name', value: t.name, maxlength: '80', required: '' });
  const renameForm = el('form', { class: 'fleet-inline' }, field(w.name[lang], name), el('button', { type: 'submit' }, w.rename[lang]));
  renameForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(status, lang, async () => (await writeCourt('updateTerminal', { params, body: { name: name.value } }), w.saved[lang]));
  });
  const site = el('select', { name: 'siteId' }, ...dir.sites.map((s) => el('option', { value: s.siteId, ...(s.siteId === t.siteId ? { selected: '' } : {}) }, s.name)));
  const moveForm = el('form', { class: 'fleet-inline' }, field(w.site[lang], site), el('button', { type: 'submit' }, w.move[lang]));
  moveForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(status, lang, async () => (await writeCourt('updateTerminal', { params, body: { siteId: site.value } }), w.saved[lang]));
  });
  // The kind decides the channel its filings count under (a counter's are counter entries).
  const kind = el('select', { name: 'kind' }, ...terminalKinds.map((k) => el('option', { value: k, ...(k === t.kind ? { selected: '' } : {}) }, w[k][lang])));
  const kindForm = el('form', { class: 'fleet-inline' }, field(w.kind[lang], kind), el('button', { type: 'submit' }, w.setKind[lang]));
  kindForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(status, lang, async () => (await writeCourt('updateTerminal', { params, body: { kind: kind.value } }), w.saved[lang]));
  });
  // Two taps: retiring takes the terminal off every view.
  const retire = el('button', { type: 'button', class: 'fleet-danger', 'data-action': 'retire' }, w.retire[lang]);
  retire.addEventListener('click', () => {
    if (retire.dataset.armed !== 'true') {
      retire.dataset.armed = 'true';
      retire.textContent = w.retireSure[lang];
      return;
    }
    void act(status, lang, async () => (await writeCourt('retireTerminal', { params }), w.saved[lang]));
  });
  return el(
    'details',
    { class: 'fleet-manage', 'data-manage': t.terminalId },
    el('summary', {}, w.manage[lang]),
    el('div', { class: 'fleet-buttons' }, command('restart'), command('resync')),
    renameForm,
    moveForm,
    kindForm,
    retire,
    status,
  );
}

/** An open alert: acknowledged (who, when, note) or, for an admin, a note to acknowledge it with. */
export function alertLine(lang: Language, label: string, a: FleetTile['openAlerts'][number], canAct: boolean): HTMLElement {
  if (a.acknowledged) {
    const ack = a.acknowledged;
    return el(
      'li',
      { class: `fleet-alert acknowledged signal-${alertSignal[a.kind]}`, 'data-alert': a.kind },
      el('span', {}, `${label} · ${w.acknowledged[lang]}`),
      el('small', {}, `${ack.note}（${ack.by} ${courtTime(ack.at)}）`),
    );
  }
  if (!canAct) return el('li', { class: `fleet-alert signal-${alertSignal[a.kind]}`, 'data-alert': a.kind }, label);
  const note = el('input', { type: 'text', name: 'note', maxlength: '500', required: '', 'aria-label': `${w.note[lang]}: ${label}`, placeholder: w.note[lang] });
  const status = el('span', { class: 'fleet-status', role: 'status' });
  const form = el('form', { class: 'fleet-inline' }, note, el('button', { type: 'submit' }, w.acknowledge[lang]), status);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(status, lang, async () => (await writeCourt('acknowledgeTerminalAlert', { params: { alertId: a.alertId }, body: { note: note.value } }), w.acknowledged[lang]));
  });
  return el('li', { class: `fleet-alert signal-${alertSignal[a.kind]}`, 'data-alert': a.kind }, el('span', {}, label), form);
}
