import { useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react';
import { MoreBelow } from './MoreBelow.js';

// The one way a resident's screen scrolls: the area, and under it the "more below" band
// (./MoreBelow.tsx) while something lies below the fold. A resident who has never used a
// touchscreen does not know that a screen scrolls: every screen that can (a form, a receipt, the
// call's cards, an agreement) says so the same way. The area takes focus, so a keyboard or switch
// device (staff helping) can scroll it too (axe scrollable-region-focusable). Place it in a flex
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
  return (
    <>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
      <div {...attributes} ref={area} tabIndex={0} data-testid={testId}>
        {children}
      </div>
      <MoreBelow key={screenKey} area={area} />
    </>
  );
}
