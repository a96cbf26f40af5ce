import type { IdCard } from '../../../shared/counter/idCard.js';
import type { IdCardReader } from './idCardReader.js';

// A reader for development and tests: each read yields the next of a few fixed sample cards, in
// order, round and round. Their ID numbers carry valid GB 11643 check digits and agree with the
// birth dates and sexes on the cards; one name has the middle dot of a transliterated name.

/** A grey silhouette, 51×63 PNG: what a card photo looks like to the form, without a real face. */
const PORTRAIT =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADMAAAA/CAIAAADCAWcGAAAAvUlEQVR42u3YWwrCQBBE0Vpnvt14vt2EgiBizDgP010ZL9QCDjTMdLXW9eoZIUOGDBmyTZblYiS7a/aSKSuwxnE6yDTum0vWxOrGKYDVh5tF1s3qwCFDZiYbZLXimCYyZPzof7ufsW3P153c+6Z1R+ficnaZ70tLR6ehHNVQfsJqwimYVY9TPKsSpxRWDU5ZrK84JbLKuLPJwlgFnNJZezg5sD7iZMLa4uTDesPJivWKkxvriZMh6xFkyCJyA2ldeYzqO17VAAAAAElFTkSuQmCC';

export const sampleIdCards: readonly IdCard[] = [
  {
    name: '阿卜杜拉·艾买提',
    sex: 'male',
    ethnicity: '05',
    birthDate: '1975-04-18',
    address: '甘肃省兰州市七里河区西园街道建西东路12号3单元402室',
    idNumber: '620103197504180036',
    photoDataUrl: PORTRAIT,
  },
  {
    name: '马秀兰',
    sex: 'female',
    ethnicity: '03',
    birthDate: '1952-11-03',
    address: '甘肃省兰州市七里河区阿干镇阿干村二社45号',
    idNumber: '620103195211030027',
    photoDataUrl: PORTRAIT,
  },
  {
    name: '张建国',
    sex: 'male',
    ethnicity: '01',
    birthDate: '1968-07-21',
    address: '甘肃省兰州市七里河区敦煌路街道西津西路88号',
    idNumber: '620103196807210058',
    photoDataUrl: PORTRAIT,
  },
];

export class SimulatedIdCardReader implements IdCardReader {
  readonly name = 'simulated';
  private next = 0;

  constructor(private readonly cards: readonly IdCard[] = sampleIdCards) {}

  read(): Promise<IdCard | null> {
    const card = this.cards[this.next % this.cards.length] ?? null;
    this.next += 1;
    return Promise.resolve(card);
  }
}
