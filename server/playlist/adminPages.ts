import { isVideo, type PlaylistItem, type PlaylistSettings } from '../../shared/playlist.js';
import { consolePage } from '../console/consoleShell.js';
import type { ConsoleRequest } from '../console/courtClient.js';
import { escapeHtml } from '../web/html.js';
import type { FieldProblem, FormFields } from './itemForm.js';
import { PLAYLIST_CSS_PATH, scheduleSummary, volumeSummary } from './adminStyle.js';
import { playlistAdminPaths } from './playlistPaths.js';
import { playlistWords as W, weekdayWords } from './playlistWords.js';

// Server-rendered pages of the playlist admin (普法播放管理), inside the console's frame (its
// menu, the way back to one's work, its language switch): no script at all, every value escaped.
// Forms post to the same origin with the staff session cookie (SameSite=Strict) and an Origin check.

export { playlistAdminPaths };

/** Who looks at a playlist page, in which language. */
export type PlaylistViewer = Pick<ConsoleRequest, 's' | 'who'>;

/** A playlist admin page: the console's frame, the admin's own sheet, and its two tabs. */
export function page(v: PlaylistViewer, title: string, tab: 'playlist' | 'plays' | null, body: string): string {
  const { s } = v;
  const tabLink = (href: string, label: string, name: typeof tab) => `<li><a href="${href}"${tab === name ? ' aria-current="true"' : ''}>${label}</a></li>`;
  return consolePage(
    s,
    v.who,
    title,
    `<h2>${s.say(W.loop)}</h2>
<ul class="tabs">${tabLink(playlistAdminPaths.page, s.say(W.playlist), 'playlist')}${tabLink(playlistAdminPaths.plays, s.say(W.plays), 'plays')}</ul>
${body}`,
    'playlist',
    [PLAYLIST_CSS_PATH],
  );
}

function problemList(v: PlaylistViewer, problems: FieldProblem[]): string {
  if (problems.length === 0) return '';
  return `<div class="alert" role="alert"><ul>${problems.map((p) => `<li>${v.s.say({ zh: p.zh, en: p.en })}</li>`).join('')}</ul></div>`;
}

const value = (v: FormFields | null, name: string, fallback = ''): string => escapeHtml(v?.get(name)?.[0] ?? fallback);

/** The schedule and caption fields, shared by the upload form and the edit form. */
function itemFieldsHtml(viewer: PlaylistViewer, values: FormFields | null, item: PlaylistItem | null): string {
  const { s } = viewer;
  const weekdays = values ? (values.get('weekdays') ?? []).map(Number) : (item?.schedule.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  const v = (name: string, fromItem: string) => value(values, name, fromItem);
  const boxes = weekdayWords.map((day, i) => `<label class="day"><input type="checkbox" name="weekdays" value="${i + 1}"${weekdays.includes(i + 1) ? ' checked' : ''}> ${s.say(day)}</label>`).join('');
  const muted = values ? values.has('muted') : (item?.muted ?? false);
  return `<div class="grid">
<label>${s.say(W.captionTitle)}<input name="title" required maxlength="80" value="${v('title', item?.title ?? '')}"></label>
<label>${s.say(W.titleEn)}<input name="titleEn" maxlength="120" value="${v('titleEn', item?.titleEn ?? '')}"></label>
<label>${s.say(W.duration)}<input name="durationSeconds" inputmode="numeric" value="${v('durationSeconds', item?.durationMs ? String(item.durationMs / 1000) : '')}"></label>
<label>${s.say(W.orderHint)}<input name="order" inputmode="numeric" value="${v('order', item ? String(item.order) : '')}"></label>
<label>${s.say(W.startDate)}<input name="startDate" type="date" value="${v('startDate', item?.schedule.startDate ?? '')}"></label>
<label>${s.say(W.endDate)}<input name="endDate" type="date" value="${v('endDate', item?.schedule.endDate ?? '')}"></label>
<label>${s.say(W.dailyFrom)}<input name="windowStart" type="time" value="${v('windowStart', item?.schedule.window?.start ?? '')}"></label>
<label>${s.say(W.dailyUntil)}<input name="windowEnd" type="time" value="${v('windowEnd', item?.schedule.window?.end ?? '')}"></label>
</div>
<fieldset><legend>${s.say(W.weekdays)}</legend><input type="hidden" name="weekdaysShown" value="1">${boxes}</fieldset>
<label class="inline"><input type="checkbox" name="muted"${muted ? ' checked' : ''}> ${s.say(W.playMuted)}</label>`;
}

function preview(item: PlaylistItem): string {
  const src = `${playlistAdminPaths.media}/${item.sha256}`;
  return isVideo(item.mimeType) ? `<video src="${src}" preload="metadata" controls muted width="160"></video>` : `<img src="${src}" alt="" width="160">`;
}

/** What was just done, said above the list after the redirect (`?done=`). */
export const playlistDone = { uploaded: W.uploaded, saved: W.saved, removed: W.removed } as const;

export interface PlaylistPageModel {
  viewer: PlaylistViewer;
  items: PlaylistItem[];
  settings: PlaylistSettings;
  version: string;
  done?: string;
  uploadProblems?: FieldProblem[];
  uploadValues?: FormFields | null;
  settingsProblems?: FieldProblem[];
}

export function playlistPage(m: PlaylistPageModel): string {
  const { s } = m.viewer;
  const rows = m.items
    .map(
      (i) => `<tr>
<td class="nowrap">${i.order}</td>
<td>${preview(i)}</td>
<td><strong>${escapeHtml(i.title)}</strong><br><small lang="en">${escapeHtml(i.titleEn)}</small></td>
<td class="nowrap">${escapeHtml(i.mimeType)}<br><small>${(i.size / 1024 / 1024).toFixed(2)} MB${i.durationMs ? ` · ${i.durationMs / 1000} s` : ''}${i.muted ? ` · ${s.say(W.muted)}` : ''}</small></td>
<td>${scheduleSummary(s, i.schedule)}</td>
<td class="nowrap"><a href="${playlistAdminPaths.items}/${escapeHtml(i.id)}">${s.say(W.edit)}</a>
<form method="post" action="${playlistAdminPaths.items}/${escapeHtml(i.id)}/delete" class="inline-form"><button type="submit" class="danger">${s.say(W.remove)}</button></form></td>
</tr>`,
    )
    .join('\n');
  const table =
    m.items.length === 0
      ? `<p class="empty">${s.say(W.empty)}</p>`
      : `<table><thead><tr><th>${s.say(W.order)}</th><th>${s.say(W.preview)}</th><th>${s.say(W.title)}</th><th>${s.say(W.file)}</th><th>${s.say(W.schedule)}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  const set = m.settings;
  const vw = (n: number, field: 'start' | 'end' | 'level') => {
    const w = set.volume.windows[n - 1];
    if (!w) return '';
    return field === 'level' ? String(Math.round(w.level * 100)) : w[field];
  };
  const done = m.done && Object.hasOwn(playlistDone, m.done) ? playlistDone[m.done as keyof typeof playlistDone] : null;
  return page(
    m.viewer,
    s.text(W.playlist),
    'playlist',
    `${done ? `<p class="notice" role="status">${s.say(done)}</p>` : ''}
<p class="note">${s.say(W.summary, { n: m.items.length, version: m.version })}</p>
${table}
<section class="card"><h2>${s.say(W.upload)}</h2>
<p class="note">${s.say(W.uploadHint)}</p>
${problemList(m.viewer, m.uploadProblems ?? [])}
<form method="post" action="${playlistAdminPaths.items}" enctype="multipart/form-data">
${itemFieldsHtml(m.viewer, m.uploadValues ?? null, null)}
<label>${s.say(W.file)}<input type="file" name="file" required accept="video/mp4,video/webm,image/png,image/jpeg"></label>
<button type="submit">${s.say(W.uploadButton)}</button>
</form></section>
<section class="card"><h2>${s.say(W.settings)}</h2>
<p class="note">${s.say(W.volumeNow, { volume: volumeSummary(s, set) })}</p>
${problemList(m.viewer, m.settingsProblems ?? [])}
<form method="post" action="${playlistAdminPaths.settings}">
<div class="grid">
<label>${s.say(W.attractAfter)}<input name="attractAfterSeconds" inputmode="numeric" value="${set.attractAfterSeconds}"></label>
<label>${s.say(W.volumeLevel)}<input name="volumeLevel" inputmode="numeric" value="${Math.round(set.volume.level * 100)}"></label>
${[1, 2]
  .map(
    (n) => `<label>${s.say(W.windowFrom, { n })}<input name="volume${n}Start" type="time" value="${vw(n, 'start')}"></label>
<label>${s.say(W.windowUntil, { n })}<input name="volume${n}End" type="time" value="${vw(n, 'end')}"></label>
<label>${s.say(W.windowLevel, { n })}<input name="volume${n}Level" inputmode="numeric" value="${vw(n, 'level')}"></label>`,
  )
  .join('\n')}
</div>
<button type="submit">${s.say(W.saveSettings)}</button>
</form></section>`,
  );
}

export function itemEditPage(viewer: PlaylistViewer, item: PlaylistItem, problems: FieldProblem[], values: FormFields | null): string {
  const { s } = viewer;
  return page(
    viewer,
    `${s.text(W.edit)} ${item.title}`,
    null,
    `<p><a href="${playlistAdminPaths.page}">${s.say(W.back)}</a></p>
<section class="card"><h2>${s.say(W.editItem)}: ${escapeHtml(item.title)}</h2>
${preview(item)}
${problemList(viewer, problems)}
<form method="post" action="${playlistAdminPaths.items}/${escapeHtml(item.id)}">
${itemFieldsHtml(viewer, values, item)}
<button type="submit">${s.say(W.save)}</button> <a href="${playlistAdminPaths.page}">${s.say(W.back)}</a>
</form></section>`,
  );
}
