import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepBest, type Path } from '../../renderer/ime/pathCost.js';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';

const dictionary = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'ime', 'dictionary.json'), 'utf8')) as PinyinDictionary;
const engine = new PinyinEngine(dictionary);
const texts = (letters: string, mode: 'text' | 'name' = 'text') => engine.candidates(letters, mode).map((c) => c.text);

describe('pinyin dictionary', () => {
  it('covers all of GB2312 and every Mandarin syllable', () => {
    expect([...dictionary.order].length).toBeGreaterThanOrEqual(6763);
    expect(Object.keys(dictionary.readings).length).toBeGreaterThan(400);
    for (const syllable of ['a', 'zhuang', 'lv', 'nve', 'er', 'xiong']) expect(dictionary.readings[syllable], syllable).toBeTruthy();
  });
  it('ranks frequent characters first', () => {
    expect(texts('de')[0]).toBe('的');
    expect(texts('shi')[0]).toBe('是');
    expect(texts('wo')[0]).toBe('我');
  });
});

describe('PinyinEngine', () => {
  it('segments into the fewest syllables, allowing an unfinished last one', () => {
    expect(engine.segment('wangjianguo')).toEqual(['wang', 'jian', 'guo']);
    expect(engine.segment('xian')).toEqual(['xian']);
    expect(engine.segment('wangj')).toEqual(['wang', 'j']);
    // as few either way: whole syllables, not an unfinished last one ("第二村民小组")
    expect(engine.segment('dier')).toEqual(['di', 'er']);
    expect(texts('dier').slice(0, 5)).toContain('第二');
    expect(engine.segment('bier')).toEqual(['bi', 'er']);
    expect(engine.segment('zh')).toEqual(['zh']);
    expect(engine.segment('vvv')).toBeNull();
    expect(engine.segment('')).toEqual([]);
  });

  it('offers words for a run of syllables before single characters', () => {
    const jianguo = engine.candidates('jianguo');
    expect(jianguo[0]).toEqual({ text: '建国', consumed: 7 });
    expect(jianguo.some((c) => c.text === '见' && c.consumed === 4)).toBe(true);
    expect(texts('jiekuan')[0]).toBe('借款');
    expect(texts('lanzhoushi')[0]).toBe('兰州市');
  });

  it('offers a longer word before its prefix words', () => {
    const all = engine.candidates('chengguanqu');
    expect(all[0]).toEqual({ text: '城关区', consumed: 11 });
  });

  it('ranks surnames and name characters first in name fields', () => {
    expect(texts('wang', 'name')[0]).toBe('王');
    expect(texts('li', 'name')[0]).toBe('李');
    expect(texts('zhang', 'name')[0]).toBe('张');
    expect(texts('xiu', 'name')[0]).toBe('秀');
    expect(texts('li', 'text')[0]).not.toBe('李');
  });

  it('offers the commonest characters for an unfinished syllable', () => {
    const zh = texts('zh');
    expect(zh.slice(0, 5)).toContain('中');
    expect(zh.length).toBeGreaterThan(10);
  });

  it('offers words for two letters that are also initials after the three commonest characters', () => {
    const ch = engine.candidates('ch');
    expect(ch.slice(0, 3).every((c) => [...c.text].length === 1 && c.consumed === 2)).toBe(true);
    expect(ch.slice(3, 5).every((c) => [...c.text].length >= 2 && c.consumed === 2)).toBe(true);
    // A whole syllable keeps its characters first.
    expect(
      texts('la')
        .slice(0, 5)
        .every((t) => [...t].length === 1),
    ).toBe(true);
  });

  it('offers nothing for letters that are not pinyin, and respects the limit', () => {
    expect(engine.candidates('vvv')).toEqual([]);
    expect(engine.candidates('yi', 'text', 10)).toHaveLength(10);
  });

  it('writes ü as v', () => {
    expect(texts('lv')).toContain('绿');
    expect(texts('nv')[0]).toBe('女');
  });
});

describe('ending a composition (完成, space, punctuation)', () => {
  it('writes the best word for all the letters, never the first syllable alone', () => {
    expect(engine.commitment('wangxiulan', 'name')).toBe('王秀兰');
    expect(engine.commitment('tuoqiangongzi')).toBe('拖欠工资');
    expect(engine.commitment('jiekuan')).toBe('借款');
  });
  it('writes the likeliest characters for whole syllables no word stands for', () => {
    // "weiqiong" has no word: its characters are written (为穷), not the first syllable's alone.
    expect(engine.candidates('weiqiong')[0]).toEqual({ text: expect.stringMatching(/^[\u4e00-\u9fff]{2}$/), consumed: 8 });
    expect(engine.commitment('weiqiong')).toMatch(/^[\u4e00-\u9fff]{2}$/);
  });
  it('on equal cost writes a word, not its characters: 未还, not 为还', () => {
    // 未还 (one of the rarest words) and 为+还 cost the same 29.8 bits: the tie is the rule's to break.
    expect(engine.commitment('weihuan')).toBe('未还');
    expect(engine.commitment('zhijinweihuan')).toBe('至今未还');
    // Whichever is found first: the characters' path kept before the word's still follows it.
    const list: Path[] = [];
    keepBest(list, { text: '为还', cost: 10.1 + 19.7, parts: 2 }); // 29.799999999999997: float noise, the same cost
    keepBest(list, { text: '未还', cost: 29.8, parts: 1 });
    keepBest(list, { text: '位还', cost: 29.7, parts: 2 });
    expect(list.map((p) => p.text)).toEqual(['位还', '未还', '为还']);
  });
  it('keeps the letters themselves when nothing stands for all of them', () => {
    expect(engine.commitment('wangj')).toBe('wangj');
    expect(engine.commitment('qwrt')).toBe('qwrt');
  });
});
