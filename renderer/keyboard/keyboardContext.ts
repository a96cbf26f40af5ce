import { createContext, useContext } from 'react';
import type { FieldKind } from '../wizard/questions.js';
import type { ResidentPicks } from './residentPicks.js';

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
  /** This resident's pinyin picks (free text only), offered first; a new visit has none. Absent: a form of names and numbers. */
  picks?: ResidentPicks;
}

export const KeyboardContext = createContext<KeyboardControl>({ active: null, open: () => undefined, close: () => undefined });

export const useKeyboard = () => useContext(KeyboardContext);
