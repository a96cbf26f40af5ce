import { roomRoleLabels } from '../../../shared/rooms/roleTable.js';
import type { ParticipantRole } from '../../../shared/call.js';

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
    you: '您',
    switchLanguage: 'English',
    recordingOn: '录制中',
    recordingTitle: '本次调解将被录音录像。您是否同意？',
    recordingBody: '画面和声音将由法院随案保存。如不同意，将不进行录制，调解照常进行。',
    consent: '同意',
    refuse: '不同意',
    guideTitle: '调解指导',
    guideEnter: '以指导法官身份加入',
    errors: {
      NOT_FOUND: '会议码无效：可能输错、已使用或已过期。',
      FORBIDDEN: '姓名或身份证号码后四位与案件不符。',
      RATE_LIMITED: '尝试次数太多，请稍后再试。',
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
    you: 'You',
    switchLanguage: '中文',
    recordingOn: 'Recording',
    recordingTitle: 'This session will be recorded. Do you agree?',
    recordingBody: 'The video and sound are kept by the court with the case. If you do not agree, nothing is recorded and the mediation goes on.',
    consent: 'I agree',
    refuse: 'I do not agree',
    guideTitle: 'Mediation guidance',
    guideEnter: 'Join as guiding judge',
    errors: {
      NOT_FOUND: 'This meeting code is not valid: mistyped, used or expired.',
      FORBIDDEN: 'The name or the last 4 of the ID number do not match the case.',
      RATE_LIMITED: 'Too many tries. Please wait and try again.',
      INVALID_INPUT: 'Please check: the code is 6 digits; the ID ending is 4 digits or X.',
      other: 'You cannot enter right now. Please try again later.',
    } as Record<string, string>,
  },
};

export const roleLabel = (role: ParticipantRole, language: JoinLanguage): string => roomRoleLabels[role][language === 'en' ? 'en' : 'zh'];
