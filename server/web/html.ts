// Server-rendered HTML of the hub (console, playlist admin, the public status page). Every value
// that came from a kiosk or a person goes through `escapeHtml`; pages load no script at all.

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A label in Chinese with its English beside it, both escaped: the hub's pages speak Chinese first. */
export function bi(zh: string, en: string): string {
  return `${escapeHtml(zh)} <span class="en" lang="en">${escapeHtml(en)}</span>`;
}
