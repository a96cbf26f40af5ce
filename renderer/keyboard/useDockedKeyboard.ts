import { useCallback, useMemo, useState } from 'react';
import type { ActiveField, KeyboardControl } from './keyboardContext.js';

/**
 * The keyboard docked under the app's screens. It belongs to the screen it was opened on: a new
 * screen (or a new resident, by `generation`) starts without it.
 */
export function useDockedKeyboard(screen: string, generation: number): KeyboardControl {
  const [typing, setTyping] = useState<{ screen: string; generation: number; field: ActiveField } | null>(null);
  const active = typing && typing.screen === screen && typing.generation === generation ? typing.field : null;
  const open = useCallback((field: ActiveField) => setTyping({ screen, generation, field }), [screen, generation]);
  const close = useCallback(() => setTyping(null), []);
  return useMemo(() => ({ active, open, close }), [active, open, close]);
}
