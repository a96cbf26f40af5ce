// The hub's colours, defined once as CSS custom properties: every stylesheet the hub serves
// (staff pages, an application, the playlist admin, the public status page) and the mediator
// desk (bundled by vite.console.config.ts as `virtual:hub-palette.css`) use these and no literal.
// Every place that serves it serves ./hubType.ts with it (the one rule of type all hub pages need).
// Staff pages: the court's red accent on calm greys. The status page residents open on their
// phones: a calm blue. Text on every background keeps at least 4.5:1 contrast.

export const paletteCss = `
:root {
  color-scheme: light;
  --ink: #1a1a1a;
  --muted: #555;
  --line: #d0d4da;
  --field-border: #8a9099;
  --page: #f6f7f9;
  --surface: #fff;
  --surface-alt: #fafbfc;
  --head: #eef0f3;
  --accent: #a31515;
  --accent-strong: #8e1010;
  --accent-soft: #fde8e8;
  --on-accent: #fff;
  --focus: #1a5fb4;
  --ok: #1c6b3a;
  --ok-soft: #e8f4ea;
  --warn: #8a4b00;
  --warn-soft: #fff4e0;
  --video: #1b2430;
  --stage: #0d1218;
  --media-backdrop: #000;
  --print-ink: #000;
  --print-muted: #333;
  --public-ink: #141a22;
  --public-muted: #414a56;
  --public-line: #d3d9e1;
  --public-field-border: #68717d;
  --public-page: #f3f5f8;
  --public-accent: #0b4a8b;
  --public-accent-soft: #e3ecf6;
  --danger: #a3161a;
  --danger-soft: #fcebea;
}
`;
