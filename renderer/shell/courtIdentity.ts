import type { Language } from '../../shared/intake.js';

// Whose terminal this is: the court's name and its emblem, shown in the top bar and on the home
// screen. Each installation sets them in court/court.json beside the renderer (and puts its own
// image at the path named there); a missing or unreadable file leaves the neutral defaults.

export interface CourtIdentity {
  /** A language without a configured name shows the translated default ("People's Court"). */
  name: Partial<Record<Language, string>>;
  /** Relative to the renderer, so it loads from file:// in Electron and over loopback HTTP alike. */
  emblem: string;
}

export const COURT_IDENTITY_PATH = 'court/court.json';

export const defaultCourtIdentity: CourtIdentity = {
  name: {},
  emblem: 'court/emblem.svg',
};

const MAX_NAME = 40;

/** The configured identity, each part checked; anything odd falls back to the default part. */
export function readCourtIdentity(raw: unknown): CourtIdentity {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as { name?: unknown; emblem?: unknown };
  const names = (typeof given.name === 'object' && given.name !== null ? given.name : {}) as Record<string, unknown>;
  const name: CourtIdentity['name'] = {};
  for (const language of ['zh-CN', 'en'] as const) {
    const value = names[language];
    if (typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME) name[language] = value.trim();
  }
  // Only a relative path inside the renderer: the page's CSP would refuse anything else anyway.
  const emblem = typeof given.emblem === 'string' && /^[\w-]+(\/[\w-]+)*\.(svg|png|jpg|webp)$/.test(given.emblem) ? given.emblem : defaultCourtIdentity.emblem;
  return { name, emblem };
}

export async function loadCourtIdentity(fetchJson: (path: string) => Promise<unknown> = (path) => fetch(path).then((r) => (r.ok ? r.json() : null))): Promise<CourtIdentity> {
  try {
    return readCourtIdentity(await fetchJson(COURT_IDENTITY_PATH));
  } catch {
    return defaultCourtIdentity;
  }
}
