import { describe, expect, it } from 'vitest';
import { KioskPartyIdQuery, PartyIdQuery } from '../../shared/agreements/kioskSigning.js';

// A party opening their agreement to sign at a kiosk types their name (issue 15 item 3): it must be
// letters there, said with the wizard's message (errors.personName.letters), as an applicant's name
// is (KioskApplication). The hub's query schema does not add the rule: a signature an older kiosk
// queued with such a name is still received.

const query = (name: string) => ({ provisionalNumber: 'KSK-001-20260305-0001', name, idLast4: '1234' });
const nameIssues = (name: string) => {
  const parsed = KioskPartyIdQuery.safeParse(query(name));
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.path.join('.') === 'name').map((i) => i.message);
};

describe('the name a signer types at the kiosk', () => {
  it('is letters, with the message the wizard gives', () => {
    for (const name of ['1234', '李四1', '@@', '138 0000 0000']) expect(nameIssues(name), name).toEqual(['errors.personName.letters']);
  });

  it('takes what a name is: Han characters, any alphabet, the ID card dot (typed as a full stop too)', () => {
    for (const name of ['李四', '阿卜杜拉·艾买提', '阿卜杜拉.艾买提', 'Jean-Pierre', " O'Neil "]) expect(nameIssues(name), name).toEqual([]);
  });

  it('says both what is wrong with the name and with the ID ending at once', () => {
    const parsed = KioskPartyIdQuery.safeParse({ ...query('123'), idLast4: '12' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['idLast4', 'name']);
  });

  it('a blank name is "required", not "letters"', () => {
    expect(nameIssues('  ')).toEqual(['errors.name.required']);
  });

  it('is not refused by the hub', () => {
    expect(PartyIdQuery.safeParse(query('1234')).success).toBe(true);
  });
});
