// What a keyboard's Tab (or a switch device, staff helping) can reach: a control that matches and
// is rendered. A control under `display: none` (a closed section, a form's other mode), hidden by
// `visibility`, or inside an inert part of the screen takes no focus, though it matches: counted,
// it took the scrolling area's own Tab stop away while the area held nothing else to reach.

/** Controls that take focus when rendered. */
export const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The part of a DOM element this rule reads (so the rule is tested without a browser). */
export interface Rendered {
  checkVisibility(options?: { visibilityProperty?: boolean }): boolean;
  closest(selector: string): unknown;
}

/** Whether `el` (matching FOCUSABLE) can take focus now. */
export function takesFocus(el: Rendered): boolean {
  return el.checkVisibility({ visibilityProperty: true }) && el.closest('[inert]') === null;
}

/** Whether anything inside `root` can take focus now. */
export function holdsFocusable(root: { querySelectorAll(selector: string): Iterable<Rendered> }): boolean {
  for (const el of root.querySelectorAll(FOCUSABLE)) if (takesFocus(el)) return true;
  return false;
}
