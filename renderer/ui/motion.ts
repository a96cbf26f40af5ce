// The kiosk's one rule for motion it makes itself (a scroll a button asks for): smooth, unless the
// resident's system asks for none (prefers-reduced-motion), as the stylesheets' own motion does
// (renderer/styles/global.css). Read at the moment of the scroll: the setting can change while the
// page lives.

export function scrollMotion(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth';
}
