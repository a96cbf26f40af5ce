import type { IdCardReader } from './idCardReader.js';
import { SimulatedIdCardReader } from './simulatedIdCardReader.js';

// Which ID card reader the counter uses, by the name in KIOSK_ID_CARD_READER. A real reader adds
// its name here (and its driver module beside this file); unknown names mean no reader, so the
// form is typed by hand rather than the kiosk failing to start.

export const idCardReaderNames = ['simulated'] as const;

export function idCardReaderFor(name: string | undefined): IdCardReader | null {
  switch (name) {
    case 'simulated':
      return new SimulatedIdCardReader();
    default:
      return null;
  }
}
