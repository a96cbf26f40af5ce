import type { ItemSchedule, PlaylistSettings } from '../../shared/playlist.js';
import type { Speaker } from '../console/consoleWords.js';
import { escapeHtml } from '../web/html.js';
import { playlistWords as W, weekdayWords } from './playlistWords.js';

// Small shared bits of the playlist admin pages: their extra stylesheet and readable summaries
// of schedules and volume, in the console's language.

export const PLAYLIST_CSS_PATH = '/console/playlist/playlist.css';

/** The console's policy plus media-src for previews of the court's own files. */
export const PLAYLIST_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function scheduleSummary(s: Speaker, schedule: ItemSchedule): string {
  const days =
    schedule.weekdays.length === 7
      ? s.text(W.everyDay)
      : [...schedule.weekdays]
          .sort()
          .map((d) => weekdayWords[d - 1]?.[s.lang] ?? '')
          .join(s.lang === 'zh' ? '、' : ', ');
  const hours = schedule.window ? `${schedule.window.start}–${schedule.window.end}` : s.text(W.allDay);
  const dates = schedule.startDate || schedule.endDate ? s.text(W.dateRange, { from: schedule.startDate ?? '…', to: schedule.endDate ?? '…' }) : s.text(W.noEnd);
  return escapeHtml([dates, days, hours].join(s.text(W.scheduleJoin)));
}

export function volumeSummary(s: Speaker, settings: PlaylistSettings): string {
  const windows = settings.volume.windows.map((w) => `${w.start}–${w.end} ${Math.round(w.level * 100)}%`).join(s.lang === 'zh' ? '，' : ', ');
  return `${Math.round(settings.volume.level * 100)}%${windows ? `${s.text(W.scheduleJoin)}${windows}` : ''}`;
}

export const playlistCss = `
.card { background: var(--surface); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; max-width: 70rem; }
.card h2 { margin-top: 0; font-size: 1.2rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin-top: 1rem; }
label.day, label.inline { display: inline-flex; align-items: center; gap: .35rem; margin-right: 1rem; font-weight: normal; }
label.day input, label.inline input { width: auto; }
.inline-form { display: inline; }
.inline-form button { margin: 0 0 0 .5rem; padding: .3rem .7rem; }
button.danger { background: var(--surface); color: var(--accent); border: 1px solid var(--accent); }
.notice { background: var(--ok-soft); border: 1px solid var(--ok); padding: .5rem .75rem; border-radius: 4px; }
.alert ul { margin: 0; padding-left: 1.2rem; }
td video, td img { display: block; max-width: 160px; background: var(--media-backdrop); }
.filters { display: flex; gap: 1rem; align-items: end; }
.filters label { margin-top: 0; }
.filters button { margin-top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;
