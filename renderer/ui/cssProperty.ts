import { useLayoutEffect, useRef, type RefObject } from 'react';

// The kiosk's CSP has no 'unsafe-inline' for styles, so no element may carry a `style` attribute.
// A value that varies at run time (a meter's level, a key's width) is set as a CSS custom property
// through the CSSOM instead, which the policy allows, and the stylesheet reads it with var().

/** A ref whose element gets `name: value` as a custom property whenever the value changes. */
export function useCssProperty<T extends HTMLElement>(name: `--${string}`, value: string | number): RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    ref.current?.style.setProperty(name, String(value));
  }, [name, value]);
  return ref;
}
