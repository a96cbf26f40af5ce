import type { DisputeType } from './disputeTypes.js';

// Bilingual names of the dispute categories, for what the agent and the hub render themselves (the
// printed receipt, the court console); the kiosk screens have their own i18n resources.
export const disputeLabels: Record<DisputeType, { zh: string; en: string }> = {
  family: { zh: '婚姻家庭/继承', en: 'Family / inheritance' },
  neighbour: { zh: '邻里/相邻', en: 'Neighbours' },
  private_loan: { zh: '民间借贷', en: 'Private loan' },
  sale_consumer: { zh: '买卖/消费', en: 'Sale / consumer' },
  property_service: { zh: '物业', en: 'Property management' },
  labour: { zh: '劳动争议', en: 'Labour dispute' },
  traffic: { zh: '交通事故', en: 'Traffic accident' },
  damages: { zh: '损害赔偿', en: 'Damages' },
  housing_homestead: { zh: '房屋宅基地', en: 'Housing / homestead' },
  land: { zh: '土地承包/征拆', en: 'Land contracting / expropriation' },
  medical: { zh: '医疗', en: 'Medical' },
  finance: { zh: '金融借款/信用卡', en: 'Bank loan / credit card' },
  other: { zh: '其他', en: 'Other' },
};

export function disputeLabel(code: string): { zh: string; en: string } {
  return (disputeLabels as Record<string, { zh: string; en: string }>)[code] ?? { zh: code, en: code };
}
