import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft, KioskApi } from '../../shared/contract.js';
import { DraftAutosave } from '../../renderer/wizard/draftAutosave.js';
import { IdleWatch } from '../../renderer/shell/idleWatch.js';
import { defaultTiming, ELDERLY_WAIT_FACTOR, readTiming, residentWaits } from '../../renderer/shell/kioskTiming.js';

const ID = '0b7f2a52-4a43-4e57-9d1c-6a3f3c1d2e10';
const draft = (name: string): Draft => ({ submissionId: ID, language: 'zh-CN', step: 'form', form: { facts: name } });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DraftAutosave', () => {
  function recordingApi(delayMs = 0) {
    const log: string[] = [];
    const call = vi.fn(async (name: string, input?: Draft) => {
      log.push(`start ${name}${input ? ` ${input.form.facts}` : ''}`);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      log.push(`end ${name}`);
      return { ok: true, value: null };
    });
    return { api: { call } as unknown as Pick<KioskApi, 'call'>, call, log };
  }

  it('saves only the latest draft, 300 ms after the last change', async () => {
    const { api, call } = recordingApi();
    const autosave = new DraftAutosave(api);
    autosave.schedule(draft('a'));
    await vi.advanceTimersByTimeAsync(200);
    autosave.schedule(draft('ab'));
    await vi.advanceTimersByTimeAsync(299);
    expect(call).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('draft.save', draft('ab'));
  });

  it('discard cancels a scheduled save and runs after a save already under way', async () => {
    const { api, log } = recordingApi(100);
    const autosave = new DraftAutosave(api);
    autosave.schedule(draft('a'));
    await vi.advanceTimersByTimeAsync(300); // save of 'a' starts and takes 100 ms
    autosave.schedule(draft('ab')); // never saved: the resident is wiped first
    const discarded = autosave.discard();
    await vi.advanceTimersByTimeAsync(1_000);
    await discarded;
    expect(log).toEqual(['start draft.save a', 'end draft.save', 'start draft.discard', 'end draft.discard']);
  });

  it('flush saves at once, and a failing call does not block later ones', async () => {
    let fail = true;
    const call = vi.fn(async () => {
      if (fail) {
        fail = false;
        throw new Error('agent gone');
      }
      return { ok: true, value: null };
    });
    const autosave = new DraftAutosave({ call } as unknown as Pick<KioskApi, 'call'>);
    autosave.schedule(draft('a'));
    await autosave.flush();
    autosave.schedule(draft('b'));
    await autosave.flush();
    expect(call).toHaveBeenCalledTimes(2);
    await autosave.flush(); // nothing scheduled: no call
    expect(call).toHaveBeenCalledTimes(2);
  });
});

describe('IdleWatch', () => {
  function watch(idleMs = 1_000, warnMs = 500) {
    const events: string[] = [];
    const w = new IdleWatch({
      idleMs,
      warnMs,
      tickMs: 100,
      onWarn: (ms) => events.push(`warn ${Math.ceil(ms / 100) * 100}`),
      onExpire: () => events.push('expire'),
    });
    return { w, events };
  }

  it('warns after idleMs, counts down, then expires once', async () => {
    const { w, events } = watch();
    w.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.warning).toBe(true);
    expect(events).toEqual(['warn 500']);
    await vi.advanceTimersByTimeAsync(500);
    expect(events.at(-1)).toBe('expire');
    expect(events.filter((e) => e === 'expire')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.filter((e) => e === 'expire')).toHaveLength(1);
  });

  it('activity postpones the warning; during the warning only continue helps', async () => {
    const { w, events } = watch();
    w.start();
    await vi.advanceTimersByTimeAsync(900);
    w.activity();
    await vi.advanceTimersByTimeAsync(900);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(w.warning).toBe(true);
    w.activity(); // a stray touch behind the dialog does not dismiss it
    expect(w.warning).toBe(true);
    w.continue();
    expect(w.warning).toBe(false);
    await vi.advanceTimersByTimeAsync(999);
    expect(events.includes('expire')).toBe(false);
    w.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.includes('expire')).toBe(false);
  });
});

describe('readTiming', () => {
  it('uses 120 s / 20 s / 60 s / 10 s unless the query overrides them', () => {
    expect(readTiming('')).toEqual({ idleMs: 120_000, warnMs: 20_000, receiptMs: 60_000, endedMs: 10_000 });
    expect(readTiming('?idleMs=1500&warnMs=700&receiptMs=900&endedMs=600000')).toEqual({ idleMs: 1500, warnMs: 700, receiptMs: 900, endedMs: 600_000, idleFromUrl: true });
  });

  it('ignores nonsense values', () => {
    expect(readTiming('?idleMs=-5&warnMs=abc&receiptMs=0&endedMs=x')).toEqual(defaultTiming);
    expect(readTiming('?idleMs=1e3&warnMs=99999999999')).toEqual(defaultTiming);
  });
});

describe('residentWaits', () => {
  it('gives elderly mode twice the wait before the warning and twice the countdown', () => {
    expect(residentWaits(120_000, 20_000, false)).toEqual({ idleMs: 120_000, warnMs: 20_000 });
    expect(residentWaits(120_000, 20_000, true)).toEqual({ idleMs: 120_000 * ELDERLY_WAIT_FACTOR, warnMs: 20_000 * ELDERLY_WAIT_FACTOR });
    expect(ELDERLY_WAIT_FACTOR).toBe(2);
  });
});
