// After a refused "next" (or "check"), the first thing to fix is brought into view: a resident
// who only touches never scrolls by accident, and an error below the fold (elderly English on a
// 1280×800 panel) is otherwise simply not there for them. A typed field comes into view whole,
// its label, its answer and the message under it; one taller than the area is centred, and its
// message then brought into view after. A choice's group can be taller than the screen: its first
// button comes into view then. Only a choice button takes focus: focusing a text field docks the
// on-screen keyboard over the message.

/** The answers marked wrong (a field's input or a choice's buttons), then the messages alone. */
const INVALID = '.has-error [data-path], .has-error [aria-invalid="true"]';
const MESSAGES = '.form-error, .field-error';

/** Scrolls the first problem within `screen` (the whole screen: some answers stand in the action bar) into view. */
export function showFirstProblem(screen: HTMLElement): void {
  const invalid = screen.querySelector<HTMLElement>(INVALID);
  const choice = invalid?.tagName === 'BUTTON';
  const target = invalid ? (choice ? invalid : (invalid.closest<HTMLElement>('.has-error') ?? invalid)) : screen.querySelector<HTMLElement>(MESSAGES);
  target?.scrollIntoView({ block: 'center' });
  // a field taller than the area, centred, can leave its message below the fold
  if (invalid && !choice) target?.querySelector<HTMLElement>('.field-error')?.scrollIntoView({ block: 'nearest' });
  if (choice) invalid.focus({ preventScroll: true });
}
