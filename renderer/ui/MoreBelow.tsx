import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { scrollMotion } from './motion.js';
import './moreBelow.css';

// A resident who has never used a touchscreen does not know that a screen scrolls: what lies
// below the fold (the rest of a form, the last dispute types, the short path's choice on a
// 1280×800 display) is simply not there for them. While a scrolling area hides something
// below, a band under it with a big button says so and, tapped, brings it into view. The band
// takes its own room (floating over the area, it hid the very tiles it pointed to).

/** Pixels hidden below that still count as "nothing more" (a margin, a card's shadow). */
const SLACK_PX = 24;

/** Whether something is hidden below now, and whether anything ever was (the band's row stays then). */
function useHiddenBelow(area: RefObject<HTMLElement | null>): { hidden: boolean; shown: boolean } {
  const [state, setState] = useState({ hidden: false, shown: false });
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const measure = () => {
      const hidden = el.scrollHeight - el.scrollTop - el.clientHeight > SLACK_PX;
      setState((s) => (s.hidden === hidden && (s.shown || !hidden) ? s : { hidden, shown: s.shown || hidden }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    // The area's content changes size (a message appears, the keyboard docks, the language changes).
    const resized = new ResizeObserver(measure);
    resized.observe(el);
    for (const child of Array.from(el.children)) resized.observe(child);
    return () => {
      el.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, [area]);
  return state;
}

/**
 * Controls a press on the band may move focus to. A text field is not one: focusing it docks the
 * on-screen keyboard, which the resident did not ask for.
 */
const FOCUSABLE = 'button:not([disabled]), a[href], select, [tabindex]:not([tabindex="-1"])';

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/**
 * Scrolls `el` on by most of its height and moves focus to what that reveals: the first control
 * that lay (partly) below the fold and is wholly in view after; where none did (a receipt's next
 * steps, a notice's text), the heading of what is read then, the last heading above the new view's
 * bottom (the step's own title at least), which a screen reader names; the area only if it holds no
 * heading. Focus left on the band's button was lost when the band went (nothing more below), and a
 * keyboard or screen-reader user was back at the top; on the bare scrolling area it was announced
 * as nothing. Motion only if the resident's system allows it (./motion.ts).
 */
function revealMore(el: HTMLElement): void {
  const area = el.getBoundingClientRect();
  const step = Math.round(el.clientHeight * 0.7);
  const revealed = Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE)).find((c) => {
    const box = c.getBoundingClientRect();
    return box.bottom > area.bottom && box.bottom <= area.bottom + step && box.width > 0;
  });
  // a heading not rendered (display: none, a closed section) has a box at 0,0 that is "above" anything
  const heading = revealed
    ? undefined
    : Array.from(el.querySelectorAll<HTMLElement>(HEADINGS))
        .filter((h) => h.getClientRects().length > 0)
        .findLast((h) => h.getBoundingClientRect().top < area.bottom + step);
  el.scrollBy({ top: step, behavior: scrollMotion() });
  const target = revealed ?? heading ?? el;
  if (target !== revealed && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

/**
 * Place right under the scrolling area `area` (a flex column's next item): there while something is
 * hidden below. Once it has shown, its row stays (empty, hidden from touch and screen readers) when
 * the end is reached: a row that went would grow the area under the resident's finger, and the
 * content jumped by its height between a tap's touch and its click (the tap landed on what was
 * above). Give each screen its own (`key`), so a screen that fits never keeps the row.
 */
export function MoreBelow({ area }: { area: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const { hidden, shown } = useHiddenBelow(area);
  if (!hidden && !shown) return null;
  if (!hidden) {
    return (
      <div className="more-below-band is-spent" aria-hidden="true" inert>
        <span className="button button-secondary more-below">{t('scrolling.moreBelow')}</span>
      </div>
    );
  }
  return (
    <div className="more-below-band">
      <button
        type="button"
        className="button button-secondary more-below"
        data-testid="more-below"
        onClick={() => {
          if (area.current) revealMore(area.current);
        }}
      >
        <span aria-hidden="true">▼ </span>
        {t('scrolling.moreBelow')}
      </button>
    </div>
  );
}
