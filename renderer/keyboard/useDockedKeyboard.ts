import { useCallback, useMemo, useRef, useState } from 'react';
import type { ActiveField, KeyboardControl } from './keyboardContext.js';

/**
 * The keyboard docked under the app's screens. It belongs to the screen it was opened on: a new
 * screen (or a new resident, by `generation`) starts without it.
 */
export function useDockedKeyboard(screen: string, generation: number): KeyboardControl {
  const [typing, setTyping] = useState<{ screen: string; generation: number; field: ActiveField } | null>(null);
  const active = typing && typing.screen === screen && typing.generation === generation ? typing.field : null;
  const here = useRef({ screen, generation });
  here.current = { screen, generation };
  const open = useCallback((field: ActiveField) => setTyping({ ...here.current, field }), []);
  const close = useCallback(() => setTyping(null), []);
  return useMemo(() => ({ active, open, close }), [active, open, close]);
}
