import { escapeHtml } from '../web/html.js';
import type { PlayDayRow } from './playlistStore.js';
import { page, playlistAdminPaths, type PlaylistViewer } from './adminPages.js';
import { playlistWords as W } from './playlistWords.js';

// Proof of play for court management: plays per item, per terminal, per court day, with why
// plays were cut short (a resident touched the screen, the file failed, stalled or was corrupt).

export function playsPage(v: PlaylistViewer, rows: PlayDayRow[], from: string, to: string): string {
  const { s } = v;
  const body = rows
    .map(
      (r) => `<tr>
<td class="nowrap">${escapeHtml(r.courtDay)}</td>
<td>${escapeHtml(r.terminalName ?? r.terminalId)}<br><small>${escapeHtml(r.terminalId)}</small></td>
<td>${r.title === null ? s.say(W.removedItem) : escapeHtml(r.title)}<br><small>${escapeHtml(r.itemId)}</small></td>
<td class="num">${r.completed}</td>
<td class="num">${r.skipped}</td>
<td>${escapeHtml(r.reasons)}</td>
</tr>`,
    )
    .join('\n');
  const table =
    rows.length === 0
      ? `<p class="empty">${s.say(W.noPlays)}</p>`
      : `<table><thead><tr><th>${s.say(W.day)}</th><th>${s.say(W.terminal)}</th><th>${s.say(W.item)}</th><th>${s.say(W.completed)}</th><th>${s.say(W.skipped)}</th><th>${s.say(W.reasons)}</th></tr></thead><tbody>${body}</tbody></table>`;
  return page(
    v,
    s.text(W.plays),
    'plays',
    `<form method="get" action="${playlistAdminPaths.plays}" class="filters">
<label>${s.say(W.from)}<input name="from" type="date" value="${escapeHtml(from)}"></label>
<label>${s.say(W.to)}<input name="to" type="date" value="${escapeHtml(to)}"></label>
<button type="submit">${s.say(W.show)}</button>
</form>
<p class="note">${s.say(W.reasonsHint)}</p>
${table}`,
  );
}
