import { describe, expect, it } from 'vitest';
import { confirmationRuling } from '../../shared/agreements/confirmationRuling.js';
import { DocumentText, type DocumentParty } from '../../shared/agreements/courtDocument.js';
import { AgreementTerms, documentLines, mediationAgreement, type AgreementFacts } from '../../shared/agreements/mediationAgreement.js';
import { requiredSigners } from '../../shared/cases/caseFile.js';

// The templates of the mediation agreement and the confirmation ruling: what goes into each, who
// signs where, and what a resident reading it at a kiosk is not shown (another party's ID number
// and address). Free text is bounded and keeps no control characters.

const parties: DocumentParty[] = [
  { role: 'applicant', index: 0, kind: 'person', name: '张秀兰', idNumber: '620102195803120310', address: '兰州市城关区张掖路1号' },
  { role: 'agent', index: 0, kind: 'person', name: '张强', idNumber: '620102198001010011', address: null },
  { role: 'respondent', index: 0, kind: 'person', name: '李四', idNumber: '620102197002020022', address: '兰州市城关区庆阳路2号' },
  { role: 'respondent', index: 1, kind: 'organisation', name: '兰州某物业公司', idNumber: '91620100MA71234567', address: '兰州市七里河区建兰路3号' },
];
const facts: AgreementFacts = {
  court: { name: '兰州市七里河区人民法院' },
  caseNumber: '（2026）甘0103民诉前调7号',
  organisation: { name: '七里河区人民调解委员会' },
  mediator: { name: '王调解' },
  parties,
  signers: { applicants: 1, respondents: 2 },
  terms: { facts: '楼道被占用。', terms: [{ text: '被申请人清理楼道。', performBy: '2027-01-15' }, { text: '互不追究。' }] },
};
const text = (view: 'full' | 'resident') => documentLines(mediationAgreement(facts, view)).join('\n');

describe('the mediation agreement template', () => {
  it('holds the parties, the facts, each term with its performance date, the mediator, the organisation and the court', () => {
    const full = text('full');
    for (const words of [
      '人民调解协议书',
      '（2026）甘0103民诉前调7号',
      '申请人：张秀兰',
      '公民身份号码620102195803120310',
      '委托代理人：张强',
      '被申请人：李四',
      '统一社会信用代码91620100MA71234567',
    ]) {
      expect(full).toContain(words);
    }
    expect(full).toContain('1. 被申请人清理楼道。（于2027年1月15日前履行）');
    expect(full).toContain('2. 互不追究。');
    expect(full).toContain('经七里河区人民调解委员会调解员王调解主持调解');
    expect(full).toContain('兰州市七里河区人民法院申请司法确认');
  });

  it('has a signature place for exactly the signers the case rules require, the mediator last', () => {
    const block = mediationAgreement(facts).blocks.find((b) => b.kind === 'signatures');
    expect(block?.kind === 'signatures' && block.places.map((p) => p.signer)).toEqual(requiredSigners({ parties: facts.signers }));
    expect(block?.kind === 'signatures' && block.places.map((p) => p.label)).toEqual(['申请人：张秀兰', '被申请人：李四', '被申请人：兰州某物业公司', '调解员：王调解']);
  });

  it('a resident’s view names the parties but shows no ID number or address of anyone', () => {
    const resident = text('resident');
    for (const p of parties) {
      expect(resident).toContain(p.name);
      if (p.idNumber) expect(resident).not.toContain(p.idNumber);
      if (p.address) expect(resident).not.toContain(p.address);
    }
    expect(resident).toContain('被申请人清理楼道');
  });

  it('terms: at least one, bounded, no control characters (newlines kept); markup is just text', () => {
    expect(AgreementTerms.safeParse({ facts: '事实', terms: [] }).success).toBe(false);
    expect(AgreementTerms.safeParse({ facts: '事实', terms: [{ text: 'x'.repeat(1001) }] }).success).toBe(false);
    expect(AgreementTerms.safeParse({ facts: '事实', terms: [{ text: '条款', performBy: '2027-02-30' }] }).success).toBe(false);
    expect(DocumentText(100).safeParse('第一行\n第二行').success).toBe(true);
    expect(DocumentText(100).safeParse('铃\u0007').success).toBe(false);
    const markup = '<script>alert(1)</script>';
    expect(text('full').includes(markup)).toBe(false);
    expect(documentLines(mediationAgreement({ ...facts, terms: { facts: markup, terms: [{ text: markup }] } })).filter((l) => l.includes(markup))).toHaveLength(2);
  });
});

describe('the judicial confirmation ruling template', () => {
  const ruling = (outcome: 'confirmed' | 'refused') =>
    documentLines(
      confirmationRuling({
        court: facts.court,
        caseNumber: '（2026）甘0103民特3号',
        agreementCaseNumber: facts.caseNumber,
        agreementDate: '2026-12-01',
        organisation: facts.organisation,
        parties,
        judge: { name: '赵法官' },
        outcome,
        date: '2026-12-05',
      }),
    ).join('\n');

  it('confirms: the agreement is valid and enforceable; names the parties (not the agent), the 民特 number, the judge and the date', () => {
    const t = ruling('confirmed');
    expect(t).toContain('民事裁定书');
    expect(t).toContain('（2026）甘0103民特3号');
    expect(t).toContain('申请人张秀兰、李四、兰州某物业公司于2026年12月1日经七里河区人民调解委员会主持调解达成的调解协议（（2026）甘0103民诉前调7号）有效');
    expect(t).toContain('申请执行');
    expect(t).not.toContain('张强');
    expect(t).toContain('审判员\u3000赵法官');
    expect(t).toContain('2026年12月5日');
  });

  it('refuses: the application is dismissed and the parties are told their ways on', () => {
    const t = ruling('refused');
    expect(t).toContain('驳回申请人张秀兰、李四、兰州某物业公司的司法确认申请');
    expect(t).not.toContain('有效。');
    expect(t).toContain('提起诉讼');
  });
});
