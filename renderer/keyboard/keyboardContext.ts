import { createContext, useContext } from 'react';
import type { FieldKind } from '../wizard/questions.js';

// Which field the on-screen keyboard is typing into. Fields ask for the keyboard through this
// context; the app renders one keyboard for whichever field is active.

export interface ActiveField {
  path: string;
  kind: FieldKind;
  /** The question, already translated, shown above the keys. */
  label: string;
  maxLength: number;
}

export interface KeyboardControl {
  active: ActiveField | null;
  open: (field: ActiveField) => void;
  close: () => void;
}

export const KeyboardContext = createContext<KeyboardControl>({ active: null, open: () => undefined, close: () => undefined });

export const useKeyboard = () => useContext(KeyboardContext);
