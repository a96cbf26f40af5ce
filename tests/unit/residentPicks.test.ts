import { describe, expect, it } from 'vitest';
import { learnsPicks, ResidentPicks } from '../../renderer/keyboard/residentPicks.js';
import { personContact, personIdentity, respondentFields } from '../../renderer/wizard/questions.js';

describe("the resident's pinyin picks", () => {
  it('are kept latest first, each once, and cleared whole', () => {
    const picks = new ResidentPicks();
    picks.remember('还款');
    picks.remember('欠款');
    picks.remember('还款');
    expect(picks.list()).toEqual(['还款', '欠款']);
    picks.clear();
    expect(picks.list()).toEqual([]);
  });

  it('keep at most a hundred, forgetting the oldest', () => {
    const picks = new ResidentPicks();
    for (let i = 0; i < 120; i++) picks.remember(`词${i}`);
    expect(picks.list()).toHaveLength(100);
    expect(picks.list()[0]).toBe('词119');
    expect(picks.list()).not.toContain('词19');
  });

  it('are learned from free text only: never from a name, an ID, a phone or an address', () => {
    expect(learnsPicks('text')).toBe(true);
    expect(learnsPicks('multiline')).toBe(true);
    for (const kind of ['name', 'partyName', 'id', 'mobile', 'phone', 'address', 'code', 'reference'] as const) expect(learnsPicks(kind), kind).toBe(false);
    // The questions that hold personal data say so by their kind.
    const kindOf = (specs: { key: string; kind: string }[], key: string) => specs.find((s) => s.key === key)?.kind;
    expect(kindOf(personIdentity, 'name')).toBe('name');
    expect(kindOf(personContact, 'address')).toBe('address');
    expect(kindOf(respondentFields, 'address')).toBe('address');
  });
});
