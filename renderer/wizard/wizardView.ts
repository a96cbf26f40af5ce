import { createContext, useContext } from 'react';
import type { WizardContext } from './wizardContext.js';
import type { WizardEvent } from './wizardMachine.js';

// What every wizard screen reads (the machine's context) and how it talks back (events only).

export interface WizardView {
  context: WizardContext;
  send: (event: WizardEvent) => void;
  answer: (path: string, value: unknown) => void;
}

export const WizardViewContext = createContext<WizardView | null>(null);

export function useWizard(): WizardView {
  const view = useContext(WizardViewContext);
  if (!view) throw new Error('useWizard outside the wizard');
  return view;
}
