import { useCallback, useMemo, useState } from 'react';
import type { ActiveField, KeyboardControl } from './keyboardContext.js';
import { ResidentPicks } from './residentPicks.js';

/**
 * The keyboard docked under the app's screens. It belongs to the screen it was opened on: a new
 * screen (or a new resident, by `generation`) starts without it; a new resident also starts with
 * no pinyin picks (the previous resident's are dropped with their generation, and cleared by the wipe).
 */
export function useDockedKeyboard(screen: string, generation: number): KeyboardControl & { picks: ResidentPicks } {
  const [typing, setTyping] = useState<{ screen: string; generation: number; field: ActiveField } | null>(null);
  const active = typing && typing.screen === screen && typing.generation === generation ? typing.field : null;
  const open = useCallback((field: ActiveField) => setTyping({ screen, generation, field }), [screen, generation]);
  const close = useCallback(() => setTyping(null), []);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one memory per visit: a new generation is a new resident
  const picks = useMemo(() => new ResidentPicks(), [generation]);
  return useMemo(() => ({ active, open, close, picks }), [active, open, close, picks]);
}
