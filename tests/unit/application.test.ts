import { describe, expect, it } from 'vitest';
import {
  Agent,
  GenericAnswers,
  KioskApplication,
  textLimits,
  MediationApplication,
  OrganisationApplicant,
  PersonApplicant,
  ProcessChoice,
  Respondent,
  TypeAnswers,
  deferrableFields,
  ethnicityCodes,
  isDeferred,
  genericTypes,
  specificTypes,
} from '../../shared/application.js';
import { MediationApplicationDraft } from '../../shared/applicationDraft.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { candidateOf } from '../../renderer/wizard/applicationCandidate.js';
import { completeApplication, CREDIT_CODE, PERSON_ID, PERSON_ID_FEMALE, SIGNATURE_PNG } from '../e2e/support/applications.js';

const signature = { pngDataUrl: SIGNATURE_PNG, signedAt: '2026-01-05T09:40:00.000Z' };
const complete = () => candidateOf(completeApplication(), signature) as Record<string, unknown>;
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (result.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]);

describe('MediationApplication', () => {
  it('accepts a complete application and normalises it', () => {
    const parsed = MediationApplication.parse(complete());
    expect(parsed.applicant).toMatchObject({ kind: 'person', name: '王建国', idNumber: PERSON_ID, mobile: '13812345678' });
    expect(parsed.typeAnswers).toMatchObject({ type: 'private_loan', amount: '50000', repaidAmount: '0' });
    expect(parsed.evidence[0]!.photos).toEqual([]);
    expect(parsed.process?.timePreferences).toEqual([]);
  });

  it('parses its own output unchanged, for every dispute type (agent and hub validate the same JSON)', () => {
    const checked: string[] = [];
    for (const type of disputeTypes) {
      const app = completeApplication();
      const base = candidateOf(
        { ...app, disputeType: type, typeAnswers: type === 'family' ? { matter: 'custody_support', relationship: '夫妻', minorChildren: '02', propertyInvolved: false } : app.typeAnswers },
        signature,
      );
      const first = MediationApplication.safeParse(base);
      if (!first.success) continue; // answers for this type are covered by the type-specific tests
      const again = MediationApplication.safeParse(JSON.parse(JSON.stringify(first.data)));
      expect(again.success, type).toBe(true);
      expect(again.data).toEqual(first.data);
      checked.push(type);
    }
    expect(checked).toEqual(expect.arrayContaining(['private_loan', 'family']));
  });

  it('reports every missing part with an i18n key at its path', () => {
    const result = MediationApplication.safeParse({});
    expect(issues(result)).toEqual(
      expect.arrayContaining([
        ['consents', 'errors.privacyConsent.required'],
        ['applicant', 'errors.applicantKind.required'],
        ['respondents', 'errors.respondents.required'],
        ['disputeType', 'errors.disputeType.required'],
        ['claims', 'errors.claims.required'],
        ['facts', 'errors.facts.required'],
        ['process', 'errors.processMode.required'],
        ['signature', 'errors.signature.required'],
      ]),
    );
    for (const [, message] of issues(result)) expect(message).toMatch(/^errors\.[A-Za-z]+\.[A-Za-z]+$/);
  });

  it('requires the privacy consent to be true', () => {
    const app = complete();
    app.consents = { privacy: { accepted: false, at: '2026-01-05T09:30:00Z' }, onlineMediation: { accepted: true, at: '2026-01-05T09:30:00Z' } };
    expect(issues(MediationApplication.safeParse(app))).toEqual([['consents.privacy.accepted', 'errors.privacyConsent.required']]);
  });

  it('refuses video mediation without consent to online mediation', () => {
    const app = complete();
    app.consents = { privacy: { accepted: true, at: '2026-01-05T09:30:00Z' }, onlineMediation: { accepted: false, at: '2026-01-05T09:30:00Z' } };
    expect(issues(MediationApplication.safeParse(app))).toEqual([['process.mode', 'errors.processMode.needsOnlineConsent']]);
    app.process = { mode: 'in_person', interpreter: false, timePreferences: ['weekend'], accessibility: [] };
    expect(MediationApplication.safeParse(app).success).toBe(true);
  });

  it('insists type answers belong to the chosen dispute type', () => {
    const app = complete();
    app.disputeType = 'labour';
    expect(issues(MediationApplication.safeParse(app))).toContainEqual(['typeAnswers.type', 'errors.typeAnswers.mismatch']);
  });

  it('rejects unknown fields and a huge or malformed signature', () => {
    expect(MediationApplication.safeParse({ ...complete(), extra: 1 }).success).toBe(false);
    expect(issues(MediationApplication.safeParse({ ...complete(), signature: { pngDataUrl: 'data:image/jpeg;base64,AAAA', signedAt: signature.signedAt } }))).toEqual([
      ['signature.pngDataUrl', 'errors.signature.required'],
    ]);
    const huge = `data:image/png;base64,${'A'.repeat(200_000)}`;
    expect(issues(MediationApplication.safeParse({ ...complete(), signature: { pngDataUrl: huge, signedAt: signature.signedAt } }))[0]).toEqual(['signature.pngDataUrl', 'errors.signature.tooLarge']);
  });
});

describe("a short application (the elderly's short path)", () => {
  const short = () => {
    const full = complete() as Record<string, Record<string, unknown> & unknown[]>;
    return {
      ...full,
      applicant: { kind: 'person', name: '王建国', mobile: '13812345678' },
      respondents: [{ kind: 'person', name: '李四' }],
      typeAnswers: undefined,
      process: undefined,
      evidence: [],
      deferred: [...deferrableFields],
    };
  };
  it('is valid when what it leaves out is listed as deferred, and parses its own output unchanged', () => {
    const parsed = KioskApplication.parse(short());
    expect(parsed.deferred).toEqual([...deferrableFields]);
    expect(isDeferred(parsed, 'applicant.idNumber')).toBe(true);
    expect(KioskApplication.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });
  it('still reports each left-out answer that is not listed, with the message a full application gives', () => {
    expect(issues(MediationApplication.safeParse({ ...short(), deferred: undefined }))).toEqual([
      ['applicant.idNumber', 'errors.idNumber.required'],
      ['applicant.sex', 'errors.sex.required'],
      ['applicant.birthDate', 'errors.date.required'],
      ['applicant.ethnicity', 'errors.ethnicity.required'],
      ['applicant.address', 'errors.address.required'],
      ['respondents.0.address', 'errors.respondentWhere.required'],
      ['typeAnswers', 'errors.disputeType.required'],
      ['process', 'errors.processMode.required'],
    ]);
    expect(issues(MediationApplication.safeParse({ ...short(), deferred: ['process', 'nonsense'] }))).toContainEqual(['deferred.1', 'errors.deferred.invalid']);
  });
  it('never defers what the court cannot do without: who is filing, how to reach them, whom against, what happened and what they want', () => {
    const s = short();
    expect(issues(MediationApplication.safeParse({ ...s, applicant: { kind: 'person', name: '王建国' } }))).toContainEqual(['applicant.mobile', 'errors.mobile.required']);
    expect(issues(MediationApplication.safeParse({ ...s, facts: '' }))).toContainEqual(['facts', 'errors.facts.required']);
    expect(issues(MediationApplication.safeParse({ ...s, claims: [] }))).toContainEqual(['claims', 'errors.claims.required']);
  });
});

describe('applicants', () => {
  const person = () => ({ kind: 'person', name: '王建国', idNumber: PERSON_ID, sex: 'male', birthDate: '1958-03-12', ethnicity: '03', mobile: '138 1234 5678', address: '兰州市' });
  it('accepts a person and normalises the mobile and ID', () => {
    expect(PersonApplicant.parse({ ...person(), idNumber: PERSON_ID_FEMALE.toLowerCase(), sex: 'female', birthDate: '1962-08-05' })).toMatchObject({
      mobile: '13812345678',
      idNumber: PERSON_ID_FEMALE,
    });
  });
  it('flags a birth date or sex that contradicts the ID number', () => {
    expect(issues(PersonApplicant.safeParse({ ...person(), birthDate: '1958-03-13', sex: 'female' }))).toEqual([
      ['birthDate', 'errors.birthDate.mismatch'],
      ['sex', 'errors.sex.mismatch'],
    ]);
  });
  it('shows a contradiction even while other answers are still missing', () => {
    expect(issues(PersonApplicant.safeParse({ kind: 'person', idNumber: PERSON_ID, sex: 'female', birthDate: '1958-03-12' }))).toContainEqual(['sex', 'errors.sex.mismatch']);
  });
  it.each([
    ['idNumber', '620102195803120311', 'errors.idNumber.checksum'],
    ['mobile', '1381234567', 'errors.mobile.length'],
    ['birthDate', '2999-01-01', 'errors.date.future'],
    ['ethnicity', '57', 'errors.ethnicity.required'],
    ['name', '', 'errors.name.required'],
    ['name', 'x'.repeat(51), 'errors.name.tooLong'],
  ])('rejects %s %j with %s', (field, value, key) => {
    expect(issues(PersonApplicant.safeParse({ ...person(), [field]: value }))).toContainEqual([field, key]);
  });
  it('knows the 56 nationalities plus other and foreign-born', () => {
    expect(ethnicityCodes).toHaveLength(58);
    expect(ethnicityCodes[0]).toBe('01');
    expect(ethnicityCodes.at(-3)).toBe('56');
  });
  it('accepts an organisation with a landline and checks its credit code', () => {
    const org = { kind: 'organisation', name: '兰州某物业公司', creditCode: CREDIT_CODE.toLowerCase(), legalRepresentative: '张三', phone: '0931-8888888', address: '兰州市' };
    expect(OrganisationApplicant.parse(org).creditCode).toBe(CREDIT_CODE);
    expect(issues(OrganisationApplicant.safeParse({ ...org, creditCode: '91620102MA71ABCD1R' }))).toEqual([['creditCode', 'errors.creditCode.checksum']]);
  });
});

describe('names as on the ID card', () => {
  it('keeps the middle dot (U+00B7), turns look-alike dots into it, and counts a rare character once', () => {
    const person = { kind: 'person', name: '', idNumber: PERSON_ID, sex: 'male', birthDate: '1958-03-12', ethnicity: '03', mobile: '13812345678', address: '临夏市' };
    const name = (v: string) => PersonApplicant.safeParse({ ...person, name: v });
    expect(name('阿卜杜拉·艾买提').data?.name).toBe('阿卜杜拉\u00b7艾买提');
    for (const typed of ['阿卜杜拉・艾买提', '阿卜杜拉 • 艾买提', '阿卜杜拉‧艾买提']) expect(name(typed).data?.name).toBe('阿卜杜拉·艾买提');
    expect(name('吴𠮷䶮').data?.name).toBe('吴𠮷䶮'); // CJK Ext B and Ext A, outside GB2312
    expect(name('𠮷'.repeat(textLimits.name)).success).toBe(true); // 50 characters, 100 UTF-16 units
    expect(issues(name('𠮷'.repeat(textLimits.name + 1)))).toEqual([['name', 'errors.name.tooLong']]);
    expect(Respondent.parse({ kind: 'person', name: '马 · 阿里', address: '临夏' }).name).toBe('马·阿里');
  });
  it('needs letters where a name is typed (KioskApplication): the applicant, the agent, a representative and a person on the other side', () => {
    const withApplicantName = (v: string) => ({ ...complete(), applicant: { ...(complete().applicant as object), name: v } });
    const name = (v: string) => issues(KioskApplication.safeParse(withApplicantName(v)));
    for (const bad of ['123', '张三2', '13812345678', '王@', '·王', '王·', '--']) expect(name(bad), bad).toEqual([['applicant.name', 'errors.personName.letters']]);
    for (const good of ['王建国', '阿卜杜拉·艾买提', '吴𠮷䶮', 'Li Ming', 'Li  Ming', 'Jean-Pierre Dupont', "O'Neil", 'Ömer Çelik', 'ཚེ་རིང་', '\ue000明']) expect(name(good), good).toEqual([]);
    expect(name('')).toEqual([['applicant.name', 'errors.name.required']]); // blank says "required", only
    const agent = { ...complete(), agent: { name: '007', relationship: 'relative', mobile: '13912345678' } };
    expect(issues(KioskApplication.safeParse(agent))).toEqual([['agent.name', 'errors.personName.letters']]);
    const org = { ...complete(), applicant: { kind: 'organisation', name: '第1建筑公司', creditCode: CREDIT_CODE, legalRepresentative: '110', phone: '0931-8888888', address: '兰州市' } };
    expect(issues(KioskApplication.safeParse(org))).toEqual([['applicant.legalRepresentative', 'errors.personName.letters']]);
    const withRespondent = (r: Record<string, unknown>) => ({ ...complete(), respondents: [{ address: '兰州', ...r }] });
    expect(issues(KioskApplication.safeParse(withRespondent({ kind: 'person', name: '123' })))).toEqual([['respondents.0.name', 'errors.personName.letters']]);
    expect(issues(KioskApplication.safeParse(withRespondent({ kind: 'person', name: '' })))).toEqual([['respondents.0.name', 'errors.respondentName.required']]);
    expect(KioskApplication.safeParse(withRespondent({ kind: 'organisation', name: '58同城' })).success).toBe(true); // an organisation's name may hold digits
  });
  it('takes a real name as staff type or paste it: odd spaces, zero-width characters, a full stop for the dot, 〇, a dash between Latin words; and stores what it accepted', () => {
    const filed = (v: string) => {
      const parsed = KioskApplication.safeParse({ ...complete(), applicant: { ...(complete().applicant as object), name: v } });
      return parsed.success ? parsed.data.applicant.name : issues(parsed);
    };
    expect(filed('Li\u3000Ming')).toBe('Li Ming'); // ideographic space
    expect(filed('Li\u00a0Ming')).toBe('Li Ming'); // no-break space
    expect(filed('王\u200b建\u200c国\u200d')).toBe('王建国'); // zero-width space, non-joiner, joiner
    expect(filed('\ufeff王建国')).toBe('王建国'); // byte order mark
    expect(filed('\u200b 王建国')).toBe('王建国'); // a zero-width character hiding a space
    for (const dot of ['.', '．', '。', '\u2e31']) expect(filed(`阿卜杜拉${dot}艾买提`), dot).toBe('阿卜杜拉·艾买提');
    expect(filed('王〇')).toBe('王〇');
    expect(filed('〇')).toBe('〇');
    expect(filed('Anne\u2013Marie Dupont')).toBe('Anne\u2013Marie Dupont'); // en dash
    expect(filed('Anne\u2010Marie')).toBe('Anne\u2010Marie'); // hyphen
    // still not names: a dot or dash with no letter on one side, a dash between Han, digits
    for (const bad of ['王.', '.王', '王\u2013五', 'Anne\u2013', '\u200b', '1.2']) expect(filed(bad), bad).toEqual([['applicant.name', 'errors.personName.letters']]);
    // the other side: a person's name as the card writes it, an organisation's as typed (Amazon.com)
    const respondent = (r: Record<string, unknown>) => {
      const parsed = KioskApplication.safeParse({ ...complete(), respondents: [{ address: '兰州', ...r }] });
      return parsed.success ? parsed.data.respondents[0]!.name : issues(parsed);
    };
    expect(respondent({ kind: 'person', name: '马.阿里\u200b' })).toBe('马·阿里');
    expect(respondent({ kind: 'organisation', name: 'Amazon.com\u00a0中国' })).toBe('Amazon.com 中国');
  });
  it("is not the court's rule: the hub's schema receives such names, so a filing queued before the rule is never refused", () => {
    const odd = { ...complete(), applicant: { ...(complete().applicant as object), name: '123' }, respondents: [{ kind: 'person', name: '456', address: '兰州' }] };
    expect(MediationApplication.safeParse(odd).success).toBe(true);
    expect(PersonApplicant.safeParse({ ...(complete().applicant as object), name: '123' }).success).toBe(true);
    expect(Agent.safeParse({ name: '007', relationship: 'relative', mobile: '13812345678' }).success).toBe(true);
    expect(OrganisationApplicant.safeParse({ kind: 'organisation', name: '某公司', creditCode: CREDIT_CODE, legalRepresentative: '110', phone: '0931-8888888', address: '兰州市' }).success).toBe(true);
  });
});

describe('respondents', () => {
  it('needs an address or an employer, and only checks an ID that was given', () => {
    const withRespondent = (r: Record<string, unknown>) => ({ ...complete(), respondents: [r] });
    expect(issues(MediationApplication.safeParse(withRespondent({ kind: 'person', name: '李四' })))).toEqual([['respondents.0.address', 'errors.respondentWhere.required']]);
    expect(MediationApplication.safeParse(withRespondent({ kind: 'person', name: '李四', employer: '某公司' })).success).toBe(true);
    expect(issues(Respondent.safeParse({ kind: 'person', name: '李四', address: '兰州', idNumber: '123' }))).toEqual([['idNumber', 'errors.idNumber.length']]);
    expect(Respondent.safeParse({ kind: 'organisation', name: '某公司', address: '兰州', idNumber: CREDIT_CODE }).success).toBe(true);
    expect(issues(Respondent.safeParse({ kind: 'organisation', name: '某公司', address: '兰州', idNumber: PERSON_ID }))).toEqual([['idNumber', 'errors.creditCode.checksum']]);
  });
  it("questions a respondent who is the applicant again: same ID number, or same name and phone (the kiosk's check, not the hub's)", () => {
    const withRespondent = (r: Record<string, unknown>) => ({ ...complete(), respondents: [{ kind: 'person', address: '兰州', ...r }] });
    const sameId = withRespondent({ name: '王建国 ', idNumber: PERSON_ID.toLowerCase() });
    expect(issues(KioskApplication.safeParse(sameId))).toEqual([['respondents.0.idNumber', 'errors.respondentSame.idNumber']]);
    expect(MediationApplication.safeParse(sameId).success).toBe(true); // what the court accepted before, it still accepts
    const sameNamePhone = withRespondent({ name: '王建国', mobile: '138-1234-5678' });
    expect(issues(KioskApplication.safeParse(sameNamePhone))).toEqual([['respondents.0.name', 'errors.respondentSame.nameAndPhone']]);
    // Family members share names or phones, not both: each alone is fine.
    expect(KioskApplication.safeParse(withRespondent({ name: '王建国', mobile: '13987654321' })).success).toBe(true);
    expect(KioskApplication.safeParse(withRespondent({ name: '王建民', mobile: '13812345678' })).success).toBe(true);
  });
  it('validates a phone number when given', () => {
    expect(issues(Respondent.safeParse({ kind: 'person', name: '李四', address: '兰州', mobile: '92345678' }))).toEqual([['mobile', 'errors.phone.areaCode']]);
  });
});

describe('type-specific answers', () => {
  it('has its own questions for the five named types and generic ones for the rest', () => {
    expect([...specificTypes, ...genericTypes].sort()).toEqual([...disputeTypes].sort());
    for (const type of genericTypes) expect(GenericAnswers.safeParse({ type }).success).toBe(true);
  });
  it.each([
    ['private_loan', { amount: '50000', lentOn: '2024-03-01', term: 'on_demand', interest: 'agreed', interestRatePercent: '6', repaidAmount: '0', hasIou: true }],
    ['labour', { startedOn: '2020-01-01', stillEmployed: false, endedOn: '2024-01-01', monthlyWage: '4500', issues: ['unpaid_wages'], unpaidWages: '13500', hasContract: false }],
    ['traffic', { occurredOn: '2025-06-01', place: '张掖路', policeReport: true, liability: 'main', injured: true, lossAmount: '8000' }],
    ['family', { matter: 'elder_support', relationship: '父子', minorChildren: '0', propertyInvolved: false }],
    ['property_service', { role: 'owner', matter: 'fees', propertyAddress: '兰州市城关区1号', amount: '2400' }],
  ])('accepts a complete %s answer', (type, answers) => {
    expect(TypeAnswers.safeParse({ type, ...answers }).success).toBe(true);
  });
  it.each([
    ['private_loan', { amount: '50000', lentOn: '2024-03-01', term: 'fixed_date', interest: 'agreed', repaidAmount: '0', hasIou: true }, ['dueDate', 'interestRatePercent']],
    ['private_loan', { amount: '50000', lentOn: '2024-03-01', term: 'fixed_date', dueDate: '2024-01-01', interest: 'none', repaidAmount: '0', hasIou: true }, ['dueDate']],
    ['labour', { startedOn: '2020-01-01', stillEmployed: false, monthlyWage: '4500', issues: ['unpaid_wages'], hasContract: false }, ['endedOn', 'unpaidWages']],
    ['labour', { startedOn: '2020-01-01', stillEmployed: true, monthlyWage: '4500', issues: [], hasContract: true }, ['issues']],
    ['family', { matter: 'divorce', relationship: '夫妻', minorChildren: '21', propertyInvolved: true }, ['minorChildren']],
  ])('flags what depends on other %s answers', (type, answers, paths) => {
    expect(issues(TypeAnswers.safeParse({ type, ...answers })).map(([p]) => p)).toEqual(paths);
  });
});

describe('process choice', () => {
  it('needs time preferences for a later session and a language for an interpreter', () => {
    expect(issues(ProcessChoice.safeParse({ mode: 'scheduled', interpreter: true }))).toEqual([
      ['timePreferences', 'errors.timePreferences.required'],
      ['interpreterLanguage', 'errors.interpreterLanguage.required'],
    ]);
    expect(ProcessChoice.safeParse({ mode: 'video_now', interpreter: false }).success).toBe(true);
  });
});

describe('MediationApplicationDraft', () => {
  it('accepts a realistic draft and bounds every string', () => {
    expect(MediationApplicationDraft.safeParse(completeApplication()).success).toBe(true);
    expect(MediationApplicationDraft.safeParse({ facts: '事'.repeat(textLimits.facts) }).success).toBe(true); // a draft holds what the application takes
    expect(MediationApplicationDraft.safeParse({ facts: 'x'.repeat(textLimits.facts * 2 + 1) }).success).toBe(false);
    expect(MediationApplicationDraft.safeParse({ applicant: { name: 'x'.repeat(401) } }).success).toBe(false);
    expect(MediationApplicationDraft.safeParse({ signature: {} }).success).toBe(false);
  });
});
