import { describe, expect, it } from 'vitest';
import { MediaInterruptions } from '../../server/signalling/mediaInterruptions.js';

// The hub's marks over the pages' reports, with a hearing's floor: a party whose microphone the hub
// paused (and who shows no video) sends nothing by rule, and must not be written up as interrupted.

describe('media interruptions in a quiet hearing', () => {
  it('marks a party every other page sees stalled, unless the hub silenced it; a page seeing only silenced parties is not blind', () => {
    const room = () => {
      const m = new MediaInterruptions();
      m.report('judge', [
        { peerId: 'applicant', media: 'stalled' },
        { peerId: 'respondent', media: 'ok' },
      ]);
      m.report('respondent', [
        { peerId: 'applicant', media: 'stalled' },
        { peerId: 'judge', media: 'ok' },
      ]);
      m.report('applicant', [
        { peerId: 'judge', media: 'ok' },
        { peerId: 'respondent', media: 'ok' },
      ]);
      return m;
    };
    const present = ['judge', 'applicant', 'respondent'];
    const plain = room();
    expect(plain.settle(present)).toEqual(['applicant']);
    expect(plain.has('applicant')).toBe(true);

    const quiet = room();
    expect(quiet.settle(present, (peerId) => peerId === 'applicant')).toEqual([]);
    expect(quiet.has('applicant')).toBe(false);
    // the floor given back: the same reports mark it again
    expect(quiet.settle(present)).toEqual(['applicant']);

    // a room of two: the judge's page sees only the silenced applicant — neither is marked
    const two = new MediaInterruptions();
    two.report('judge', [{ peerId: 'applicant', media: 'stalled' }]);
    two.report('applicant', [{ peerId: 'judge', media: 'ok' }]);
    expect(two.settle(['judge', 'applicant'], (peerId) => peerId === 'applicant')).toEqual([]);
    // (unsilenced, two pages cannot tell which end failed: the rule marks the page that receives nobody)
    expect(two.settle(['judge', 'applicant'])).toEqual(['judge']);
  });
});
