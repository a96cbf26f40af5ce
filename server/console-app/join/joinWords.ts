import { roomRoleLabels } from '../../../shared/rooms/roleTable.js';
import type { ParticipantRole } from '../../../shared/call.js';
import { minutesToWait } from '../../../shared/wrongGuesses.js';

// The join page's words in both languages; the party picks one (Chinese first).

export type JoinLanguage = 'zh-CN' | 'en';

export const joinWords = {
  'zh-CN': {
    title: '加入视频调解',
    intro: '请输入调解员告诉您的会议码，以及您的姓名和身份证号码后四位。',
    code: '会议码（6 位数字）',
    name: '姓名',
    idLast4: '身份证号码后四位',
    enter: '进入',
    entering: '正在核对…',
    waitingAdmission: '请稍候，调解员马上让您进入。',
    waitingCaucus: '调解员正在与另一方单独谈话（背靠背调解），请稍候。',
    inRoom: '您已进入调解室',
    ended: '调解已结束，谢谢。',
    lost: '连接中断，请刷新页面重新进入。',
    muted: '调解员已将您静音',
    tileStopped: '画面暂停',
    tileVoiceOnly: '只有声音，没有画面',
    tileCameraOff: '摄像头已关闭',
    tileMuted: '已静音',
    you: '您',
    switchLanguage: 'English',
    recordingOn: '录制中',
    recordingTitle: '本次调解将被录音录像。您是否同意？',
    recordingBody: '画面和声音将由法院随案保存。如不同意，将不进行录制，调解照常进行。',
    consent: '同意',
    refuse: '不同意',
    guideTitle: '调解指导',
    guideEnter: '以指导法官身份加入',
    hearingTitle: '在线庭审进行中',
    hearingYourTurn: '现在请您发言',
    hearingOpen: '各方均可发言',
    hearingSilenced: '审判员已将您静音',
    hearingFloorWith: '现在由{role}发言，请您稍候。',
    hearingJudgeOnly: '现在由审判员发言，请您稍候。',
    recordTitle: '庭审笔录',
    recordIntro: '请仔细阅读庭审笔录。确认无误，请点“去签名”；如有异议，可以拒绝签名。',
    recordSignIntro: '请用手指在下面的框内签名，然后点“确认签名”。',
    recordVersion: '第 {version} 稿',
    recordToPad: '去签名',
    recordReread: '重新阅读',
    recordSign: '确认签名',
    recordSignHere: '在此签名',
    recordCanvas: '签名区',
    recordClear: '重新签名',
    recordSignatureRequired: '请先在框内签名',
    recordRefuse: '拒绝签名',
    recordRefuseBody: '您确定拒绝在笔录上签名吗？您的拒绝将写入笔录，随案保存。',
    recordBack: '返回阅读',
    recordRefuseConfirm: '确定拒绝签名',
    recordSending: '正在提交，请稍候…',
    recordSigned: '谢谢，您的签名已提交法院。',
    recordRefused: '已记录：您拒绝在笔录上签名。',
    recordFailed: '未能提交到法院，请再试一次。',
    recordOk: '好的',
    waitOneMinute: '1 分钟',
    waitMinutes: '{n} 分钟',
    afterTitle: '签署庭审笔录',
    afterIntro: '庭审已经结束，庭审笔录在等您签名。请输入您的姓名和身份证号码后四位，核对无误后即可阅读、签名。',
    afterOpen: '阅读笔录',
    afterOpening: '正在核对…',
    afterDone: '谢谢，您的答复已提交法院。现在可以关闭此页面。',
    afterErrors: {
      FORBIDDEN: '姓名或身份证号码后四位与等待签名的当事人不符，请检查后再试。',
      RATE_LIMITED: '错误次数太多，请 {wait}后再试，或联系法院工作人员。',
      RATE_LIMITED_NO_TIME: '错误次数太多，请稍等一会儿再试，或联系法院工作人员。',
      CONFLICT: '案件中没有登记您的身份证号码，请联系法院工作人员协助签名。',
      NOT_FOUND: '没有等您签名的笔录：可能已经签名，或已超过期限（庭审结束后 {days} 天）。如有疑问请联系法院。',
      INVALID_INPUT: '请检查输入：身份证后四位为数字或 X。',
      other: '暂时无法打开笔录，请稍后再试。',
    } as Record<string, string>,
    errors: {
      NOT_FOUND: '会议码无效：可能输错、已使用或已过期。请核对，或请调解员给您一个新的会议码。',
      FORBIDDEN: '姓名或身份证号码后四位与案件不符。',
      CODE_LOCKED: '这个会议码输错姓名或身份证号码的次数太多，已经停用，再试也打不开。请联系调解员，请他给您一个新的会议码。',
      RATE_LIMITED: '尝试次数太多，请 {wait}后再试。',
      RATE_LIMITED_NO_TIME: '尝试次数太多，请稍等一会儿再试，或联系调解员。',
      INVALID_INPUT: '请检查输入：会议码为 6 位数字，身份证后四位为数字或 X。',
      other: '暂时无法进入，请稍后再试。',
    } as Record<string, string>,
  },
  en: {
    title: 'Join a video mediation',
    intro: 'Enter the meeting code the mediator gave you, your name and the last 4 characters of your ID number.',
    code: 'Meeting code (6 digits)',
    name: 'Name',
    idLast4: 'Last 4 of ID number',
    enter: 'Enter',
    entering: 'Checking…',
    waitingAdmission: 'Please wait: the mediator will let you in shortly.',
    waitingCaucus: 'The mediator is talking to the other party alone. Please wait.',
    inRoom: 'You are in the mediation room',
    ended: 'The mediation has ended. Thank you.',
    lost: 'The connection was lost. Reload the page to enter again.',
    muted: 'The mediator has muted you',
    tileStopped: 'Picture paused',
    tileVoiceOnly: 'Voice only',
    tileCameraOff: 'Camera off',
    tileMuted: 'Muted',
    you: 'You',
    switchLanguage: '中文',
    recordingOn: 'Recording',
    recordingTitle: 'This session will be recorded. Do you agree?',
    recordingBody: 'The video and sound are kept by the court with the case. If you do not agree, nothing is recorded and the mediation goes on.',
    consent: 'I agree',
    refuse: 'I do not agree',
    guideTitle: 'Mediation guidance',
    guideEnter: 'Join as guiding judge',
    hearingTitle: 'Online hearing in progress',
    hearingYourTurn: 'You may speak now',
    hearingOpen: 'Everyone may speak',
    hearingSilenced: 'The judge has muted you',
    hearingFloorWith: 'The {role} is speaking now. Please wait.',
    hearingJudgeOnly: 'The judge is speaking now. Please wait.',
    recordTitle: 'Record of the hearing',
    recordIntro: 'Please read the record of the hearing carefully. If it is right, tap "Go to sign"; if you disagree, you may refuse to sign.',
    recordSignIntro: 'Sign with your finger in the box below, then tap "Sign the record".',
    recordVersion: 'Version {version}',
    recordToPad: 'Go to sign',
    recordReread: 'Read it again',
    recordSign: 'Sign the record',
    recordSignHere: 'Sign here',
    recordCanvas: 'Signature box',
    recordClear: 'Sign again',
    recordSignatureRequired: 'Please sign in the box first',
    recordRefuse: 'Refuse to sign',
    recordRefuseBody: 'Are you sure you refuse to sign the record? Your refusal will be written into the record and kept with the case.',
    recordBack: 'Back to reading',
    recordRefuseConfirm: 'Yes, refuse to sign',
    recordSending: 'Sending, please wait…',
    recordSigned: 'Thank you. Your signature has reached the court.',
    recordRefused: 'Noted: you refused to sign the record.',
    recordFailed: 'This could not reach the court. Please try again.',
    recordOk: 'OK',
    waitOneMinute: '1 minute',
    waitMinutes: '{n} minutes',
    afterTitle: 'Sign the record of the hearing',
    afterIntro: 'The hearing has ended and its record is waiting for your signature. Enter your name and the last 4 characters of your ID number to read and sign it.',
    afterOpen: 'Read the record',
    afterOpening: 'Checking…',
    afterDone: 'Thank you. Your answer has reached the court. You may close this page.',
    afterErrors: {
      FORBIDDEN: 'The name or the last 4 of the ID number do not match the party this record waits for. Please check and try again.',
      RATE_LIMITED: 'Too many wrong tries. Please try again in {wait}, or ask court staff.',
      RATE_LIMITED_NO_TIME: 'Too many wrong tries. Please wait a little, then try again, or ask court staff.',
      CONFLICT: 'The case holds no ID number for you: court staff will help you sign.',
      NOT_FOUND: 'No record is waiting for you: it may be answered already, or the {days} days after the hearing have passed. Ask the court if in doubt.',
      INVALID_INPUT: 'Please check: the ID ending is 4 digits or X.',
      other: 'The record cannot be opened right now. Please try again later.',
    } as Record<string, string>,
    errors: {
      NOT_FOUND: 'This meeting code is not valid: mistyped, used or expired. Please check it, or ask the mediator for a new code.',
      FORBIDDEN: 'The name or the last 4 of the ID number do not match the case.',
      CODE_LOCKED: 'This meeting code has been stopped after too many wrong names or ID numbers, and will not open again. Please ask the mediator for a new code.',
      RATE_LIMITED: 'Too many tries. Please try again in {wait}.',
      RATE_LIMITED_NO_TIME: 'Too many tries. Please wait a little, then try again, or ask the mediator.',
      INVALID_INPUT: 'Please check: the code is 6 digits; the ID ending is 4 digits or X.',
      other: 'You cannot enter right now. Please try again later.',
    } as Record<string, string>,
  },
};

export const roleLabel = (role: ParticipantRole, language: JoinLanguage): string => roomRoleLabels[role][language === 'en' ? 'en' : 'zh'];

/**
 * The text for a refusal's `code` from `texts` (`other` for a code it does not know), with the
 * wait a 429's Retry-After asks for in whole minutes (`{wait}`) and the link's days (`{days}`). A
 * lock-out without a time says so (`<code>_NO_TIME`) rather than make one up.
 */
export function errorText(words: (typeof joinWords)['zh-CN'], texts: Record<string, string>, code: string, retryAfterS: number | null, days = ''): string {
  const untimed = retryAfterS === null ? texts[`${code}_NO_TIME`] : undefined;
  const template = untimed ?? texts[code] ?? texts.other!;
  const minutes = minutesToWait(retryAfterS ?? 60);
  const wait = minutes === 1 ? words.waitOneMinute : words.waitMinutes.replace('{n}', String(minutes));
  return template.replace('{wait}', wait).replace('{days}', days);
}

/** The seconds a refused request's Retry-After asks for, or null. */
export const retryAfterOf = (res: Response): number | null => {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
};
