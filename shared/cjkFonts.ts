// Fonts with Chinese glyphs that PDFs drawn offline embed (a subset of), found on the machine:
// Debian's fonts-noto-cjk and fonts-wqy-*, Windows' own. One list for the kiosk's receipt and the
// hub's court documents; each takes the first present in its order of preference, unless a path is
// configured. No I/O here: whoever asks says how to tell whether a file exists.

/** A font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface CjkFont {
  path: string;
  face?: string;
}

export const cjkFonts = {
  notoSans: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  notoSerif: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  wqyMicroHei: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  wqyZenHei: { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  droidFallback: { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  yaHei: { path: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' },
  simHei: { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
} as const satisfies Record<string, CjkFont>;

/** The configured font if it exists (none if it does not: a wrong setting is not silently replaced); else the first candidate present. */
export function pickCjkFont(candidates: readonly CjkFont[], configured: { path?: string | undefined; face?: string | undefined }, exists: (path: string) => boolean): CjkFont | null {
  if (configured.path) return exists(configured.path) ? { path: configured.path, ...(configured.face ? { face: configured.face } : {}) } : null;
  return candidates.find((c) => exists(c.path)) ?? null;
}
