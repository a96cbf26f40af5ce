import { CLAIMS_MAX, charCount, textLimits } from './application.js';
import type { DisputeType } from './disputeTypes.js';
import type { Language } from './intake.js';

// The claims (请求事项) residents of each dispute type most often make, offered as large buttons on
// the "what do you want" step so an elderly resident need not spell them in pinyin (issue 15 item 7).
// Phrased as a mediation application asks: plain words saying what the other party should do.
// Chosen from the claims the court's mediation application forms and its published mediation cases
// put first for each type; the resident can edit or delete whatever a button wrote, and the court
// receives it as plain claim text, the same as a typed claim.

export interface ClaimSuggestion {
  /** Stable within its dispute type: the button's test id. */
  id: string;
  zh: string;
  en: string;
  /** The claim names a sum: the button asks for it on a number pad and writes it after the words. */
  amount?: true;
}

const s = (id: string, zh: string, en: string, amount?: 'amount'): ClaimSuggestion => (amount ? { id, zh, en, amount: true } : { id, zh, en });

const compensate = s('compensate', '赔偿损失', 'Compensate my losses', 'amount');
const stopHarm = s('stopHarm', '停止侵害、排除妨碍', 'Stop the harm and remove the obstruction');
const apologise = s('apologise', '赔礼道歉', 'Apologise');

export const claimSuggestions: Record<DisputeType, readonly ClaimSuggestion[]> = {
  family: [
    s('divorce', '解除婚姻关系', 'End the marriage'),
    s('childSupport', '支付子女抚养费', 'Pay child support'),
    s('elderSupport', '支付赡养费', 'Pay support for the elderly parent'),
    s('divideProperty', '分割夫妻共同财产', 'Divide the joint marital property'),
    s('inheritance', '依法分割遗产', 'Divide the inheritance according to law'),
  ],
  neighbour: [stopHarm, s('restore', '恢复原状', 'Put things back as they were'), compensate, apologise],
  private_loan: [s('repayLoan', '归还借款', 'Repay the loan', 'amount'), s('payInterest', '支付利息', 'Pay the interest', 'amount'), s('repayDate', '约定还款时间', 'Agree on a date to repay')],
  sale_consumer: [s('refund', '退货退款', 'Take back the goods and refund', 'amount'), s('replaceRepair', '更换或修理商品', 'Replace or repair the goods'), compensate],
  property_service: [
    s('provideService', '履行物业服务（维修、保洁、安保等）', 'Provide the property services (repairs, cleaning, security, etc.)'),
    s('refundFees', '退还多收的物业费', 'Return the property fees overcharged', 'amount'),
    s('payFees', '支付物业费', 'Pay the property fees', 'amount'),
    compensate,
  ],
  labour: [
    s('wages', '支付拖欠的工资', 'Pay the wages owed', 'amount'),
    s('severance', '支付经济补偿', 'Pay economic compensation', 'amount'),
    s('socialInsurance', '补缴社会保险', 'Pay the social insurance owed'),
    s('leavingCertificate', '出具解除劳动合同证明', 'Give me a certificate that the job has ended'),
  ],
  traffic: [
    s('trafficLosses', '赔偿损失（医疗费、误工费、车辆维修费等）', 'Compensate my losses (medical costs, lost wages, car repairs, etc.)', 'amount'),
    s('advanceMedical', '先行垫付医疗费', 'Pay the medical costs now', 'amount'),
  ],
  damages: [compensate, s('medicalCosts', '赔偿医疗费', 'Pay my medical costs', 'amount'), apologise, stopHarm],
  housing_homestead: [
    stopHarm,
    s('boundary', '确认宅基地界线', 'Confirm the boundary of the homestead'),
    s('vacate', '腾退房屋', 'Move out of the house'),
    s('rent', '支付拖欠的房租', 'Pay the rent owed', 'amount'),
  ],
  land: [s('returnLand', '返还承包地', 'Give back the contracted land'), s('landCompensation', '支付土地补偿款', 'Pay the land compensation', 'amount'), stopHarm],
  medical: [
    s('medicalLosses', '赔偿损失（医疗费、误工费等）', 'Compensate my losses (medical costs, lost wages, etc.)', 'amount'),
    s('refundMedical', '退还医疗费', 'Refund the medical fees', 'amount'),
    apologise,
  ],
  finance: [
    s('waiveInterest', '减免利息和违约金', 'Reduce the interest and penalties'),
    s('instalments', '分期还款', 'Let me repay in instalments'),
    s('stopCollection', '停止骚扰式催收', 'Stop harassing me to collect the debt'),
  ],
  other: [compensate, s('payDebt', '支付欠款', 'Pay the money owed', 'amount'), stopHarm, apologise],
};

const words = (suggestion: ClaimSuggestion, language: Language) => (language === 'en' ? suggestion.en : suggestion.zh);

/** The claim a button writes: its words, then the amount if one was given ("归还借款50000元"). */
export function claimText(suggestion: ClaimSuggestion, language: Language, amountYuan?: string): string {
  const base = words(suggestion, language);
  if (!amountYuan) return base;
  return language === 'en' ? `${base}: ${amountYuan} yuan` : `${base}${amountYuan}元`;
}

/** Whether a claim was written by this button (in either language), even if the resident changed the amount after. */
export function claimFromSuggestion(claim: string, suggestion: ClaimSuggestion): boolean {
  const trimmed = claim.trim();
  return trimmed.startsWith(suggestion.zh) || trimmed.startsWith(suggestion.en);
}

/** A dispute type's suggestions; before a type is chosen, the general ones. */
export function suggestionsFor(type: DisputeType | null | undefined): readonly ClaimSuggestion[] {
  return claimSuggestions[type ?? 'other'];
}

/**
 * The claims after a button wrote `text`: into the first empty box, else a new one. Never over what
 * the resident wrote, never twice (a claim this button already wrote stays as it is), never past the
 * claims' limits: null when it cannot be written.
 */
export function withSuggestedClaim(claims: readonly string[], suggestion: ClaimSuggestion, text: string): string[] | null {
  if (claims.some((c) => claimFromSuggestion(c, suggestion))) return null;
  if (charCount(text) > textLimits.claim) return null;
  if (!roomForClaim(claims)) return null;
  const empty = claims.findIndex((c) => c.trim() === '');
  return empty >= 0 ? claims.map((c, i) => (i === empty ? text : c)) : [...claims, text];
}

/** Whether a button can still write a claim: an empty box, or room for another under CLAIMS_MAX. */
export function roomForClaim(claims: readonly string[]): boolean {
  return claims.some((c) => c.trim() === '') || claims.length < CLAIMS_MAX;
}
