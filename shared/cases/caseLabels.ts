import type { StaffRole } from '../staff/roles.js';
import type { IntakeChannel, recordingStopCauses } from './caseEvents.js';
import type { documentKinds } from '../courtApi/cases.js';
import type { CaseEventType, CaseKind, CaseState } from './lifecycle.js';

// What staff read for each word of the case life cycle, in Chinese and English, written once: the
// console's work lists, case pages and timelines, and the API's exports all name states, kinds,
// channels, events and roles from these tables.

export interface Words {
  zh: string;
  en: string;
}

export const stateLabels: Record<CaseState, Words> = {
  received: { zh: '待分流', en: 'Waiting for diversion' },
  in_mediation: { zh: '调解中', en: 'In mediation' },
  settled: { zh: '已达成调解', en: 'Settled' },
  agreement_signed: { zh: '协议已签署', en: 'Agreement signed' },
  in_confirmation: { zh: '司法确认中', en: 'Judicial confirmation under way' },
  confirmed: { zh: '已司法确认', en: 'Judicially confirmed' },
  confirmation_refused: { zh: '不予确认', en: 'Confirmation refused' },
  failed: { zh: '调解不成', en: 'Mediation failed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  filed: { zh: '已转立案', en: 'Filed as a lawsuit' },
  closed: { zh: '已结案', en: 'Closed' },
  confirmation_pending: { zh: '审查中', en: 'Before the judge' },
  confirmation_granted: { zh: '裁定确认', en: 'Ruled: confirmed' },
  confirmation_denied: { zh: '裁定不予确认', en: 'Ruled: refused' },
  lawsuit_filed: { zh: '已立案', en: 'Lawsuit filed' },
};

export const kindLabels: Record<CaseKind, Words> = {
  dispute: { zh: '诉前调解', en: 'Pre-litigation mediation' },
  confirmation: { zh: '司法确认', en: 'Judicial confirmation' },
  lawsuit: { zh: '民事一审', en: 'Civil lawsuit' },
};

export const documentKindLabels: Record<(typeof documentKinds)[number], Words> = {
  agreement_draft: { zh: '调解协议书（草稿）', en: 'Mediation agreement (draft)' },
  agreement_signed: { zh: '调解协议书（已签署）', en: 'Mediation agreement (signed)' },
  ruling: { zh: '裁定书', en: 'Ruling' },
  /** A room's signed record: named by the room's mode where its events are known (./documentLabel.ts). */
  record: { zh: '调解笔录', en: 'Mediation record' },
  recording: { zh: '录音录像', en: 'Recording' },
  signature: { zh: '签名', en: 'Signature' },
  evidence: { zh: '证据材料', en: 'Evidence' },
  other: { zh: '其他材料', en: 'Other document' },
};

export const channelLabels: Record<IntakeChannel, Words> = {
  kiosk: { zh: '自助终端', en: 'Kiosk' },
  counter: { zh: '远程服务柜台', en: 'Remote service counter' },
  court: { zh: '法院立案窗口', en: 'Court filing desk' },
};

export const eventLabels: Record<CaseEventType, Words> = {
  'case.received': { zh: '收到申请', en: 'Received' },
  'confirmation.opened': { zh: '司法确认立案', en: 'Confirmation case opened' },
  'lawsuit.opened': { zh: '诉讼立案', en: 'Lawsuit opened' },
  'case.diverted': { zh: '分流至调解', en: 'Diverted to mediation' },
  'case.filed_directly': { zh: '直接立案', en: 'Filed directly' },
  'mediator.assigned': { zh: '指定调解员', en: 'Mediator assigned' },
  'mediation.extended': { zh: '延长调解期限', en: 'Mediation extended' },
  'session.scheduled': { zh: '安排调解', en: 'Session scheduled' },
  'session.held': { zh: '调解已进行', en: 'Session held' },
  'session.cancelled': { zh: '取消调解', en: 'Session cancelled' },
  'mediation.settled': { zh: '调解成功', en: 'Settled' },
  'mediation.failed': { zh: '调解不成', en: 'Mediation failed' },
  'mediation.withdrawn': { zh: '撤回申请', en: 'Withdrawn' },
  'agreement.drafted': { zh: '起草调解协议', en: 'Agreement drafted' },
  'agreement.signed': { zh: '签署调解协议', en: 'Agreement signed' },
  'agreement.completed': { zh: '调解协议签署完成', en: 'Agreement complete' },
  'confirmation.applied': { zh: '申请司法确认', en: 'Confirmation applied for' },
  'confirmation.extended': { zh: '延长审查期限', en: 'Ruling period extended' },
  'confirmation.confirmed': { zh: '裁定确认有效', en: 'Ruled: agreement confirmed' },
  'confirmation.refused': { zh: '裁定不予确认', en: 'Ruled: confirmation refused' },
  'case.filed_as_lawsuit': { zh: '转立案', en: 'Filed as a lawsuit' },
  'case.closed': { zh: '结案', en: 'Closed' },
  'case.reopened': { zh: '恢复调解', en: 'Reopened' },
  'case.reclassified': { zh: '更改纠纷类型', en: 'Dispute type changed' },
  'event.corrected': { zh: '更正记录', en: 'Record corrected' },
  'note.added': { zh: '备注', en: 'Note' },
  'room.opened': { zh: '开启视频室', en: 'Video room opened' },
  'room.joined': { zh: '进入视频室', en: 'Joined the video room' },
  'room.admitted': { zh: '准许进入视频室', en: 'Admitted to the video room' },
  'room.left': { zh: '离开视频室', en: 'Left the video room' },
  'room.media.interrupted': { zh: '音视频中断', en: 'Media interrupted' },
  'room.closed': { zh: '关闭视频室', en: 'Video room closed' },
  'recording.requested': { zh: '请求录音录像', en: 'Recording requested' },
  'recording.consented': { zh: '录音录像同意', en: 'Recording consent' },
  'recording.refused': { zh: '拒绝录音录像', en: 'Recording refused' },
  'recording.started': { zh: '开始录音录像', en: 'Recording started' },
  'recording.stopped': { zh: '停止录音录像', en: 'Recording stopped' },
  'recording.deleted': { zh: '录音录像到期删除', en: 'Recording deleted (retention)' },
  'recording.stored': { zh: '保存录音录像', en: 'Recording stored' },
  'record.signed': { zh: '笔录签署', en: 'Record signed' },
  'hearing.opened': { zh: '开庭', en: 'Hearing opened' },
  'floor.given': { zh: '指定发言', en: 'Floor given' },
  'hearing.closed': { zh: '闭庭', en: 'Hearing closed' },
};

/** Why a recording stopped (the `cause` of `recording.stopped`), as the timeline and the Recordings section say it. */
export const recordingStopLabels: Record<(typeof recordingStopCauses)[number], Words> = {
  stopped: { zh: '按要求停止', en: 'Stopped on request' },
  participant_changed: { zh: '视频室人员变动', en: 'The people in the room changed' },
  room_closed: { zh: '视频室关闭', en: 'The room closed' },
  failed: { zh: '录制程序出错', en: 'The recorder failed' },
  interrupted: { zh: '正在录制的法院服务器停止运行', en: 'The court server that was recording it stopped' },
};

/** What became of a stopped recording's file, where that is news. */
export const recordingFileLabels = {
  interrupted: { zh: '录音录像中断', en: 'Recording interrupted' },
  interruptedKept: { zh: '录音录像中断，已保存中断前的部分', en: 'Recording interrupted; the part before it was kept' },
  keptPart: { zh: '已保存中断前的部分', en: 'The part before it was kept' },
  noFile: { zh: '未能保存文件', en: 'No file was kept' },
} as const satisfies Record<string, Words>;

/**
 * An event's name as it happened: most events are named by their type alone, but a recording that
 * stopped because its hub died reads as interrupted, not as if someone stopped it.
 */
export function eventLabel(type: CaseEventType, payload: unknown): Words {
  if (type === 'recording.stopped' && (payload as { cause?: unknown } | null)?.cause === 'interrupted') return recordingFileLabels.interrupted;
  return eventLabels[type];
}

export const roleLabels: Record<StaffRole, Words> = {
  court_admin: { zh: '系统管理员', en: 'Court admin' },
  filing_clerk: { zh: '立案人员', en: 'Filing clerk' },
  judge: { zh: '法官', en: 'Judge' },
  judge_assistant: { zh: '法官助理', en: 'Judge’s assistant' },
  mediator: { zh: '调解员', en: 'Mediator' },
  counter_staff: { zh: '柜台人员', en: 'Counter staff' },
  dashboard_viewer: { zh: '指挥中心', en: 'Dashboard viewer' },
};

/** The reasons and choices an action form offers, by the payload enum they fill. */
export const choiceLabels = {
  consent: {
    application: { zh: '申请书中已同意', en: 'Agreed in the application' },
    in_person: { zh: '当面同意', en: 'Agreed in person' },
    phone: { zh: '电话同意', en: 'Agreed by phone' },
    video: { zh: '视频中同意', en: 'Agreed by video' },
  },
  filedDirectly: {
    refused_mediation: { zh: '当事人不同意调解', en: 'A party refused mediation' },
    excluded_by_law: { zh: '依法不宜调解', en: 'Excluded by law' },
    unsuitable: { zh: '不适宜调解', en: 'Unsuitable for mediation' },
    other: { zh: '其他', en: 'Other' },
  },
  sessionMode: {
    video: { zh: '视频调解', en: 'By video' },
    in_person: { zh: '现场调解', en: 'In person' },
  },
  failed: {
    no_agreement: { zh: '未达成一致', en: 'No agreement' },
    party_absent: { zh: '当事人未到场', en: 'A party did not attend' },
    party_refused: { zh: '当事人拒绝继续', en: 'A party refused to continue' },
    deadline_passed: { zh: '期限届满', en: 'The period ended' },
    other: { zh: '其他', en: 'Other' },
  },
  closed: {
    performed: { zh: '已履行', en: 'Performed' },
    no_confirmation_wanted: { zh: '不申请司法确认', en: 'No confirmation wanted' },
    not_pursued: { zh: '不再主张', en: 'Not pursued' },
    other: { zh: '其他', en: 'Other' },
  },
} as const satisfies Record<string, Record<string, Words>>;
