import { useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react';
import { holdsFocusable } from './focusable.js';
import { MoreBelow } from './MoreBelow.js';

// The one way a resident's screen scrolls: the area, and under it the "more below" band
// (./MoreBelow.tsx) while something lies below the fold. A resident who has never used a
// touchscreen does not know that a screen scrolls: every screen that can (a form, a receipt, the
// call's cards, an agreement) says so the same way. An area with nothing inside that takes focus
// (a receipt, a notice's text) takes it itself, so a keyboard or switch device (staff helping) can
// scroll it too (axe scrollable-region-focusable); one that holds controls is scrolled by tabbing
// to them, and as a Tab stop of its own it was an unnamed extra stop before them. Place it in a flex
// column (the screen), before the action bar: the band takes its own row there. Another screen in
// the same area starts at its top: check-my-case's answer kept the form's scroll, and opened with
// its title and the case's stage cut off above (issue 15's walk, 1280×800 elderly English).

interface ScrollAreaProps extends Omit<HTMLAttributes<HTMLDivElement>, 'tabIndex' | 'children'> {
  /** The area, where the screen reads it too (to bring a problem into view). */
  areaRef?: RefObject<HTMLDivElement | null>;
  /** Changes when another screen is shown in the same area (a step, a form's mode): a screen that fits never keeps the band's row. */
  screenKey?: string;
  testId?: string;
  children: ReactNode;
}

export function ScrollArea({ areaRef, screenKey, testId, children, ...attributes }: ScrollAreaProps) {
  const own = useRef<HTMLDivElement>(null);
  const area = areaRef ?? own;
  const shownKey = useRef(screenKey);
  // Before paint, and before the screen's own effects (a field the resident asked for is scrolled to after).
  useLayoutEffect(() => {
    if (shownKey.current === screenKey) return;
    shownKey.current = screenKey;
    area.current?.scrollTo({ top: 0 });
  }, [screenKey, area]);
  // A Tab stop only while nothing inside can take focus (./focusable.ts: a hidden control cannot);
  // -1 otherwise (the band may still move focus to the bare area). Followed as the content changes:
  // a form's controls come and go, or are shown and hidden by a class or style.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    const follow = () => {
      const stop = holdsFocusable(el) ? '-1' : '0';
      if (el.getAttribute('tabindex') !== stop) el.setAttribute('tabindex', stop);
    };
    follow();
    const changes = new MutationObserver(follow);
    changes.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'tabindex', 'href', 'hidden', 'class', 'style', 'inert'] });
    return () => changes.disconnect();
  }, [area]);
  return (
    <>
      <div {...attributes} ref={area} data-testid={testId}>
        {children}
      </div>
      <MoreBelow key={screenKey} area={area} />
    </>
  );
}
