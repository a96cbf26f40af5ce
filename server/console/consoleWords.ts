import type { FastifyRequest } from 'fastify';
import type { Words } from '../../shared/cases/caseLabels.js';
import { escapeHtml } from '../web/html.js';
import { cookieValue } from '../staff/sessions.js';

// The console speaks one language at a time: Chinese first, English complete. A staff member's
// choice is a cookie (the switch in the header); without one, the browser's own language decides.

export type Lang = 'zh' | 'en';
export const LANG_COOKIE = 'console_lang';

export function languageOf(request: FastifyRequest): Lang {
  const chosen = cookieValue(request.headers.cookie, LANG_COOKIE);
  if (chosen === 'en' || chosen === 'zh') return chosen;
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'zh';
}

/** Words of one screen's own table. */
export const words = (zh: string, en: string): Words => ({ zh, en });

export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en');

/** The console's own words (the case life cycle's words are in shared/cases/caseLabels.ts). */
export const consoleWords = {
  console: { zh: '法院工作台', en: 'Court console' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  wrongPassword: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  locked: { zh: '尝试次数过多，账号暂时锁定。请稍后再试。', en: 'Too many attempts; sign-in is locked for now. Try again later.' },
  changePassword: { zh: '请先修改密码', en: 'Change your password first' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  newPasswordAgain: { zh: '再次输入新密码', en: 'New password again' },
  newPasswordsDiffer: { zh: '两次输入的新密码不一样，密码没有修改。请重新输入。', en: 'The two new passwords differ; the password was not changed. Type them again.' },
  save: { zh: '保存', en: 'Save' },
  otherLanguage: { zh: 'English', en: '中文' },
  workList: { zh: '待办', en: 'Work to do' },
  search: { zh: '查找', en: 'Search' },
  searchHint: { zh: '案号、临时编号、当事人姓名或电话', en: 'Case number, provisional number, party name or phone' },
  searchResults: { zh: '查找结果', en: 'Search results' },
  admin: { zh: '管理', en: 'Administration' },
  dashboard: { zh: '指挥中心', en: 'Dashboard' },
  nothingToDo: { zh: '暂无待办案件。', en: 'Nothing waiting.' },
  noMatch: { zh: '没有找到案件。', en: 'No case found.' },
  listDiversion: { zh: '待分流的案件', en: 'Cases waiting for diversion' },
  listMediations: { zh: '本组织的调解案件（按期限）', en: 'My organisation’s mediations, by deadline' },
  listMyMediations: { zh: '分配给我的调解案件（按期限）', en: 'Mediations assigned to me, by deadline' },
  listRulings: { zh: '待裁定的司法确认', en: 'Confirmations to rule on' },
  listAssistant: { zh: '法官的司法确认与待申请确认的协议', en: 'The judge’s confirmations, and signed agreements awaiting an application' },
  listSite: { zh: '本站点提交的案件', en: 'Submissions at my site' },
  allOfOrganisation: { zh: '全部', en: 'All' },
  onlyMine: { zh: '只看我的', en: 'Only mine' },
  caseNumber: { zh: '案号', en: 'Case number' },
  provisional: { zh: '临时编号', en: 'Provisional number' },
  noNumberYet: { zh: '尚未编号', en: 'Not numbered yet' },
  state: { zh: '状态', en: 'State' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  applicant: { zh: '申请人', en: 'Applicant' },
  received: { zh: '收案时间', en: 'Received' },
  channel: { zh: '来源', en: 'Channel' },
  site: { zh: '站点', en: 'Site' },
  organisation: { zh: '调解组织', en: 'Organisation' },
  mediator: { zh: '调解员', en: 'Mediator' },
  deadline: { zh: '期限', en: 'Deadline' },
  noDeadline: { zh: '—', en: '—' },
  parties: { zh: '当事人', en: 'Parties' },
  openParties: { zh: '查看完整信息（将记录）', en: 'Open in full (recorded)' },
  /** A value the resident left to the mediator or staff (the short path): asked on the call, not missing. */
  toBeAsked: { zh: '待询问', en: 'To be asked' },
  partiesMasked: { zh: '个人信息已遮蔽。', en: 'Personal data is masked.' },
  partiesOpen: { zh: '个人信息已打开，此次查看已记录。', en: 'Personal data is open; this view was recorded.' },
  mayNotOpenParties: { zh: '您的角色不能查看当事人的完整个人信息。此次请求已记录。', en: 'Your role may not open the parties’ personal data in full. This request was recorded.' },
  mayNotReadCases: { zh: '您的角色不能查看案件。此次请求已记录。', en: 'Your role may not see cases. This request was recorded.' },
  name: { zh: '姓名/名称', en: 'Name' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  phone: { zh: '电话', en: 'Phone' },
  address: { zh: '地址', en: 'Address' },
  role: { zh: '身份', en: 'Role' },
  application: { zh: '申请内容', en: 'The application' },
  claims: { zh: '请求事项', en: 'Claims' },
  facts: { zh: '事实与理由', en: 'Facts and reasons' },
  applicationClosed: { zh: '打开当事人信息后显示申请内容。', en: 'Open the parties to read the application.' },
  timeline: { zh: '经过', en: 'Timeline' },
  actor: { zh: '操作人', en: 'By' },
  reason: { zh: '理由', en: 'Reason' },
  documents: { zh: '文书', en: 'Documents' },
  noDocuments: { zh: '暂无文书。', en: 'No documents yet.' },
  disputeDocuments: { zh: '原调解案件的文书：', en: 'Documents of the mediated case:' },
  linked: { zh: '关联案件', en: 'Linked cases' },
  calls: { zh: '视频通话与附件', en: 'Video calls and attachments' },
  openIntake: { zh: '查看终端提交的原始申请、附件和通话记录', en: 'The kiosk filing as received, its attachments and calls' },
  agreement: { zh: '调解协议与签署', en: 'Mediation agreement and signing' },
  actions: { zh: '可办理的事项', en: 'What you can do now' },
  noActions: { zh: '您目前不能对此案件进行操作。', en: 'There is nothing you can do on this case now.' },
  submit: { zh: '确认提交', en: 'Submit' },
  optional: { zh: '（选填）', en: '(optional)' },
  choose: { zh: '请选择', en: 'Choose' },
  daysLeft: { zh: '剩余 {n} 天', en: '{n} days left' },
  lastDay: { zh: '今天到期', en: 'Due today' },
  overdueDays: { zh: '已超期 {n} 天', en: '{n} days overdue' },
  done: { zh: '已办理。', en: 'Done.' },
  notFound: { zh: '没有这个案件，或不在您的职责范围内。', en: 'No such case, or it is not in your part of the court.' },
  mediationDue: { zh: '调解期限', en: 'Mediation due' },
  applyBy: { zh: '申请确认期限', en: 'Apply for confirmation by' },
  rulingDue: { zh: '裁定期限', en: 'Ruling due' },
  sessions: { zh: '调解安排', en: 'Sessions' },
  stateNotChecked: { zh: '暂时无法查看协议是否已生成，{n} 秒后自动再查。', en: 'The agreement’s state could not be checked just now; checking again in {n} s.' },
  sessionEnded: { zh: '您的登录已失效，本页已停止自动更新。', en: 'Your session has ended; this page no longer updates itself.' },
  roleRefusedPolling: {
    zh: '您的角色不能查看此案件的协议，本页已停止自动更新。如需查看，请联系有此权限的同事。',
    en: 'Your role may not see this case’s agreement; this page no longer updates itself. Ask a colleague whose role allows it.',
  },
  passwordRefusedPolling: {
    zh: '您的密码须先修改，本页已停止自动更新。',
    en: 'Your password must be changed first; this page no longer updates itself.',
  },
  signInAgain: { zh: '重新登录', en: 'Sign in again' },
} as const satisfies Record<string, Words>;
export type WordKey = keyof typeof consoleWords;

/** A speaker for one language: `say(words)` gives escaped text; `{n}` is filled from `vars`. */
export function speaker(lang: Lang) {
  const text = (w: Words | WordKey, vars: Record<string, string | number> = {}): string => {
    const words = typeof w === 'string' ? consoleWords[w] : w;
    return words[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  };
  return {
    lang,
    text,
    /** Escaped for HTML. */
    say: (w: Words | WordKey, vars?: Record<string, string | number>): string => escapeHtml(text(w, vars)),
  };
}
export type Speaker = ReturnType<typeof speaker>;
