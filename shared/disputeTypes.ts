// The dispute categories the court diverts to pre-litigation mediation (DESIGN §4).
// Codes are stable identifiers shared with the hub; labels live in the i18n resources.
export const disputeTypes = [
  'family', // 婚姻家庭/继承
  'neighbour', // 邻里/相邻
  'private_loan', // 民间借贷
  'sale_consumer', // 买卖/消费
  'property_service', // 物业
  'labour', // 劳动争议
  'traffic', // 交通事故
  'damages', // 损害赔偿
  'housing_homestead', // 房屋宅基地
  'land', // 土地承包/征拆
  'medical', // 医疗
  'finance', // 金融借款/信用卡
  'other', // 其他
] as const;
export type DisputeType = (typeof disputeTypes)[number];
