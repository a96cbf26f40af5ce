import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TextSelection } from './keyEditing.js';

// The caret of the answer being typed, kept in the field itself: a tap into the answer (or a long
// press that selects a word) places it as in any text box, the keyboard's arrows move it, and an
// edit puts it back after the text it changed once React has written the new value (which would
// otherwise send it to the end).

export interface FieldCaret {
  /** Where the caret is shown above the keys (UTF-16 offset). */
  caret: number;
  /** The selection now, from the field; the end of the text when the field is not focused. */
  current(): TextSelection;
  /** Puts the caret at `at`, now and again once a changed value is on screen. */
  place(at: number): void;
}

export function useFieldCaret(path: string, value: string, enabled: boolean): FieldCaret {
  const element = useCallback(() => document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-path="${CSS.escape(path)}"]`), [path]);
  const [caret, setCaret] = useState(value.length);
  const pending = useRef<number | null>(null);
  const focused = useCallback(() => {
    const el = element();
    return el && document.activeElement === el ? el : null;
  }, [element]);

  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      const el = focused();
      if (el) setCaret(el.selectionStart ?? el.value.length);
    };
    follow();
    document.addEventListener('selectionchange', follow);
    return () => document.removeEventListener('selectionchange', follow);
  }, [enabled, focused]);

  // After each value React wrote (`value` is what changed; the effect reads the field).
  useLayoutEffect(() => {
    const at = pending.current;
    pending.current = null;
    if (at !== null) focused()?.setSelectionRange(at, at);
  }, [value, focused]);

  return {
    caret: enabled ? Math.min(caret, value.length) : value.length,
    current() {
      const el = enabled ? focused() : null;
      if (!el) return { start: value.length, end: value.length };
      return { start: el.selectionStart ?? value.length, end: el.selectionEnd ?? value.length };
    },
    place(at) {
      pending.current = at;
      focused()?.setSelectionRange(at, at);
      setCaret(at);
    },
  };
}
