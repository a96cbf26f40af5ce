import type { Words } from '../cases/caseLabels.js';
import type { CourtErrorCode } from './errors.js';

// How a refused or failed staff request reads, in one place: the console's pages and the mediator
// desk turn every hub answer that is not a success into these words (never "HTTP 409"). The status
// decides what the person does next; the code, when the hub gave one we know, says what failed.

/** What the person does next: look again, ask someone with the role, sign in, fix a field, or retry. */
export type RefusalKind = 'stale' | 'rule' | 'role' | 'signedOut' | 'fields' | 'notFound' | 'tooMany' | 'retry';

/** `status` null: no answer came (the network, the hub down). */
export function refusalKind(status: number | null, code = ''): RefusalKind {
  if (status === null || status >= 500) return 'retry';
  if (status === 401) return 'signedOut';
  if (status === 403) return 'role';
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
  signedOut: w('没有保存任何内容。请重新登录，登录后会回到本页。', 'Nothing was saved. Sign in again; you will come back to this page.'),
  fields: w('没有保存任何内容。请改正后再提交。', 'Nothing was saved. Correct it and submit again.'),
  notFound: w('没有保存任何内容。', 'Nothing was saved.'),
  tooMany: w('没有保存任何内容。请稍等片刻再试。', 'Nothing was saved. Wait a moment and try again.'),
  retry: w('没有保存任何内容。请稍后再试；如果一直不行，请联系信息技术人员。', 'Nothing was saved. Try again shortly; if it keeps failing, call IT.'),
};

/** What failed, by kind, when the hub's code is not one we know. */
const kindWords: Record<RefusalKind, Words> = {
  stale: w('有人已先处理了此案件。', 'Someone acted on this case first.'),
  rule: w('这一步现在不能办理。', 'This cannot be done at this step.'),
  role: w('您的角色不能办理这一事项。', 'Your role may not do this.'),
  signedOut: w('您的登录已失效。', 'You have been signed out.'),
  fields: w('填写的内容有误。', 'Something in the form is not right.'),
  notFound: w('要办理的对象已不存在，或不在您的职责范围内。', 'What this was about no longer exists, or is not in your part of the court.'),
  tooMany: w('操作太频繁。', 'Too many requests.'),
  retry: w('法院服务暂时没有响应。', 'The court hub did not answer.'),
};

/** What failed, by the hub's code (shared/courtApi/errors.ts and the hub's own). */
const codeWords: Partial<Record<CourtErrorCode | 'UNAVAILABLE' | 'INTERNAL', Words>> = {
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
  AGREEMENT_NOT_DRAFTED: w('还没有起草调解协议。', 'No agreement has been drafted yet.'),
  ALREADY_SIGNED: w('这位签署人已经签过了。', 'This signer has already signed.'),
  SIGNATURES_MISSING: w('还有当事人没有签署。', 'Not every party has signed yet.'),
  NOT_THE_OUTCOME: w('这一事项不能撤销。', 'That event cannot be voided.'),
  WEAK_PASSWORD: w('新密码不够安全。', 'The new password is not strong enough.'),
  PASSWORD_CHANGE_REQUIRED: w('请先修改密码。', 'Change your password first.'),
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

/** The words for a refusal: what failed (the code's, else the kind's) and what to do (the kind's). */
export function refusalSaid(status: number | null, code = ''): RefusalSaid {
  const kind = refusalKind(status, code);
  // a 5xx's code is the hub's fault, never the person's: the kind's words, unless it is the outage
  const known = kind === 'retry' && code !== 'UNAVAILABLE' ? undefined : codeWords[code as keyof typeof codeWords];
  return { kind, failed: known ?? kindWords[kind], advice: refusalAdvice[kind] };
}
