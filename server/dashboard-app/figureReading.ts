import type { IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { indicators, readWithWords, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import { endsBeforeRecords, figureNotBegun } from '../../shared/dashboard/trends.js';
import { texts, type Language } from './texts.js';

// An indicator's figure as the pages show it (the wall's headlines, the working view's tiles): its
// value and the words said with it. A figure counted over a period that ended before the hub's
// records begin (or with none yet) counted nothing: it is shown as "—" with why, never "0 件" as if
// the court had received nothing that year (the chart's rule for its buckets, shared/dashboard/trends.ts).

export interface FigureReading {
  /** The value shown; null ("—") for a figure not begun. */
  value: number | null;
  /** Words said with it: why there is no figure (`notBegun`), or the figure read with it (`readWith`, its key). */
  beside: { words: string; notBegun: true } | { words: string; notBegun: false; readWith: IndicatorKey } | null;
}

/** Why a period's figures are not begun: before the records begin, or none yet. */
export const notBegunWords = (recordedFrom: string | null, lang: Language): string => texts[recordedFrom === null ? 'noRecordsYet' : 'figureBeforeRecords'][lang];

/** What a chart of the period's disputes says when it has none to draw: not begun (before the records), or none in the period. */
export const emptyChartWords = (period: { to: string }, recordedFrom: string | null, lang: Language): string =>
  endsBeforeRecords(period, recordedFrom) ? notBegunWords(recordedFrom, lang) : texts.noData[lang];

export function figureReading(key: IndicatorKey, { values, today, recordedFrom }: IndicatorsAnswer, period: { from: string; to: string }, lang: Language): FigureReading {
  if (figureNotBegun(key, period, recordedFrom)) return { value: null, beside: { words: notBegunWords(recordedFrom, lang), notBegun: true } };
  const words = readWithWords(key, values, { ...period, today }, lang);
  return { value: values[key], beside: words ? { words, notBegun: false, readWith: indicators[key].readWith!.key } : null };
}

/** The marks a page puts on the words beside a figure, so tests and readers can tell which they are. */
export const besideMarks = (beside: NonNullable<FigureReading['beside']>): Record<string, string> => (beside.notBegun ? { 'data-not-begun': '' } : { 'data-read-with': beside.readWith });
