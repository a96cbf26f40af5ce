import { isVideo, type PlaylistItem, type PlaylistSettings } from '../../shared/playlist.js';
import { consolePaths } from '../console/paths.js';
import { bi, escapeHtml } from '../web/html.js';
import { page as pageShell } from '../web/page.js';
import { STAFF_CSS_PATH } from '../web/staffStyle.js';
import type { FieldProblem, FormFields } from './itemForm.js';
import { PLAYLIST_CSS_PATH, scheduleSummary, volumeSummary } from './adminStyle.js';

// Server-rendered pages of the playlist admin (普法播放管理), like the console: no script at
// all, every value escaped, bilingual labels. Forms post to the same origin with the staff
// session cookie (SameSite=Strict) and an Origin check.

export const playlistAdminPaths = {
  page: '/console/playlist',
  items: '/console/playlist/items',
  settings: '/console/playlist/settings',
  plays: '/console/playlist/plays',
  media: '/console/playlist/media',
} as const;

/** A playlist admin page: the staff look plus the admin's own sheet, and its navigation. */
export function page(title: string, staff: string, body: string): string {
  return pageShell(
    title,
    `<header>
<h1>${bi('普法播放', 'Legal-education loop')}</h1>
<nav><a href="${consolePaths.page}">${bi('收到的申请', 'Intakes')}</a> <a href="${playlistAdminPaths.page}">${bi('播放列表', 'Playlist')}</a> <a href="${playlistAdminPaths.plays}">${bi('播放统计', 'Proof of play')}</a></nav>
<form method="post" action="${consolePaths.logout}" class="logout"><span>${escapeHtml(staff)}</span><button type="submit">${bi('退出', 'Sign out')}</button></form>
</header>
<main>
${body}
</main>`,
    { stylesheets: [STAFF_CSS_PATH, PLAYLIST_CSS_PATH] },
  );
}

function problemList(problems: FieldProblem[]): string {
  if (problems.length === 0) return '';
  return `<div class="alert" role="alert"><ul>${problems.map((p) => `<li>${bi(p.zh, p.en)}</li>`).join('')}</ul></div>`;
}

const value = (v: FormFields | null, name: string, fallback = ''): string => escapeHtml(v?.get(name)?.[0] ?? fallback);
const weekdayNames = [
  ['一', 'Mon'],
  ['二', 'Tue'],
  ['三', 'Wed'],
  ['四', 'Thu'],
  ['五', 'Fri'],
  ['六', 'Sat'],
  ['日', 'Sun'],
] as const;

/** The schedule and caption fields, shared by the upload form and the edit form. */
function itemFieldsHtml(values: FormFields | null, item: PlaylistItem | null): string {
  const weekdays = values ? (values.get('weekdays') ?? []).map(Number) : (item?.schedule.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  const v = (name: string, fromItem: string) => value(values, name, fromItem);
  const boxes = weekdayNames
    .map(([zh, en], i) => `<label class="day"><input type="checkbox" name="weekdays" value="${i + 1}"${weekdays.includes(i + 1) ? ' checked' : ''}> 周${zh} <span class="en">${en}</span></label>`)
    .join('');
  const muted = values ? values.has('muted') : (item?.muted ?? false);
  return `<div class="grid">
<label>${bi('标题（字幕）', 'Title (caption)')}<input name="title" required maxlength="80" value="${v('title', item?.title ?? '')}"></label>
<label>${bi('英文标题', 'English title')}<input name="titleEn" maxlength="120" value="${v('titleEn', item?.titleEn ?? '')}"></label>
<label>${bi('时长（秒，图片必填；视频留空为完整播放）', 'Duration (s; images; blank = whole video)')}<input name="durationSeconds" inputmode="numeric" value="${v('durationSeconds', item?.durationMs ? String(item.durationMs / 1000) : '')}"></label>
<label>${bi('顺序（小的先播）', 'Order (lower plays first)')}<input name="order" inputmode="numeric" value="${v('order', item ? String(item.order) : '')}"></label>
<label>${bi('开始日期', 'Start date')}<input name="startDate" type="date" value="${v('startDate', item?.schedule.startDate ?? '')}"></label>
<label>${bi('结束日期', 'End date')}<input name="endDate" type="date" value="${v('endDate', item?.schedule.endDate ?? '')}"></label>
<label>${bi('每日开始（留空为全天）', 'Daily from (blank = all day)')}<input name="windowStart" type="time" value="${v('windowStart', item?.schedule.window?.start ?? '')}"></label>
<label>${bi('每日结束（可跨午夜）', 'Daily until (may pass midnight)')}<input name="windowEnd" type="time" value="${v('windowEnd', item?.schedule.window?.end ?? '')}"></label>
</div>
<fieldset><legend>${bi('播放日', 'Weekdays')}</legend><input type="hidden" name="weekdaysShown" value="1">${boxes}</fieldset>
<label class="inline"><input type="checkbox" name="muted"${muted ? ' checked' : ''}> ${bi('静音播放', 'Play muted')}</label>`;
}

function preview(item: PlaylistItem): string {
  const src = `${playlistAdminPaths.media}/${item.sha256}`;
  return isVideo(item.mimeType) ? `<video src="${src}" preload="metadata" controls muted width="160"></video>` : `<img src="${src}" alt="" width="160">`;
}

export interface PlaylistPageModel {
  staff: string;
  items: PlaylistItem[];
  settings: PlaylistSettings;
  version: string;
  notice?: string;
  uploadProblems?: FieldProblem[];
  uploadValues?: FormFields | null;
  settingsProblems?: FieldProblem[];
}

export function playlistPage(m: PlaylistPageModel): string {
  const rows = m.items
    .map(
      (i) => `<tr>
<td class="nowrap">${i.order}</td>
<td>${preview(i)}</td>
<td><strong>${escapeHtml(i.title)}</strong><br><small lang="en">${escapeHtml(i.titleEn)}</small></td>
<td class="nowrap">${escapeHtml(i.mimeType)}<br><small>${(i.size / 1024 / 1024).toFixed(2)} MB${i.durationMs ? ` · ${i.durationMs / 1000} s` : ''}${i.muted ? ' · 静音 muted' : ''}</small></td>
<td>${scheduleSummary(i.schedule)}</td>
<td class="nowrap"><a href="${playlistAdminPaths.items}/${escapeHtml(i.id)}">${bi('编辑', 'Edit')}</a>
<form method="post" action="${playlistAdminPaths.items}/${escapeHtml(i.id)}/delete" class="inline-form"><button type="submit" class="danger">${bi('删除', 'Remove')}</button></form></td>
</tr>`,
    )
    .join('\n');
  const table =
    m.items.length === 0
      ? `<p class="empty">${bi('播放列表为空：终端将显示“点击屏幕开始”待机画面。', 'The playlist is empty: kiosks show the "touch to start" standby screen.')}</p>`
      : `<table><thead><tr><th>${bi('顺序', 'Order')}</th><th>${bi('预览', 'Preview')}</th><th>${bi('标题', 'Title')}</th><th>${bi('文件', 'File')}</th><th>${bi('时间安排', 'Schedule')}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  const s = m.settings;
  const vw = (n: number, field: 'start' | 'end' | 'level') => {
    const w = s.volume.windows[n - 1];
    if (!w) return '';
    return field === 'level' ? String(Math.round(w.level * 100)) : w[field];
  };
  return page(
    '普法播放列表 Playlist',
    m.staff,
    `${m.notice ? `<p class="notice" role="status">${m.notice}</p>` : ''}
<p class="note">${bi(`共 ${m.items.length} 项，版本 ${m.version}。终端每分钟检查一次更新。`, `${m.items.length} items, version ${m.version}. Kiosks check for changes every minute.`)}</p>
${table}
<section class="card"><h2>${bi('上传新内容', 'Upload new content')}</h2>
<p class="note">${bi('视频：MP4 (H.264) 或 WebM (VP8/VP9)，最大 200 MB；图片：PNG 或 JPG，最大 20 MB。', 'Videos: MP4 (H.264) or WebM (VP8/VP9), up to 200 MB; images: PNG or JPG, up to 20 MB.')}</p>
${problemList(m.uploadProblems ?? [])}
<form method="post" action="${playlistAdminPaths.items}" enctype="multipart/form-data">
${itemFieldsHtml(m.uploadValues ?? null, null)}
<label>${bi('文件', 'File')}<input type="file" name="file" required accept="video/mp4,video/webm,image/png,image/jpeg"></label>
<button type="submit">${bi('上传', 'Upload')}</button>
</form></section>
<section class="card"><h2>${bi('播放设置', 'Loop settings')}</h2>
<p class="note">${bi(`当前音量：${volumeSummary(s)}`, 'Volume follows the schedule below (court time, UTC+8).')}</p>
${problemList(m.settingsProblems ?? [])}
<form method="post" action="${playlistAdminPaths.settings}">
<div class="grid">
<label>${bi('无人操作多少秒后开始播放', 'Start the loop after (s untouched)')}<input name="attractAfterSeconds" inputmode="numeric" value="${s.attractAfterSeconds}"></label>
<label>${bi('正常音量（0–100）', 'Normal volume (0–100)')}<input name="volumeLevel" inputmode="numeric" value="${Math.round(s.volume.level * 100)}"></label>
${[1, 2]
  .map(
    (n) => `<label>${bi(`时段${n} 开始`, `Window ${n} from`)}<input name="volume${n}Start" type="time" value="${vw(n, 'start')}"></label>
<label>${bi(`时段${n} 结束`, `Window ${n} until`)}<input name="volume${n}End" type="time" value="${vw(n, 'end')}"></label>
<label>${bi(`时段${n} 音量（0 为静音）`, `Window ${n} volume (0 = mute)`)}<input name="volume${n}Level" inputmode="numeric" value="${vw(n, 'level')}"></label>`,
  )
  .join('\n')}
</div>
<button type="submit">${bi('保存设置', 'Save settings')}</button>
</form></section>`,
  );
}

export function itemEditPage(staff: string, item: PlaylistItem, problems: FieldProblem[], values: FormFields | null): string {
  return page(
    `编辑 ${item.title}`,
    staff,
    `<section class="card"><h2>${bi('编辑播放项', 'Edit item')}: ${escapeHtml(item.title)}</h2>
${preview(item)}
${problemList(problems)}
<form method="post" action="${playlistAdminPaths.items}/${escapeHtml(item.id)}">
${itemFieldsHtml(values, item)}
<button type="submit">${bi('保存', 'Save')}</button> <a href="${playlistAdminPaths.page}">${bi('返回', 'Back')}</a>
</form></section>`,
  );
}
