// The look of the console's work pages (work lists, a case, administration), loaded after the
// staff base sheet (server/web/staffStyle.ts); colours from the hub's palette only.

export const CONSOLE_CSS_PATH = '/console/workbench.css';

export const consoleCss = `
/* the menu has a line of its own under the title and who is signed in: beside them an admin's menu wrapped at 1280 wide (in English and Chinese alike) */
header { flex-wrap: wrap; row-gap: .4rem; }
header nav { order: 3; flex: 1 0 100%; display: flex; gap: .25rem 1.25rem; align-items: center; flex-wrap: wrap; }
header nav a { color: var(--on-accent); font-weight: 600; }
header nav a[aria-current="page"] { text-decoration: underline 3px; }
header .who { display: flex; gap: .5rem; align-items: center; }
header form { margin: 0; }
/* on a 1280-wide laptop in English the title and the buttons broke inside a word ("中/文", "Sign/out"); a menu entry neither */
header h1, header button, header nav a { white-space: nowrap; }
a { color: var(--focus); }
a:focus-visible, summary:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.search { display: flex; gap: .5rem; align-items: end; margin-bottom: 1rem; flex-wrap: wrap; }
.search label { margin: 0; }
.search input { width: 24rem; max-width: 100%; }
.search button { margin: 0; }
.tabs { display: flex; gap: 1rem; margin: 0 0 .75rem; padding: 0; list-style: none; }
.tabs a[aria-current] { font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--accent); color: var(--ink); }
.due { white-space: nowrap; }
.overdue { color: var(--danger); font-weight: 700; }
tr.overdue-row { background: var(--danger-soft) !important; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; background: var(--surface); padding: .75rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.facts ul { margin: 0; padding-left: 1.1rem; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.5rem; align-items: start; }
@media (max-width: 60rem) { .columns { grid-template-columns: 1fr; } }
.timeline { list-style: none; margin: 0; padding: 0; border-left: 3px solid var(--line); }
.timeline li { margin: 0 0 .75rem; padding: .25rem 0 .25rem 1rem; }
.timeline .what { font-weight: 700; }
.timeline .meta { color: var(--muted); font-size: .9rem; }
.free-text { white-space: pre-wrap; overflow-wrap: anywhere; }
details.action { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .5rem; }
details.action summary { cursor: pointer; padding: .6rem .8rem; font-weight: 700; }
details.action form { padding: 0 .8rem .8rem; }
details.action[open] summary { border-bottom: 1px solid var(--line); }
button.secondary { background: var(--surface); color: var(--accent); border: 2px solid var(--accent); padding: .4rem 1rem; }
/* a form's second button on its own line (the divert form's "list this organisation's mediators"); elsewhere, beside its neighbour */
details.action button.secondary { display: block; margin-top: .5rem; }
select, textarea { width: 100%; font: inherit; padding: .5rem; border: 1px solid var(--field-border); border-radius: 4px; background: var(--surface); color: var(--ink); }
textarea { min-height: 4rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin-top: 1rem; }
fieldset label { display: flex; gap: .5rem; align-items: center; font-weight: normal; margin-top: .25rem; }
fieldset input { width: auto; }
.alert.ok { background: var(--ok-soft); border-color: var(--ok); }
.alert.problem { background: var(--danger-soft); border-color: var(--danger); }
.secret { font: 1.2rem/1.4 monospace; background: var(--warn-soft); padding: .25rem .5rem; }
.inline { display: inline; }
.inline button { margin: 0 .25rem 0 0; padding: .3rem .7rem; }
.admin-forms { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.health { font-weight: 700; white-space: nowrap; }
.health.red { color: var(--danger); }
.health.amber { color: var(--warn); }
.health.green { color: var(--ok); }
.health.grey { color: var(--muted); }
.health-summary { display: flex; gap: 1.5rem; list-style: none; padding: 0; margin: .5rem 0 1rem; }
ul.plain { list-style: none; margin: 0; padding: 0; }
td.number { text-align: right; }
.admin-forms form { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 1rem; }
`;
