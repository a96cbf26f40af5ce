import { createContext, useContext } from 'react';
import type { Step } from './stepNavigation.js';
import type { WizardContext } from './wizardContext.js';
import type { WizardEvent } from './wizardMachine.js';

// What every wizard screen reads (the machine's context) and how it talks back (events only).

export interface WizardView {
  context: WizardContext;
  send: (event: WizardEvent) => void;
  answer: (path: string, value: unknown) => void;
  /** "Talk to a person now": a mediator by video (the draft kept, the call returns to `from`), or staff when calls are off. */
  talkToPerson: (from: Step) => void;
}

export const WizardViewContext = createContext<WizardView | null>(null);

export function useWizard(): WizardView {
  const view = useContext(WizardViewContext);
  if (!view) throw new Error('useWizard outside the wizard');
  return view;
}
