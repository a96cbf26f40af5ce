import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';
import { PieceReader } from '../../renderer/ime/typedPieces.js';

// Issue 15 item 5, session 12: abbreviated letters (initials, and initials mixed with whole
// syllables) are composed from words the way full pinyin is, and the resident's own picks come first.

const dictionary = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'ime', 'dictionary.json'), 'utf8')) as PinyinDictionary;
const engine = new PinyinEngine(dictionary);
const all = (typed: string, picked: string[] = []) =>
  engine
    .candidates(typed, 'text', 60, picked)
    .filter((c) => c.consumed === typed.length)
    .map((c) => c.text);
// The same pieces the engine reads, over the dictionary's own readings.
const readingsOf = new Map<string, string[]>();
for (const [syllable, chars] of Object.entries(dictionary.readings)) for (const ch of chars) readingsOf.set(ch, [...(readingsOf.get(ch) ?? []), syllable]);
const syllables = new Set(Object.keys(dictionary.readings));
const prefixes = new Map<string, string[]>();
for (const s of syllables) for (let i = 1; i <= s.length; i++) prefixes.set(s.slice(0, i), [...(prefixes.get(s.slice(0, i)) ?? []), s]);
const pieces = new PieceReader(syllables, prefixes, (ch) => readingsOf.get(ch) ?? []);

describe('typed pieces', () => {
  it('spell a word by whole syllables, initials, or both; a whole syllable must be the character’s reading', () => {
    for (const typed of ['huankuan', 'hk', 'huank', 'hkuan', 'hkua']) expect(pieces.spells(typed, '还款'), typed).toBe(true);
    expect(pieces.spells('zhk', '还款')).toBe(false);
    expect(pieces.spells('haikuan', '还款')).toBe(true); // 还 is read hai too: the engine's words say which
    expect(pieces.spells('hq', '还款')).toBe(false);
    expect(pieces.spells('minjianjd', '民间借贷')).toBe(true);
    expect(pieces.spells('minjianjd', '面积借贷')).toBe(false);
    // zh, ch, sh typed whole or as their first letter.
    expect(pieces.spells('zc', '仲裁')).toBe(true);
    expect(pieces.spells('zhc', '仲裁')).toBe(true);
    expect(pieces.spells('ldzhongcai', '劳动仲裁')).toBe(true);
    expect(pieces.spells('hkr', '还款')).toBe(false);
  });

  it('show the resident how abbreviated letters were read', () => {
    expect(engine.spelled('minjianjd')).toBe('min jian j d');
    expect(engine.spelled('ldzhongcai')).toBe('l d zhong cai');
    expect(engine.spelled('zhufanggjj')).toBe('zhu fang g j j');
    expect(engine.spelled('wangj')).toBe('wang j');
    expect(engine.spelled('xian')).toBe('xian');
    expect(engine.spelled('vvv')).toBe('vvv');
  });
});

describe('abbreviated letters composed from words', () => {
  it('find phrases the dictionary lacks, from their words’ initials and from initials mixed with syllables', () => {
    // Each found nothing before session 12.
    for (const typed of ['mjjd', 'ldzc', 'zfgjj', 'zfb']) {
      const found = all(typed);
      expect(found.length, typed).toBeGreaterThanOrEqual(5);
      // Every offer stands for what was typed: as many characters as pieces, each fitting its letters.
      for (const text of found) expect(pieces.spells(typed, text), `${typed} ${text}`).toBe(true);
    }
    expect(all('ldzhongcai')[0]).toBe('劳动仲裁');
    expect(all('minjianjd')).toContain('民间借贷');
    expect(all('zhufanggjj').slice(0, 5)).toContain('住房公积金');
    expect(all('hkjh')[0]).toBe('还款计划');
  });

  it('put words together as the general language model saw them follow each other (session 14)', () => {
    // Unigrams alone made "mjjd" 面积决定 (面积 is commoner than 民间) and "ldzc" 了段正淳; the model's
    // pairs (民间 then 借贷, 劳动 then 仲裁) write the phrases first. Without them, neither is.
    expect(dictionary.pairs?.['民间']).toMatch(/(^| )借贷:/);
    const unpaired = new PinyinEngine({ ...dictionary, pairs: {} });
    for (const [typed, phrase] of [
      ['mjjd', '民间借贷'],
      ['ldzc', '劳动仲裁'],
    ] as const) {
      expect(all(typed)[0], typed).toBe(phrase);
      expect(unpaired.candidates(typed).filter((c) => c.consumed === typed.length)[0]?.text, typed).not.toBe(phrase);
    }
    // The words of two initials are the index's, in its order: pairs only order composed phrases.
    expect(all('sj')[0]).toBe(unpaired.candidates('sj')[0]!.text);
  });

  it('keep a known whole word first, and the words of two initials as they were', () => {
    expect(all('tqgz')[0]).toBe('拖欠工资');
    expect(all('jt').slice(0, 5)).toContain('今天');
    // The initials index's words lead, in its order; composed phrases only follow.
    const indexed = dictionary.initials['hk']!.split(' ').map((entry) => entry.split(':')[0]);
    expect(all('hk').slice(0, indexed.length)).toEqual(indexed);
  });

  it('never writes a composed guess when the composition ends (完成): the letters stay', () => {
    expect(engine.commitment('mjjd')).toBe('mjjd');
    expect(engine.commitment('wangj')).toBe('wangj');
    expect(engine.commitment('tqgz')).toBe('拖欠工资');
  });

  it('keeps a name field’s characters first for an unfinished name', () => {
    expect(engine.candidates('wangj', 'name')[0]!.text).toBe('王');
    expect(engine.candidates('wangj', 'text')[0]!.text).toBe('忘记');
  });

  it('stays fast for a dozen initials (a bench print, no timing assert)', () => {
    const typed = 'lzzcjcdfhgcq';
    engine.candidates(typed); // warm
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const started = performance.now();
      expect(engine.candidates(typed.slice(0, 12 - (i % 3))).length).toBeGreaterThan(0);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`bench: ime_compose_12_initials_ms ${times[4]!.toFixed(1)} (median of 9; 10–12 initials, Node on this machine)`);
  });
});

describe('the resident’s own picks', () => {
  it('come first for the same typing, full or initials, latest pick first', () => {
    expect(all('qk')[0]).not.toBe('欠款');
    for (const typed of ['qk', 'qiankuan', 'qiank', 'qkuan']) expect(all(typed, ['欠款'])[0], typed).toBe('欠款');
    expect(all('qk', ['缺口', '欠款']).slice(0, 2)).toEqual(['缺口', '欠款']);
    // Only where the letters spell the pick, and only once.
    expect(all('hk', ['欠款'])).not.toContain('欠款');
    expect(all('qk', ['欠款']).filter((t) => t === '欠款')).toHaveLength(1);
  });

  it('come first even where the dictionary would never offer them, and are what 完成 writes', () => {
    // 青禾岭果脯坊, a made-up workshop (no word of the dictionary, nor of the dispute list), is
    // nowhere among the candidates for "qhlgff" until it is picked.
    const madeUp = '青禾岭果脯坊';
    expect(all('qhlgff')).not.toContain(madeUp);
    expect(all('qhlgff', [madeUp])[0]).toBe(madeUp);
    expect(engine.commitment('qhlgff', 'text', [madeUp])).toBe(madeUp);
    expect(engine.commitment('qinghelingguofufang', 'text', [madeUp])).toBe(madeUp);
    expect(engine.commitment('huankuan', 'text', ['欠款'])).toBe('还款'); // a pick the letters do not spell changes nothing
  });
});
