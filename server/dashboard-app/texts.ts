import { caseStates } from '../../shared/cases/lifecycle.js';
import { disputeLabels } from '../../shared/disputeLabels.js';
import type { DisputeType } from '../../shared/disputeTypes.js';

// The dashboard pages' words in both languages (zh-CN first); indicator names and formulas come
// from shared/dashboard/indicators.ts, dispute types from shared/disputeLabels.ts.

export type Language = 'zh' | 'en';

export const texts = {
  title: { zh: '诉源治理指挥管理系统', en: 'Dispute-source governance command centre' },
  workingView: { zh: '工作视图', en: 'Working view' },
  wall: { zh: '指挥大屏', en: 'Command wall' },
  trend: { zh: '受理趋势', en: 'Disputes received over time' },
  terminals: { zh: '终端设备', en: 'Terminals' },
  helpRequests: { zh: '请求协助', en: 'Help requests' },
  from: { zh: '起始日', en: 'From' },
  to: { zh: '截止日', en: 'To' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  channel: { zh: '受理渠道', en: 'Channel' },
  all: { zh: '全部', en: 'All' },
  apply: { zh: '查询', en: 'Show' },
  court: { zh: '全院', en: 'Whole court' },
  site: { zh: '站点', en: 'Site' },
  organisation: { zh: '调解组织', en: 'Organisation' },
  mediator: { zh: '调解员', en: 'Mediator' },
  byLevel: { zh: '分项', en: 'Breakdown' },
  cases: { zh: '案件清单', en: 'Cases' },
  caseNumber: { zh: '案号', en: 'Case number' },
  state: { zh: '状态', en: 'State' },
  day: { zh: '日期', en: 'Day' },
  amount: { zh: '计数', en: 'Counts' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export XLSX' },
  signIn: { zh: '请先在工作台登录。', en: 'Please sign in at the console first.' },
  toConsole: { zh: '前往登录', en: 'Sign in' },
  backToConsole: { zh: '返回工作台', en: 'Back to the console' },
  noData: { zh: '暂无数据', en: 'No data' },
  total: { zh: '共', en: 'Total' },
  formula: { zh: '口径', en: 'Formula' },
  unassigned: { zh: '（未分配）', en: '(not assigned)' },
  events: { zh: '事件', en: 'Events' },
  voided: { zh: '已撤销', en: 'voided' },
  close: { zh: '关闭', en: 'Close' },
  updated: { zh: '更新于', en: 'Updated' },
  map: { zh: '站点分布', en: 'Sites' },
  byType: { zh: '纠纷类型构成', en: 'Disputes by type' },
  bySite: { zh: '各站点受理与分流', en: 'Received and diverted by site' },
  partialBucket: { zh: '* {bucket}：统计期间只含其中 {days}/{of} 天，数字偏小不代表下降', en: '* {bucket}: the period holds only {days} of its {of} days; a smaller figure, not a fall' },
  recordsBeginBucket: {
    zh: '* {bucket}：本系统记录自 {from} 起，只含其中 {days}/{of} 天，数字偏小不代表下降',
    en: '* {bucket}: the records begin on {from}, so it holds only {days} of its {of} days; a smaller figure, not a fall',
  },
  beforeRecords: { zh: '{buckets}：早于本系统记录起始日（{from}），没有数据，图中不画出', en: '{buckets}: before the records begin ({from}); no data, not drawn' },
  noRecords: { zh: '{buckets}：本系统尚无收案记录，图中不画出', en: '{buckets}: no dispute recorded yet, not drawn' },
  // beside a headline figure whose period ended before the records begin (the date is in the trend's note), or when there are none yet
  figureBeforeRecords: { zh: '早于记录起始日，无数据', en: 'Before the records begin' },
  noRecordsYet: { zh: '尚无收案记录', en: 'Nothing recorded yet' },
  notBegunBucket: { zh: '* {bucket}：尚未开始，图中不画出', en: '* {bucket}: not begun yet, not drawn' },
  topSites: { zh: '收案前{n}名，共{total}个站点', en: 'top {n} of {total}' },
  mapNamed: { zh: '标出收案最多的{n}个站点名称，共{total}个', en: 'names of the {n} busiest of {total}' },
  period: { zh: '统计期间', en: 'Period' },
  language: { zh: 'English', en: '中文' },
  more: { zh: '下一页', en: 'Next page' },
  sitePage: { zh: '站点页', en: 'Site page' },
  failed: { zh: '数据暂时无法读取，稍后自动重试。', en: 'The figures cannot be read just now; retrying shortly.' },
} satisfies Record<string, Record<Language, string>>;

export type TextKey = keyof typeof texts;

export const channelNames: Record<string, Record<Language, string>> = {
  kiosk: { zh: '自助终端', en: 'Kiosk' },
  counter: { zh: '服务窗口', en: 'Service counter' },
  court: { zh: '法院立案', en: 'At the court' },
};

export const siteKindNames: Record<string, Record<Language, string>> = {
  court: { zh: '法院', en: 'Court' },
  tribunal: { zh: '人民法庭', en: "People's tribunal" },
  centre: { zh: '综治中心', en: 'Dispute centre' },
  grid: { zh: '网格点', en: 'Grid point' },
};

const stateNames: Record<(typeof caseStates)[number], Record<Language, string>> = {
  received: { zh: '已收案', en: 'Received' },
  in_mediation: { zh: '调解中', en: 'In mediation' },
  settled: { zh: '调解成功', en: 'Settled' },
  agreement_signed: { zh: '协议已签', en: 'Agreement signed' },
  in_confirmation: { zh: '司法确认中', en: 'In confirmation' },
  confirmed: { zh: '已司法确认', en: 'Confirmed' },
  confirmation_refused: { zh: '确认被驳回', en: 'Confirmation refused' },
  failed: { zh: '调解不成', en: 'Mediation failed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  filed: { zh: '已立案', en: 'Filed' },
  closed: { zh: '已结', en: 'Closed' },
  confirmation_pending: { zh: '确认待审', en: 'Confirmation pending' },
  confirmation_granted: { zh: '确认裁定', en: 'Confirmation granted' },
  confirmation_denied: { zh: '不予确认', en: 'Confirmation denied' },
  lawsuit_filed: { zh: '诉讼立案', en: 'Lawsuit filed' },
};

/** The types a chart sums into one slice or line, said one way on every chart (the wall's ring, the trend lines): how many it holds, never "其他", which is the dispute type 其他 (shared/disputeLabels.ts). */
const otherTypesWords = { zh: ['其余{n}类', '其余{n}类'], en: ['{n} other type', '{n} other types'] } as const satisfies Record<Language, readonly [string, string]>;
export const otherTypesName = (n: number, lang: Language) => otherTypesWords[lang][n === 1 ? 0 : 1].replace('{n}', String(n));

export const stateName = (state: string, lang: Language) => stateNames[state as keyof typeof stateNames]?.[lang] ?? state;
export const typeName = (type: string, lang: Language) => disputeLabels[type as DisputeType]?.[lang] ?? type;
export const channelName = (channel: string, lang: Language) => channelNames[channel]?.[lang] ?? channel;
