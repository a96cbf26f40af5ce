import { disputeTypes } from '../../shared/disputeTypes.js';
import type { IntakeSubmission } from '../../shared/intake.js';
import { sampleSubmission } from '../support/fixtures.js';
import type { Rng } from './prng.js';

// Residents' submissions for the fault run: sampleSubmission()-shaped, each with its own UUID,
// and with varied names, mobiles and descriptions. Every personal value handed out is
// remembered, because the log scan must find none of them in any log.

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const givenChars = [...'秀兰英华玉芳桂珍淑凤建国志明永强春梅海燕金花德福文军红霞丽娟晓东立新宝山俊杰家豪子涵欣怡雨轩佳琪梓萱浩然宇航'];
const enFirst = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu'];
const enGiven = ['Xiuying', 'Guilan', 'Jianguo', 'Zhiming', 'Yongqiang', 'Chunmei', 'Haiyan', 'Lihua', 'Defu', 'Hongxia', 'Baoshan', 'Junjie'];
const zhFacts = [
  '邻居装修占用楼道，多次协商未果',
  '借款到期后对方拒不归还本金和利息',
  '物业公司未经同意停止供水供暖',
  '雇主拖欠三个月工资至今未付',
  '交通事故后对方不承担医疗费用',
  '宅基地界线与邻户发生争执',
  '网购商品质量问题商家拒绝退货',
  '承包土地被他人占用耕种',
];
const zhDetails = ['已向村委会反映', '有微信聊天记录为证', '对方态度强硬', '希望调解解决', '涉及金额约两万元', '已持续半年'];
const enFacts = [
  'The neighbour blocked the shared stairwell during renovation',
  'A loan was not repaid after the agreed date',
  'Wages for three months remain unpaid by the employer',
  'The seller refuses to refund a faulty washing machine',
];
const enDetails = ['there are chat records', 'the village committee was informed', 'mediation is preferred'];

export class Residents {
  readonly names = new Set<string>();
  readonly mobiles = new Set<string>();
  readonly descriptions = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): IntakeSubmission {
    const rng = this.rng;
    const english = rng.chance(0.2);
    const applicantName = english ? `${rng.pick(enFirst)} ${rng.pick(enGiven)}` : rng.pick(surnames) + Array.from({ length: rng.int(1, 2) }, () => rng.pick(givenChars)).join('');
    const mobile = `1${rng.int(3, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    const description = english ? `${rng.pick(enFacts)}; ${rng.pick(enDetails)}.` : `${rng.pick(zhFacts)}，${rng.pick(zhDetails)}。`;
    const base = sampleSubmission({ name: applicantName, mobile, disputeType: rng.pick(disputeTypes), facts: description });
    this.names.add(applicantName);
    this.mobiles.add(mobile);
    this.descriptions.add(description);
    return { ...base, submissionId: uuidV4(rng), language: english ? 'en' : 'zh-CN' };
  }

  /** The same UUID with different content (a confused double tap): the kiosk must keep the first. */
  altered(original: IntakeSubmission): IntakeSubmission {
    const description = `${original.application.facts.replace(/[。.]$/, '')}${original.language === 'en' ? ' (edited).' : '（补充）。'}`;
    this.descriptions.add(description);
    return { ...original, application: { ...original.application, facts: description } };
  }

  /** Every personal value this run used (for the log scan), plus the description phrases, so a truncated leak is found too. */
  personalValues(): string[] {
    return [...this.names, ...this.mobiles, ...this.descriptions, ...zhFacts, ...enFacts];
  }
}

function uuidV4(rng: Rng): string {
  const b = rng.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
