import { hubTypeCss } from './hubType.js';
import { paletteCss } from './palette.js';

// The look of the staff pages (console, an application, the playlist admin, error pages): the
// base sheet each of them loads first, so it brings the hub's palette and its type rules.

export const STAFF_CSS_PATH = '/console/console.css';

export const staffCss = `${paletteCss}${hubTypeCss}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--ink); background: var(--page); }
header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: .75rem 1.5rem; background: var(--accent); color: var(--on-accent); }
header h1 { margin: 0; font-size: 1.35rem; }
header small, header .en { color: var(--accent-soft); }
main { padding: 1rem 1.5rem 2rem; }
.en { color: var(--muted); font-size: .85em; font-weight: normal; }
.note { color: var(--muted); margin: .25rem 0 .75rem; }
.empty { font-size: 1.2rem; padding: 2rem 0; }
table { width: 100%; border-collapse: collapse; background: var(--surface); }
th, td { text-align: left; vertical-align: top; padding: .5rem .6rem; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--head); }
tbody tr:nth-child(even) { background: var(--surface-alt); }
td small { color: var(--muted); }
.nowrap { white-space: nowrap; }
.description { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 40rem; }
.attachments { margin: .25rem 0 0; padding-left: 1.1rem; }
.login { max-width: 26rem; margin: 4rem auto; background: var(--surface); padding: 2rem; border: 1px solid var(--line); border-radius: 8px; }
.login h1 { margin-top: 0; font-size: 1.5rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; font: inherit; padding: .6rem; border: 1px solid var(--field-border); border-radius: 4px; }
button { font: inherit; margin-top: 1.25rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: var(--accent); color: var(--on-accent); cursor: pointer; }
button .en { color: var(--accent-soft); }
button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
header button { margin: 0 0 0 .75rem; background: var(--surface); color: var(--accent); }
header button .en { color: var(--accent); }
.logout { display: flex; align-items: center; }
.alert { background: var(--accent-soft); border: 1px solid var(--accent); padding: .5rem .75rem; border-radius: 4px; }
`;
