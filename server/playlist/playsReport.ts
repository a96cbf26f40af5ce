import { bi, escapeHtml } from '../web/html.js';
import type { PlayDayRow } from './playlistStore.js';
import { page, playlistAdminPaths } from './adminPages.js';

// Proof of play for court management: plays per item, per terminal, per court day, with why
// plays were cut short (a resident touched the screen, the file failed, stalled or was corrupt).

export function playsPage(staff: string, rows: PlayDayRow[], from: string, to: string): string {
  const body = rows
    .map(
      (r) => `<tr>
<td class="nowrap">${escapeHtml(r.courtDay)}</td>
<td>${escapeHtml(r.terminalName ?? r.terminalId)}<br><small>${escapeHtml(r.terminalId)}</small></td>
<td>${r.title === null ? bi('（已删除）', '(removed)') : escapeHtml(r.title)}<br><small>${escapeHtml(r.itemId)}</small></td>
<td class="num">${r.completed}</td>
<td class="num">${r.skipped}</td>
<td>${escapeHtml(r.reasons)}</td>
</tr>`,
    )
    .join('\n');
  const table =
    rows.length === 0
      ? `<p class="empty">${bi('此期间没有播放记录。', 'No plays in this period.')}</p>`
      : `<table><thead><tr><th>${bi('日期（北京时间）', 'Day (UTC+8)')}</th><th>${bi('终端', 'Terminal')}</th><th>${bi('内容', 'Item')}</th><th>${bi('完整播放', 'Completed')}</th><th>${bi('未播完', 'Skipped')}</th><th>${bi('原因', 'Reasons')}</th></tr></thead><tbody>${body}</tbody></table>`;
  return page(
    '播放统计 Proof of play',
    staff,
    `<form method="get" action="${playlistAdminPaths.plays}" class="filters">
<label>${bi('从', 'From')}<input name="from" type="date" value="${escapeHtml(from)}"></label>
<label>${bi('至', 'To')}<input name="to" type="date" value="${escapeHtml(to)}"></label>
<button type="submit">${bi('查看', 'Show')}</button>
</form>
<p class="note">${bi('原因：interrupted＝居民触摸屏幕，error＝无法播放，stalled＝卡顿 5 秒，corrupt＝文件校验失败（每个文件只报告一次）。', 'Reasons: interrupted = a resident touched the screen; error = could not play; stalled = no progress for 5 s; corrupt = failed its checksum (each reported once per file).')}</p>
${table}`,
  );
}
