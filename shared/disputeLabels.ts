import type { DisputeType } from './disputeTypes.js';

// The one name of each dispute category, in both languages, wherever it is shown: the kiosk's
// screens (its i18n resources take `disputeTypes.*` from here), the receipt the agent prints and
// shows, the court's console and dashboard. The receipt said "Private loan" where check-my-case
// said "Private loans" while each kept its own list (issue 15's walk).
export const disputeLabels: Record<DisputeType, { zh: string; en: string }> = {
  family: { zh: '婚姻家庭/继承', en: 'Marriage, family & inheritance' },
  neighbour: { zh: '邻里/相邻', en: 'Neighbours' },
  private_loan: { zh: '民间借贷', en: 'Private loans' },
  sale_consumer: { zh: '买卖/消费', en: 'Sales & consumer' },
  property_service: { zh: '物业', en: 'Property management' },
  labour: { zh: '劳动争议', en: 'Employment' },
  traffic: { zh: '交通事故', en: 'Traffic accidents' },
  damages: { zh: '损害赔偿', en: 'Compensation for harm' },
  housing_homestead: { zh: '房屋宅基地', en: 'Housing & homestead land' },
  land: { zh: '土地承包/征拆', en: 'Land contracts, requisition & demolition' },
  medical: { zh: '医疗', en: 'Medical' },
  finance: { zh: '金融借款/信用卡', en: 'Bank loans & credit cards' },
  other: { zh: '其他', en: 'Other' },
};

/** The names in one language, by code: the kiosk's `disputeTypes` resource. */
export function disputeNames(language: 'zh' | 'en'): Record<DisputeType, string> {
  return Object.fromEntries(Object.entries(disputeLabels).map(([code, label]) => [code, label[language]])) as Record<DisputeType, string>;
}

export function disputeLabel(code: string): { zh: string; en: string } {
  return (disputeLabels as Record<string, { zh: string; en: string }>)[code] ?? { zh: code, en: code };
}
