import { countedToday, formatIndicator, indicatorKeys, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import type { Period } from './demoData.js';

// What `npm run demo:data` prints of the figures: each under the period it is counted over. The
// seed's half-year ended months ago; the disputes awaiting the decision and the overdue mediations
// are today's open cases (no period), so printing them in the half-year's block read as if the
// article's half-year had them.

export function demoFigureLines(seedHalf: Period, today: string, values: Readonly<Record<IndicatorKey, number | null>>): string[] {
  const line = (key: IndicatorKey) => `  ${key.padEnd(30)} ${formatIndicator(key, values[key])}`;
  return [
    `the seed's half-year ${seedHalf.from} … ${seedHalf.to}:`,
    ...indicatorKeys.filter((k) => !countedToday(k)).map(line),
    `today ${today}, the open cases as they stand:`,
    ...indicatorKeys.filter(countedToday).map(line),
  ];
}
