import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRange, etagMatches, parseRange } from '../../shared/byteRange.js';
import { AttractPlaylist, BundledPlaylist, DEFAULT_SETTINGS, ItemSchedule, PlaylistItem, PlayRecord, PlaysIngest } from '../../shared/playlist.js';
import { ALWAYS } from '../../shared/schedule.js';
import { readAttractOptions } from '../../renderer/attract/attractOptions.js';
import { LoopPlan } from '../../renderer/attract/loopPlan.js';
import { sniffType } from '../../server/playlist/mediaCheck.js';
import { fieldsFromSearchParams, FormError, parseItemFields, parseSettingsFields } from '../../server/playlist/itemForm.js';
import { readFileSync } from 'node:fs';
import { tempDir } from '../support/testDirs.js';

const sha = 'c'.repeat(64);
const item = (over: Record<string, unknown> = {}) => ({
  id: 'item-1',
  title: '人民调解',
  titleEn: "People's mediation",
  mimeType: 'video/webm',
  sha256: sha,
  size: 1000,
  durationMs: null,
  order: 10,
  muted: true,
  schedule: { ...ALWAYS, weekdays: [1, 2, 3, 4, 5, 6, 7] },
  ...over,
});

const withoutSize = ({ size: _size, ...rest }: Record<string, unknown>) => rest;

describe('playlist schemas', () => {
  it('accepts a well-formed item and refuses bad schedules, sizes and ids', () => {
    expect(PlaylistItem.safeParse(item()).success).toBe(true);
    const bad = [
      item({ id: '../x' }),
      item({ title: '' }),
      item({ size: 300 * 1024 * 1024 }),
      item({ mimeType: 'image/gif' }),
      item({ durationMs: 10 }),
      item({ schedule: { startDate: '2026-02-30', endDate: null, weekdays: [1], window: null } }),
      item({ schedule: { startDate: '2026-03-05', endDate: '2026-03-01', weekdays: [1], window: null } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [], window: null } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [1, 1], window: null } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [8], window: null } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [1], window: { start: '08:00', end: '08:00' } } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [1], window: { start: '24:00', end: '08:00' } } }),
      item({ schedule: { startDate: null, endDate: null, weekdays: [1], window: { start: '8:00', end: '09:00' } } }),
    ];
    for (const b of bad) expect(PlaylistItem.safeParse(b).success, JSON.stringify(b)).toBe(false);
    expect(ItemSchedule.safeParse({ startDate: null, endDate: null, weekdays: [1], window: { start: '22:00', end: '02:00' } }).success).toBe(true);
  });

  it('play records: completed has no reason, skipped has one, end not before start', () => {
    const base = { playId: randomUUID(), itemId: 'item-1', sha256: sha, startedAt: '2026-03-02T01:00:00.000Z', endedAt: '2026-03-02T01:00:05.000Z' };
    expect(PlayRecord.safeParse({ ...base, outcome: 'completed', reason: null }).success).toBe(true);
    expect(PlayRecord.safeParse({ ...base, outcome: 'skipped', reason: 'stalled' }).success).toBe(true);
    expect(PlayRecord.safeParse({ ...base, outcome: 'completed', reason: 'error' }).success).toBe(false);
    expect(PlayRecord.safeParse({ ...base, outcome: 'skipped', reason: null }).success).toBe(false);
    expect(PlayRecord.safeParse({ ...base, outcome: 'skipped', reason: 'bored' }).success).toBe(false);
    expect(PlayRecord.safeParse({ ...base, endedAt: '2026-03-02T00:59:00.000Z', outcome: 'completed', reason: null }).success).toBe(false);
    expect(PlaysIngest.safeParse({ plays: [] }).success).toBe(false);
  });

  it('the committed default content is a valid bundled playlist whose files match their hashes', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'assets', 'playlist');
    const bundled = BundledPlaylist.parse(JSON.parse(readFileSync(join(dir, 'playlist.json'), 'utf8')));
    expect(bundled.items.map((i) => i.title)).toEqual(['人民调解', '诉前调解', '司法确认']);
    const { createHash } = await import('node:crypto');
    let total = 0;
    for (const i of bundled.items) {
      const bytes = readFileSync(join(dir, i.file));
      total += bytes.length;
      expect(createHash('sha256').update(bytes).digest('hex'), i.file).toBe(i.sha256);
      expect(bytes.length).toBe(i.size);
      expect(i.titleEn).not.toBe('');
    }
    expect(total).toBeLessThan(400 * 1024);
  });
});

describe('byte ranges and ETags', () => {
  it('parses one range, suffixes and open ends; ignores what it does not support', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    for (const ignored of [undefined, '', 'items=0-1', 'bytes=0-1,5-6', 'bytes=5-1', 'bytes=-', 'bytes=a-b']) expect(parseRange(ignored, 1000)).toBeNull();
    expect(contentRange({ start: 0, end: 9 }, 10)).toBe('bytes 0-9/10');
    expect(contentRange(null, 10)).toBe('bytes */10');
  });

  it('compares entity tags', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('upload checks and admin forms', () => {
  const dir = tempDir('sniff-');
  const file = (name: string, bytes: number[] | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return p;
  };

  it('knows a file by its bytes, not its name', async () => {
    expect(await sniffType(file('a.txt', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(await sniffType(file('b.png', [0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(await sniffType(file('c', [0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 0, 0]))).toBe('video/mp4');
    expect(await sniffType(join(import.meta.dirname, '..', 'fixtures', 'playlist', 'clip-a.webm'))).toBe('video/webm');
    expect(await sniffType(file('d.mp4', Buffer.from('<html><script>alert(1)</script>')))).toBeNull();
    expect(await sniffType(file('e.gif', Buffer.from('GIF89a......')))).toBeNull();
  });

  it('parses the item form, with one clear message per problem', () => {
    const ok = parseItemFields(fieldsFromSearchParams(new URLSearchParams('title=人民调解&weekdays=1&weekdays=5&windowStart=22:00&windowEnd=02:00&muted=on')), 'image/png', 40);
    expect(ok).toEqual({
      title: '人民调解',
      titleEn: '',
      durationMs: 10_000,
      order: 40,
      muted: true,
      schedule: { startDate: null, endDate: null, weekdays: [1, 5], window: { start: '22:00', end: '02:00' } },
    });
    try {
      parseItemFields(fieldsFromSearchParams(new URLSearchParams('title=&durationSeconds=0&windowStart=08:00&startDate=2026-03-05&endDate=2026-03-01&weekdaysShown=1')), 'video/mp4', 0);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormError);
      const fields = (error as FormError).problems.map((p) => p.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'durationSeconds', 'windowEnd', 'weekdays', 'endDate']));
      for (const p of (error as FormError).problems) expect(p.zh.length * p.en.length).toBeGreaterThan(0);
    }
  });

  it('parses the settings form', () => {
    const s = parseSettingsFields(fieldsFromSearchParams(new URLSearchParams('attractAfterSeconds=90&volumeLevel=70&volume1Start=21:00&volume1End=08:00&volume1Level=0')), 480);
    expect(s).toEqual({ attractAfterSeconds: 90, volume: { level: 0.7, windows: [{ start: '21:00', end: '08:00', level: 0 }] }, utcOffsetMinutes: 480 });
    expect(() => parseSettingsFields(fieldsFromSearchParams(new URLSearchParams('attractAfterSeconds=2&volumeLevel=170')), 480)).toThrow(FormError);
  });
});

describe('attract options and loop plan', () => {
  it('reads overrides from the URL, with safe defaults', () => {
    const fixedNow = () => Date.parse('2026-01-01T00:00:00Z');
    const o = readAttractOptions('?attractMs=3000&clock=2026-03-02T21:59:58%2B08:00&attractStats=1', fixedNow);
    expect(o.idleMs).toBe(3000);
    expect(o.clock()).toBe(Date.parse('2026-03-02T21:59:58+08:00'));
    expect(o.stats).toBe(true);
    const d = readAttractOptions('', fixedNow);
    expect(d).toMatchObject({ idleMs: null, stallMs: 5000, stats: false });
    expect(d.clock()).toBe(fixedNow());
    expect(readAttractOptions('?attractMs=-5&clock=nonsense&stallMs=99999999999', fixedNow)).toMatchObject({ idleMs: null, stallMs: 5000 });
    expect(readAttractOptions('?clock=nonsense', fixedNow).clock()).toBe(fixedNow());
  });

  it('starts the injected schedule clock when the loop first reads it, not when the page loads', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const o = readAttractOptions('?clock=2026-03-02T21:59:57%2B08:00', () => now);
    now += 4_000; // a slow page load and the idle delay
    expect(o.clock()).toBe(Date.parse('2026-03-02T21:59:57+08:00'));
    now += 3_000;
    expect(o.clock()).toBe(Date.parse('2026-03-02T22:00:00+08:00'));
  });

  it('plans the loop from the schedule clock, skipping broken items until the playlist changes', () => {
    let now = Date.parse('2026-03-02T21:59:00+08:00');
    const plan = new LoopPlan(() => now);
    const entry = (id: string, order: number, window: { start: string; end: string } | null) =>
      ({
        ...withoutSize(item({ id, order, sha256: String(order).padStart(64, '0') })),
        schedule: { ...ALWAYS, weekdays: [1, 2, 3, 4, 5, 6, 7], window },
        mediaUrl: `/media/${'a'.repeat(64)}.webm`,
      }) as never;
    const playlist = AttractPlaylist.parse({
      version: 'v1',
      source: 'hub',
      settings: { ...DEFAULT_SETTINGS, volume: { level: 0.8, windows: [{ start: '22:00', end: '07:00', level: 0 }] } },
      items: [entry('day', 10, { start: '08:00', end: '22:00' }), entry('night', 20, { start: '22:00', end: '08:00' }), entry('all', 30, null)],
    });
    plan.setPlaylist(playlist);
    expect(plan.scheduled().map((i) => i.id)).toEqual(['day', 'all']);
    expect(plan.volume()).toBe(0.8);
    expect(plan.msToBoundary()).toBe(60_000);
    plan.markBroken(plan.scheduled()[0]!);
    expect(plan.next(null)?.id).toBe('all');
    now += 60_000;
    expect(plan.scheduled().map((i) => i.id)).toEqual(['night', 'all']);
    expect(plan.volume()).toBe(0);
    plan.setPlaylist({ ...playlist, version: 'v2' });
    now -= 60_000;
    expect(plan.next(null)?.id).toBe('day'); // a new playlist: broken items get another chance
  });
});
