import { courtTime } from '../../shared/courtTime.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { shortStack, type CrashReportList } from '../../shared/terminals/crashReport.js';
import { readJson } from './api.js';
import { el, replace } from './dom.js';
import type { Language } from './texts.js';

// A terminal's crash reports on the device view (issue 14 item 10): folded under the tile, read
// from the hub only when staff open it (each reading is audited at the hub), newest first — when,
// which part failed, the version, the message and the first lines of the stack.

const w = {
  title: { zh: '崩溃报告', en: 'Crash reports' },
  none: { zh: '没有崩溃报告', en: 'No crash reports' },
  failed: { zh: '无法读取崩溃报告', en: 'Crash reports could not be read' },
  renderer: { zh: '界面', en: 'Screen' },
  agent: { zh: '后台服务', en: 'Agent' },
  version: { zh: '版本', en: 'Version' },
} as const;

export function crashReportsPanel(lang: Language, terminalId: string): HTMLDetailsElement {
  const body = el('div', { class: 'fleet-crashes', 'data-crash-reports': terminalId });
  const panel = el('details', { 'data-crashes': terminalId }, el('summary', {}, w.title[lang]), body);
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    replace(body, '…');
    readJson<CrashReportList>(courtPath('terminalCrashReports', { terminalId })).then(
      ({ reports }) =>
        replace(
          body,
          reports.length === 0
            ? el('p', {}, w.none[lang])
            : el(
                'ol',
                {},
                ...reports.map((r) =>
                  el(
                    'li',
                    { 'data-crash-source': r.source },
                    el('strong', {}, `${courtTime(r.at)} · ${w[r.source][lang]} · ${w.version[lang]} ${r.versions.app}`),
                    el('p', {}, r.message),
                    r.stack ? el('pre', {}, shortStack(r.stack)) : null,
                  ),
                ),
              ),
        ),
      () => replace(body, el('p', { role: 'alert' }, w.failed[lang])),
    );
  });
  return panel;
}
