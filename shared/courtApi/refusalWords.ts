import type { Words } from '../cases/caseLabels.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../staff/passwordStrength.js';
import type { CourtErrorCode } from './errors.js';

// How a refused or failed staff request reads, in one place: the console's pages and the mediator
// desk turn every hub answer that is not a success into these words (never "HTTP 409"). The status
// decides what the person does next; the code, when the hub gave one we know, says what failed.

/**
 * What the person does next: look again, ask someone with the role, change their password, keep to
 * their own part, open the hub at its own address (a request from another site's page), sign in,
 * fix a field, or retry.
 */
export type RefusalKind = 'stale' | 'rule' | 'role' | 'password' | 'scope' | 'crossSite' | 'signedOut' | 'fields' | 'notFound' | 'tooMany' | 'retry';

/** `status` null: no answer came (the network, the hub down). */
export function refusalKind(status: number | null, code = ''): RefusalKind {
  if (status === null || status >= 500) return 'retry';
  if (status === 401) return 'signedOut';
  // a 403 is the role's, unless the hub said it is the password to change, the part of the court asked for, or another site's page
  if (status === 403) return code === 'PASSWORD_CHANGE_REQUIRED' ? 'password' : code === 'OWN_SITE_ONLY' ? 'scope' : code === 'CROSS_SITE' ? 'crossSite' : 'role';
  if (status === 404) return 'notFound';
  if (status === 409) return code === 'STALE_CASE' ? 'stale' : 'rule';
  if (status === 429) return 'tooMany';
  return 'fields';
}

const w = (zh: string, en: string): Words => ({ zh, en });

/** What to do, by kind (said after what failed). */
export const refusalAdvice: Record<RefusalKind, Words> = {
  stale: w('下面是案件当前的情况，请核对后再操作。', 'This is the case as it is now; check it and try again.'),
  rule: w('没有保存任何内容。页面显示的是现在的情况。', 'Nothing was saved. The page shows how things stand now.'),
  role: w('没有保存任何内容。如需办理，请联系有此权限的同事。', 'Nothing was saved. Ask a colleague whose role allows it.'),
  password: w('没有保存任何内容。请先修改密码，然后再办理。', 'Nothing was saved. Change your password first, then do this again.'),
  scope: w('没有保存任何内容。', 'Nothing was saved.'),
  crossSite: w(
    '没有保存任何内容。请从本系统的地址打开工作台后再试；如果一直如此，请联系信息技术人员。',
    'Nothing was saved. Open the console at this hub’s own address and try again; if it keeps happening, call IT.',
  ),
  signedOut: w('没有保存任何内容。请重新登录，登录后会回到本页。', 'Nothing was saved. Sign in again; you will come back to this page.'),
  fields: w('没有保存任何内容。请改正后再提交。', 'Nothing was saved. Correct it and submit again.'),
  notFound: w('没有保存任何内容。', 'Nothing was saved.'),
  tooMany: w('没有保存任何内容。请稍等片刻再试。', 'Nothing was saved. Wait a moment and try again.'),
  retry: w('没有保存任何内容。请稍后再试；如果一直不行，请联系信息技术人员。', 'Nothing was saved. Try again shortly; if it keeps failing, call IT.'),
};

/** What to do after a refusal of a request that only reads (a page, a list): nothing was going to be saved, so it is not said. */
export const readAdvice: Record<RefusalKind, Words> = {
  stale: refusalAdvice.stale,
  rule: w('页面显示的是现在的情况。', 'The page shows how things stand now.'),
  role: w('如需查看，请联系有此权限的同事。', 'Ask a colleague whose role allows it.'),
  password: w('请先修改密码，然后再查看。', 'Change your password first, then look again.'),
  scope: w('其他站点的数据请联系法院的同事查看。', 'For another site’s figures, ask a colleague at the court.'),
  crossSite: w('请从本系统的地址打开工作台后再试；如果一直如此，请联系信息技术人员。', 'Open the console at this hub’s own address and try again; if it keeps happening, call IT.'),
  signedOut: w('请重新登录，登录后会回到本页。', 'Sign in again; you will come back to this page.'),
  fields: w('请改正后再试。', 'Correct it and try again.'),
  notFound: w('请返回上一页核对。', 'Go back and check.'),
  tooMany: w('请稍等片刻再试。', 'Wait a moment and try again.'),
  retry: w('请稍后再试；如果一直不行，请联系信息技术人员。', 'Try again shortly; if it keeps failing, call IT.'),
};

/** What failed, by kind, when the hub's code is not one we know. */
const kindWords: Record<RefusalKind, Words> = {
  stale: w('有人已先处理了此案件。', 'Someone acted on this case first.'),
  rule: w('这一步现在不能办理。', 'This cannot be done at this step.'),
  role: w('您的角色不能办理这一事项。', 'Your role may not do this.'),
  password: w('您的密码须先修改。', 'Your password must be changed first.'),
  scope: w('您只能查看本站点的数据。', 'You may see only your own site’s figures.'),
  crossSite: w('这个请求不是从本系统的页面发出的，已拒绝。', 'This request did not come from this hub’s own pages, so it was refused.'),
  signedOut: w('您的登录已失效。', 'You have been signed out.'),
  fields: w('填写的内容有误。', 'Something in the form is not right.'),
  notFound: w('要办理的对象已不存在，或不在您的职责范围内。', 'What this was about no longer exists, or is not in your part of the court.'),
  tooMany: w('操作太频繁。', 'Too many requests.'),
  retry: w('法院服务暂时没有响应。', 'The court hub did not answer.'),
};

/** What failed, by the hub's code (shared/courtApi/errors.ts and the hub's own). */
const codeWords: Partial<Record<CourtErrorCode | 'CROSS_SITE' | 'UNAVAILABLE' | 'INTERNAL', Words>> = {
  STALE_CASE: kindWords.stale,
  TRANSITION_NOT_ALLOWED: w('案件已不在可以办理这一步的阶段。', 'The case is no longer at a step where this can be done.'),
  ROLE_NOT_ALLOWED: kindWords.role,
  OUT_OF_SCOPE: w('此案件不在您的职责范围内。', 'This case is not in your part of the court.'),
  FORBIDDEN: kindWords.role,
  INVALID_PAYLOAD: kindWords.fields,
  INVALID_INPUT: kindWords.fields,
  INVALID_REFERENCE: w('所选的组织、人员、站点或文书不存在或已停用。', 'An organisation, person, site or document chosen does not exist or is no longer active.'),
  // CONFLICT is also an admin's own account, a service account's password, a call with no case yet: words for all of them
  CONFLICT: w('这一操作与现在的情况不符（例如名称已被使用，或状态刚刚变了）。', 'This does not fit how things stand now (a name already in use, say, or a state that has just changed).'),
  EXTENSION_USED: w('唯一一次延期已经用过。', 'The one extension allowed has been used.'),
  PERIOD_ENDED: w('办理期限已过。', 'The period for this has ended.'),
  SESSION_NOT_SCHEDULED: w('没有这场已安排的调解。', 'No such scheduled session.'),
  SESSION_NOT_YET: w('这场调解安排在 {date} 开始，开始之前不能记为已进行。', 'This session is arranged to start at {date}; it cannot be recorded as held before then.'),
  CALL_ALREADY_HELD: w(
    '这次视频通话已记为本案的一场调解，一次通话只能记一场。如果安排的这场调解没有另外进行，请将其取消。',
    'This video call is already recorded as a session of this case; one call is one session. If the arranged session did not take place separately, cancel it.',
  ),
  AGREEMENT_NOT_DRAFTED: w('还没有起草调解协议。', 'No agreement has been drafted yet.'),
  ALREADY_SIGNED: w('这位签署人已经签过了。', 'This signer has already signed.'),
  SIGNATURES_MISSING: w('还有当事人没有签署。', 'Not every party has signed yet.'),
  NOT_THE_OUTCOME: w('这一事项不能撤销。', 'That event cannot be voided.'),
  WEAK_PASSWORD: w('新密码不够安全。', 'The new password is not strong enough.'),
  PASSWORD_CHANGE_REQUIRED: kindWords.password,
  OWN_SITE_ONLY: kindWords.scope,
  CROSS_SITE: kindWords.crossSite,
  SIGN_IN_LOCKED: w('尝试次数过多，账号暂时锁定。', 'Too many attempts; sign-in is locked for now.'),
  RATE_LIMITED: kindWords.tooMany,
  TOO_LARGE: w('文件或内容太大。', 'The file or text is too large.'),
  UNSUPPORTED_MEDIA_TYPE: w('文件类型不支持。', 'This type of file is not accepted.'),
  DOCUMENTS_UNAVAILABLE: w('本服务器暂时不能生成文书，请上传文书。', 'This hub cannot draw documents now; upload the document instead.'),
  UNAVAILABLE: w('法院服务暂时无法连接数据库。', 'The court hub cannot reach its database just now.'),
  INTERNAL: kindWords.retry,
};

export interface RefusalSaid {
  kind: RefusalKind;
  /** What failed. */
  failed: Words;
  /** What to do. */
  advice: Words;
}

/** What a refusal's words depend on beyond its status and code. */
export interface RefusalFacts {
  /** The court time the hub's refusal names (SESSION_NOT_YET: the session's start), put into its words. */
  date?: string | undefined;
  /** Whether the refused request would have saved something (default): only then is "nothing was saved" said. */
  write?: boolean | undefined;
}

/** The link that goes with a 'password' refusal, to the console's page for it (consolePaths.password). */
export const changePasswordLink = w('修改密码', 'Change your password');

/** The words for a refusal: what failed (the code's, else the kind's) and what to do (the kind's, for a write or a read). */
export function refusalSaid(status: number | null, code = '', { date, write = true }: RefusalFacts = {}): RefusalSaid {
  const kind = refusalKind(status, code);
  // a 5xx's code is the hub's fault, never the person's: the kind's words, unless it is the outage
  const known = kind === 'retry' && code !== 'UNAVAILABLE' ? undefined : codeWords[code as keyof typeof codeWords];
  // words that name a day the answer did not give fall back to the kind's
  const failed = known && known.en.includes('{date}') ? (date ? { zh: known.zh.replace('{date}', date), en: known.en.replace('{date}', date) } : undefined) : known;
  return { kind, failed: failed ?? kindWords[kind], advice: (write ? refusalAdvice : readAdvice)[kind] };
}

/**
 * What the API's field refusals say (their i18n keys: server/cases/caseActions.ts, the schemas of
 * shared/courtApi, shared/staff/passwordStrength.ts), in staff words; the console names the field
 * by its form's label before them (server/console/notice.ts issueText).
 */
export const fieldWords: Readonly<Record<string, Words>> = {
  'errors.call.required': w('视频调解须填写该场视频通话的编号。', 'A video session needs the id of the call it was held on.'),
  'errors.call.unknown': w(
    '没有这个视频通话编号，请核对（本案的通话记录见右侧“视频通话与附件”）。',
    'There is no call with that id; check it (this case’s calls are under “Video calls and attachments”).',
  ),
  'errors.call.notThisCase': w(
    '该视频通话不是关于本案的通话（须是当事人就本申请发起、并由调解员接听的通话）。',
    'That call is not about this case (it must be a call the party made about this filing, answered by a mediator).',
  ),
  'errors.confirmation.none': w('没有关联的司法确认案件。', 'There is no linked confirmation case.'),
  'errors.document.unknown': w('本案没有该文书。', 'This case has no such document.'),
  'errors.event.unknown': w('本案没有该事项。', 'This case has no such event.'),
  'errors.mediator.unknown': w('该调解员不属于所选调解组织或已停用。', 'That mediator is not an active member of the organisation chosen.'),
  'errors.organisation.unknown': w('没有该调解组织或已停用。', 'No such active mediation organisation.'),
  'errors.signature.notPng': w('签名图像无法读取。', 'The signature image cannot be read.'),
  'errors.site.unknown': w('没有该站点或已停用。', 'No such active site.'),
  'errors.close.cause': w('该结案原因与案件现状不符。', 'That reason for closing does not fit where the case stands.'),
  'errors.session.past': w('调解时间不能早于今天。', 'A session cannot be scheduled on a day that has passed.'),
  'errors.password.currentWrong': w('不正确。', 'Not correct.'),
  'errors.password.tooShort': w(`至少要有 ${PASSWORD_MIN_LENGTH} 个字符。`, `Use at least ${PASSWORD_MIN_LENGTH} characters.`),
  'errors.password.tooLong': w(`不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  'errors.password.tooSimple': w(
    '太简单：请混用大写字母、小写字母、数字和符号中的至少三类，或用 16 个字符以上的一句话。',
    'Too simple: mix at least three of capitals, small letters, digits and symbols, or use a phrase of 16 characters or more.',
  ),
  'errors.password.common': w('太常见，容易被猜到。', 'Too common; easily guessed.'),
  'errors.password.containsUsername': w('不能包含用户名。', 'Must not contain the username.'),
  'errors.username.format': w('3–32 个字母、数字或 . _ -，以字母或数字开头。', '3–32 letters, digits or . _ -, starting with a letter or digit.'),
  'errors.organisationId.required': w('调解员必须选择调解组织。', 'A mediator needs an organisation.'),
  'errors.siteId.required': w('柜台人员必须选择站点。', 'Counter staff need a site.'),
  'errors.referenceCase.required': w('必填。', 'Required.'),
  'errors.referenceCase.tooLong': w('太长了。', 'Too long.'),
  'errors.referenceCase.disputeType': w('请选择纠纷类型。', 'Choose a dispute type.'),
  'errors.update.empty': w('没有要修改的内容。', 'Nothing to change.'),
  'errors.field.required': w('必填。', 'Required.'),
  'errors.field.invalid': w('填写的内容不符合要求，请核对。', 'Not valid; check it.'),
  'errors.field.unexpected': w('这一项不属于这个操作。', 'Not part of this action.'),
};

/** A field whose refusal has no words of its own: named, and asked to be checked. */
export const checkField = w('请核对。', 'Check it.');
