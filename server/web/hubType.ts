// The rules of type every hub page shares (staff pages, the status page, the mediator desk, the
// join page and the dashboard), served joined onto the palette (./palette.ts) wherever that is:
// ./staffStyle.ts, ../caseStatus/statusPage.ts and `virtual:hub-palette.css` (./palettePlugin.ts).

export const hubTypeCss = `
/* The CJK font first in every stack draws quotes and apostrophes full-width; English text wants
   the proportional forms ("party’s"), as the kiosk's does (renderer/styles/global.css). */
:lang(en) {
  font-variant-east-asian: proportional-width;
}
`;
