import type { nextStepOnFiling } from './cases/residentStage.js';
import type { Language } from './intake.js';
import type { ReceiptState } from './receiptState.js';

// The words of the resident's receipt, printed and on screen, in plain language. One place for
// them: the kiosk agent builds the printed receipt itself (it never takes receipt text from the
// renderer), and the receipt screen shows the same sections from the agent.
//
// The legal facts stated here, kept deliberately general (no article numbers a resident cannot use):
// - 人民调解 is free and generally concluded within about a month (人民调解法 Art. 4; 司法部
//   《人民调解工作若干规定》).
// - 诉前调解 (court-commissioned, 委派调解) runs up to 30 days, longer only if both sides agree
//   (最高人民法院《关于人民法院特邀调解的规定》, 《关于进一步完善委派调解机制的指导意见》).
// - A mediation agreement can be judicially confirmed if both sides apply together within 30 days
//   of it taking effect (人民调解法 Art. 33; 民事诉讼法 Art. 205).
// - Filing here is an application for mediation, not the court's acceptance of a lawsuit (立案).
// - 12368 is the courts' national litigation service hotline.
// What comes next is the court's decision on how the dispute goes on (shared/cases/residentStage.ts
// nextStepOnFiling, what check-my-case says too); no rule sets a time for it, so none is promised.

export interface ReceiptText {
  title: string;
  subtitle: string;
  provisionalNumber: string;
  caseNumber: string;
  submittedAt: string;
  courtTimeSuffix: string;
  applicant: string;
  idNumber: string;
  creditCode: string;
  phone: string;
  disputeType: string;
  place: string;
  status: string;
  /** The delivery state; `at` is the court time ("14:03") the hub acknowledged, when it has. */
  states: Record<ReceiptState, (at: string | null) => string>;
  caseNumberPending: string;
  qrCaption: string;
  nextStepsTitle: string;
  nextSteps: {
    /** The step that comes after filing, said with the phone to keep on. */
    filed: Record<typeof nextStepOnFiling, (phoneMasked: string | null) => string>;
    mode: Record<'video_now' | 'scheduled' | 'in_person', string>;
    keep: string;
  };
  timeLimitsTitle: string;
  timeLimits: string[];
  askTitle: string;
  ask: string[];
  footer: string;
}

const zhCN: ReceiptText = {
  title: '调解申请回执',
  subtitle: '诉前调解自助服务',
  provisionalNumber: '临时编号',
  caseNumber: '案号',
  submittedAt: '提交时间',
  courtTimeSuffix: '（北京时间）',
  applicant: '申请人',
  idNumber: '身份证号码',
  creditCode: '统一社会信用代码',
  phone: '联系电话',
  disputeType: '纠纷类型',
  place: '提交地点',
  status: '状态',
  states: {
    saved: () => '已保存在本终端，正在发送给法院',
    waiting_for_network: () => '已保存在本终端。现在连不上法院，网络恢复后会自动发送',
    delivered: (at) => (at ? `已于 ${at} 送达法院` : '已送达法院'),
    needs_attention: () => '已保存在本终端，工作人员会帮您完成发送',
  },
  caseNumberPending: '法院登记后给出案号。可扫描二维码，或在自助终端点“查询进度”查看',
  qrCaption: '用手机扫码，输入手机号即可查询进度',
  nextStepsTitle: '接下来',
  nextSteps: {
    filed: {
      await_diversion: (phone) => `法院收到后会决定下一步怎么办（调解或立案），并会联系您。请保持${phone ? `手机 ${phone} ` : '电话'}畅通，等待法院联系。`,
    },
    mode: {
      video_now: '您选择了现在视频调解：在自助终端上点“视频连线调解员”就可以排队连线。',
      scheduled: '您选择了约时间视频调解：转给调解员后，调解员会按您方便的时间安排。',
      in_person: '您选择了到现场调解：转给调解员后，调解员会和您约定时间和地点。',
    },
    keep: '请保管好这张回执。查询进度：扫描二维码，或在自助终端点“查询进度”，输入临时编号和手机号。',
  },
  timeLimitsTitle: '办理时限',
  timeLimits: [
    '调解一般在30日内结束；双方都同意的，可以适当延长。',
    '调解成功的，双方签订调解协议。需要司法确认的，双方可以在协议生效之日起30日内一起向法院申请。',
    '调解不成或者对方不愿调解的，您可以依法向法院起诉。',
  ],
  askTitle: '有疑问',
  ask: ['请问本中心工作人员，或拨打12368诉讼服务热线。'],
  footer: '本回执证明您已提交调解申请，不是法院立案通知。',
};

const en: ReceiptText = {
  title: 'Mediation application receipt',
  subtitle: 'Pre-litigation mediation self-service',
  provisionalNumber: 'Provisional number',
  caseNumber: 'Case number',
  submittedAt: 'Submitted',
  courtTimeSuffix: ' (Beijing time)',
  applicant: 'Applicant',
  idNumber: 'ID number',
  creditCode: 'Credit code',
  phone: 'Phone',
  disputeType: 'Type of dispute',
  place: 'Submitted at',
  status: 'Status',
  states: {
    saved: () => 'Saved on this kiosk; being sent to the court now',
    waiting_for_network: () => 'Saved on this kiosk. The court cannot be reached now; it will be sent when the network returns',
    delivered: (at) => (at ? `Delivered to the court at ${at}` : 'Delivered to the court'),
    needs_attention: () => 'Saved on this kiosk; staff will help finish sending it',
  },
  caseNumberPending: 'The court gives the case number when it registers the dispute. Check it by scanning the QR code or with "Check my case" at the kiosk',
  qrCaption: 'Scan with your phone and enter your mobile number to check progress',
  nextStepsTitle: 'What happens next',
  nextSteps: {
    filed: {
      await_diversion: (phone) =>
        `The court will decide how the dispute goes on (mediation or a lawsuit) and will contact you. Please keep your phone${phone ? ` ${phone}` : ''} switched on and wait for the court's call.`,
    },
    mode: {
      video_now: 'You chose video mediation now: tap "Talk to a mediator" on the screen.',
      scheduled: 'You chose video mediation at an agreed time: once a mediator has your dispute, they will arrange a time that suits you.',
      in_person: 'You chose mediation in person: once a mediator has your dispute, they will agree a time and place with you.',
    },
    keep: 'Keep this receipt. To check progress, scan the QR code, or tap "Check my case" at the kiosk and enter the provisional number and your mobile number.',
  },
  timeLimitsTitle: 'Time limits',
  timeLimits: [
    'Mediation usually ends within 30 days; it can be extended if both sides agree.',
    'If mediation succeeds, both sides sign an agreement. To have it confirmed by the court, both sides apply together within 30 days of the agreement taking effect.',
    'If mediation fails or the other side will not take part, you may take the case to court.',
  ],
  askTitle: 'Questions',
  ask: ['Ask the staff at this centre, or call the court service hotline 12368.'],
  footer: 'This receipt shows that you applied for mediation. It is not notice that the court has accepted a lawsuit.',
};

export function receiptText(language: Language): ReceiptText {
  return language === 'en' ? en : zhCN;
}
