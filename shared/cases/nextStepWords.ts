import type { Words } from './caseLabels.js';
import { nextSteps, type NextStep } from './residentStage.js';

// What a resident is told to do next, one phrase per step, written once. Which step a dispute is at
// is ./residentStage.ts's rule (state → step, once); the kiosk's check-my-case (renderer/i18n) and
// the hub's status page a receipt's QR code opens (server/caseStatus/statusPage.ts) both say the
// step in these words. The receipt says the one step a filing is at (`nextStepOnFiling`) at more
// length, for paper and screen alike, keyed by the same step (shared/receiptText.ts).

export const nextStepWords: Record<NextStep, Words> = {
  await_diversion: { zh: '请等待法院联系', en: 'Wait for the court to contact you' },
  await_session: { zh: '请等待调解员安排调解时间', en: 'Wait for the mediator to arrange a session' },
  attend_session: { zh: '请按时参加调解', en: 'Please attend the session on time' },
  sign_agreement: { zh: '请签署调解协议', en: 'Sign the mediation agreement' },
  apply_confirmation: { zh: '可与对方共同申请司法确认', en: 'You may apply together with the other party for judicial confirmation' },
  await_ruling: { zh: '请等待法院裁定', en: 'Wait for the court’s ruling' },
  perform_agreement: { zh: '请按调解协议履行', en: 'Carry out what was agreed' },
  consider_lawsuit: { zh: '您可以向法院起诉，或再次申请调解', en: 'You may sue at the court, or apply for mediation again' },
  follow_lawsuit: { zh: '请留意法院的立案通知', en: 'Watch for the court’s notice on the lawsuit' },
  none: { zh: '无需办理', en: 'Nothing to do' },
};

/** The table in one language, as the kiosk's catalogue holds it (`checkCase.next.*`). */
export const nextStepNames = (lang: keyof Words): Record<NextStep, string> => Object.fromEntries(nextSteps.map((s) => [s, nextStepWords[s][lang]])) as Record<NextStep, string>;
