import { describe, expect, it } from 'vitest';
import { counterAnswer, counterSteps, fillFromCard, firstIncompleteStep, newCounterApplication, stepIssues, stepPaths } from '../../renderer/counter/counterForm.js';
import { sampleIdCards } from '../../main/agent/idCard/simulatedIdCardReader.js';
import { IdCard } from '../../shared/counter/idCard.js';
import { checkResidentId, residentIdFacts } from '../../shared/validators.js';
import { candidateOf, issuesOf, parseApplication } from '../../renderer/wizard/applicationCandidate.js';
import { KioskApplication } from '../../shared/application.js';
import { completeApplication, SIGNATURE_PNG } from '../e2e/support/applications.js';

// The counter's form rules: each screen answers for its own part of the court's schema, a read
// card fills exactly the party it was read for, and the sample cards are real-looking cards.

const signature = { pngDataUrl: SIGNATURE_PNG, signedAt: '2026-11-27T09:40:00.000Z' };

describe('counter form', () => {
  it('a fresh filing stops at the applicant screen, and each screen reports only its own fields', () => {
    const app = newCounterApplication();
    expect(firstIncompleteStep(app, null)).toBe('applicant');
    for (const step of counterSteps) {
      for (const issue of stepIssues(step, app, null)) expect(stepPaths[step].some((p) => issue.path === p || issue.path.startsWith(`${p}.`))).toBe(true);
    }
    expect(stepIssues('applicant', app, null).map((i) => i.path)).toEqual(expect.arrayContaining(['applicant.name', 'applicant.idNumber', 'applicant.mobile']));
    expect(stepIssues('sign', app, null).map((i) => i.path)).toEqual(expect.arrayContaining(['signature']));
    expect(stepIssues('evidence', app, null)).toEqual([]); // evidence is optional
  });

  it('a complete filing entered at the counter is submitted: staff enter the full form, the path is never asked', () => {
    // the counter has no preferences step: its draft carries the form it is (without it, a filing
    // complete on every counter screen parsed to nothing and the last step sent staff back to the first)
    const app = { ...completeApplication(), shortPath: newCounterApplication().shortPath };
    expect(issuesOf(app, signature)).toEqual([]);
    expect(parseApplication(app, signature)).not.toBeNull();
  });

  it('a typed ID number fills birth date and sex as in the wizard, and the applicant screen asks for neither', () => {
    let app = newCounterApplication();
    for (const [i] of [...'620103197504180036'].entries()) app = counterAnswer(app, 'applicant.idNumber', '620103197504180036'.slice(0, i + 1));
    expect(app.applicant).toMatchObject({ idNumber: '620103197504180036', birthDate: '1975-04-18', sex: 'male' });
    const asked = stepIssues('applicant', app, null).map((i) => i.path);
    expect(asked).not.toContain('applicant.birthDate');
    expect(asked).not.toContain('applicant.sex');
    // a digit corrected away from a valid number takes back what the number gave
    const corrected = counterAnswer(app, 'applicant.idNumber', '62010319750418003').applicant;
    expect([corrected?.birthDate, corrected?.sex]).toEqual([undefined, undefined]);
  });

  it('a card fills the applicant with everything the schema checks against the ID number', () => {
    const card = sampleIdCards[0]!;
    const app = fillFromCard(newCounterApplication(), card, { party: 'applicant' });
    expect(app.applicant).toMatchObject({ kind: 'person', name: '阿卜杜拉·艾买提', idNumber: card.idNumber, sex: 'male', birthDate: '1975-04-18', ethnicity: '05' });
    expect(app.applicant).not.toHaveProperty('photoDataUrl');
    // only the mobile is left to type
    expect(stepIssues('applicant', app, null).map((i) => i.path)).toEqual(['applicant.mobile']);
    expect(stepIssues('applicant', { ...app, applicant: { ...app.applicant, mobile: '13912345678' } }, null)).toEqual([]);
  });

  it('a card read for a respondent fills that respondent only, and the clerk check still catches the applicant twice', () => {
    let app = fillFromCard(newCounterApplication(), sampleIdCards[0]!, { party: 'applicant' });
    app = { ...app, respondents: [{ kind: 'person' }, { kind: 'person', name: '李四', address: '某地' }] };
    const filled = fillFromCard(app, sampleIdCards[1]!, { party: 'respondent', index: 0 });
    expect(filled.respondents![0]).toMatchObject({ kind: 'person', name: '马秀兰', idNumber: sampleIdCards[1]!.idNumber });
    expect(filled.respondents![1]).toEqual({ kind: 'person', name: '李四', address: '某地' });
    expect(filled.applicant).toEqual(app.applicant);
    const same = fillFromCard(app, sampleIdCards[0]!, { party: 'respondent', index: 0 });
    expect(stepIssues('respondents', same, null)).toContainEqual({ path: 'respondents.0.idNumber', message: 'errors.respondentSame.idNumber' });
  });

  it('a whole filing passes every screen and parses as the court schema', () => {
    const app = completeApplication();
    expect(firstIncompleteStep(app, signature)).toBeNull();
    expect(KioskApplication.safeParse(candidateOf(app, signature)).success).toBe(true);
    expect(firstIncompleteStep(app, null)).toBe('sign');
  });

  it('the simulated cards are valid cards: check digits, birth dates and sexes agree, one name has the middle dot', () => {
    for (const card of sampleIdCards) {
      expect(IdCard.parse(card)).toEqual(card);
      expect(checkResidentId(card.idNumber)).toBeNull();
      expect(residentIdFacts(card.idNumber)).toEqual({ birthDate: card.birthDate, sex: card.sex });
    }
    expect(sampleIdCards.some((c) => c.name.includes('·'))).toBe(true);
  });
});
