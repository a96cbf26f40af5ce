import { DEFAULT_IMAGE_MS, ItemSchedule, MAX_ITEM_MS, MIN_ITEM_MS, PlaylistSettings, type PlaylistMimeType } from '../../shared/playlist.js';
import type { ItemFields } from './playlistStore.js';

// Turns the admin's form fields (or the JSON API's) into validated item fields and settings,
// with one clear bilingual message per problem. The same rules as the manifest's schemas.

export type FormFields = Map<string, string[]>;

export interface FieldProblem {
  field: string;
  zh: string;
  en: string;
}

export class FormError extends Error {
  constructor(
    readonly status: number,
    readonly problems: FieldProblem[],
  ) {
    super(problems.map((p) => p.en).join('; '));
    this.name = 'FormError';
  }
}

export function fieldsFromSearchParams(params: URLSearchParams): FormFields {
  const out: FormFields = new Map();
  for (const [k, v] of params) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

const one = (f: FormFields, name: string): string => (f.get(name)?.[0] ?? '').trim();

const scheduleMessages: Record<string, [string, string]> = {
  'errors.playlist.date': ['日期格式应为 年-月-日', 'Dates are written YYYY-MM-DD'],
  'errors.playlist.dateRange': ['结束日期不能早于开始日期', 'The end date is before the start date'],
  'errors.playlist.weekdays': ['请至少选择一天', 'Choose at least one weekday'],
  'errors.playlist.time': ['时间格式应为 时:分（如 08:30）', 'Times are written HH:MM (e.g. 08:30)'],
  'errors.playlist.windowEmpty': ['开始和结束时间不能相同', 'The window starts and ends at the same time'],
};

export function parseItemFields(f: FormFields, mime: PlaylistMimeType, fallbackOrder: number): ItemFields {
  const problems: FieldProblem[] = [];
  const title = one(f, 'title');
  const titleEn = one(f, 'titleEn');
  if (title === '') problems.push({ field: 'title', zh: '请填写标题', en: 'A title is required' });
  if (title.length > 80) problems.push({ field: 'title', zh: '标题最多 80 个字', en: 'The title is longer than 80 characters' });
  if (titleEn.length > 120) problems.push({ field: 'titleEn', zh: '英文标题最多 120 个字符', en: 'The English title is longer than 120 characters' });

  const seconds = one(f, 'durationSeconds');
  let durationMs: number | null = mime.startsWith('image/') ? DEFAULT_IMAGE_MS : null;
  if (seconds !== '') {
    const n = Number(seconds);
    if (!Number.isFinite(n) || n * 1000 < MIN_ITEM_MS || n * 1000 > MAX_ITEM_MS) {
      problems.push({ field: 'durationSeconds', zh: '时长应在 1 至 1800 秒之间', en: 'The duration must be 1 to 1800 seconds' });
    } else durationMs = Math.round(n * 1000);
  }

  const orderText = one(f, 'order');
  const order = orderText === '' ? fallbackOrder : Number(orderText);
  if (!Number.isInteger(order) || Math.abs(order) > 1_000_000) problems.push({ field: 'order', zh: '顺序应为整数', en: 'The order must be a whole number' });

  const windowStart = one(f, 'windowStart');
  const windowEnd = one(f, 'windowEnd');
  if ((windowStart === '') !== (windowEnd === '')) {
    problems.push({ field: 'windowEnd', zh: '每日时段需同时填写开始和结束，或都留空（全天）', en: 'Give both a start and an end time, or neither (all day)' });
  }
  const candidate = {
    startDate: one(f, 'startDate') || null,
    endDate: one(f, 'endDate') || null,
    // The admin form marks its weekday boxes as present, so "none ticked" is an error there; an
    // API client that leaves the field out means every day.
    weekdays: f.has('weekdays') || f.has('weekdaysShown') ? (f.get('weekdays') ?? []).map(Number) : [1, 2, 3, 4, 5, 6, 7],
    window: windowStart && windowEnd ? { start: windowStart, end: windowEnd } : null,
  };
  const parsed = ItemSchedule.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [zh, en] = scheduleMessages[issue.message] ?? ['时间安排无效', 'The schedule is not valid'];
      problems.push({ field: issue.path.map(String).join('.') || 'schedule', zh, en });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new FormError(400, problems);
  const muted = ['on', 'true', '1'].includes(one(f, 'muted'));
  return { title, titleEn, durationMs, order, muted, schedule: parsed.data };
}

/** Settings form: attract delay, normal volume (%), and up to two quieter windows. */
export function parseSettingsFields(f: FormFields, utcOffsetMinutes: number): PlaylistSettings {
  const problems: FieldProblem[] = [];
  const percent = (name: string): number => {
    const n = Number(one(f, name));
    if (one(f, name) === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      problems.push({ field: name, zh: '音量应在 0 至 100 之间', en: 'Volume must be 0 to 100' });
      return 0;
    }
    return Math.round(n) / 100;
  };
  const windows = [];
  for (const n of [1, 2]) {
    const start = one(f, `volume${n}Start`);
    const end = one(f, `volume${n}End`);
    if (start === '' && end === '') continue;
    windows.push({ start, end, level: percent(`volume${n}Level`) });
  }
  const candidate = {
    attractAfterSeconds: Number(one(f, 'attractAfterSeconds')),
    volume: { level: percent('volumeLevel'), windows },
    utcOffsetMinutes,
  };
  const parsed = PlaylistSettings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      if (field === 'attractAfterSeconds') problems.push({ field, zh: '待机等待时间应为 10 至 3600 秒', en: 'The idle delay must be 10 to 3600 seconds' });
      else problems.push({ field, zh: '音量时段的时间格式应为 时:分', en: 'Volume windows need times written HH:MM' });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new FormError(400, problems);
  return parsed.data;
}
