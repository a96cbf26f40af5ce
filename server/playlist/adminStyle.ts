import type { ItemSchedule, PlaylistSettings } from '../../shared/playlist.js';
import { escapeHtml } from '../web/html.js';

// Small shared bits of the playlist admin pages: their extra stylesheet and readable,
// bilingual summaries of schedules.

export const PLAYLIST_CSS_PATH = '/console/playlist/playlist.css';

/** The console's policy plus media-src for previews of the court's own files. */
export const PLAYLIST_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const dayZh = ['', '一', '二', '三', '四', '五', '六', '日'];
const dayEn = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function scheduleSummary(s: ItemSchedule): string {
  const days =
    s.weekdays.length === 7
      ? ['每天', 'every day']
      : [
          `周${[...s.weekdays]
            .sort()
            .map((d) => dayZh[d])
            .join('、')}`,
          [...s.weekdays]
            .sort()
            .map((d) => dayEn[d])
            .join(', '),
        ];
  const hours = s.window ? [`${s.window.start}–${s.window.end}`, `${s.window.start}–${s.window.end}`] : ['全天', 'all day'];
  const dates = s.startDate || s.endDate ? [`${s.startDate ?? '…'} 至 ${s.endDate ?? '…'}`, `${s.startDate ?? '…'} to ${s.endDate ?? '…'}`] : ['长期', 'no end'];
  return `${escapeHtml(`${dates[0]}，${days[0]}，${hours[0]}`)}<br><small lang="en">${escapeHtml(`${dates[1]}; ${days[1]}; ${hours[1]}`)}</small>`;
}

export function volumeSummary(s: PlaylistSettings): string {
  const windows = s.volume.windows.map((w) => `${w.start}–${w.end} ${Math.round(w.level * 100)}%`).join('，');
  return `${Math.round(s.volume.level * 100)}%${windows ? `；${windows}` : ''}`;
}

export const playlistCss = `
header nav { display: flex; gap: 1rem; }
header nav a { color: var(--on-accent); }
.card { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; max-width: 70rem; }
.card h2 { margin-top: 0; font-size: 1.2rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin-top: 1rem; }
label.day, label.inline { display: inline-flex; align-items: center; gap: .35rem; margin-right: 1rem; font-weight: normal; }
label.day input, label.inline input { width: auto; }
.inline-form { display: inline; }
.inline-form button { margin: 0 0 0 .5rem; padding: .3rem .7rem; }
button.danger { background: var(--surface); color: var(--accent); border: 1px solid var(--accent); }
button.danger .en { color: var(--accent); }
.notice { background: var(--ok-soft); border: 1px solid var(--ok); padding: .5rem .75rem; border-radius: 4px; }
.alert ul { margin: 0; padding-left: 1.2rem; }
td video, td img { display: block; max-width: 160px; background: var(--media-backdrop); }
.filters { display: flex; gap: 1rem; align-items: end; }
.filters label { margin-top: 0; }
.filters button { margin-top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;
