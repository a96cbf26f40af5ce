import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';

// Issue 15 item 5, the harm that reverted the open-list dictionary once: a resident's name typed in
// a name field came out as a general word (wang xiulan → 王朽烂, "rotten"). The names below are common
// Chinese names, the older generation's first (the kiosk's residents), written from what is common,
// not from what the ranking offers. Typed in full pinyin, in one go or surname first.

const dictionary = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'ime', 'dictionary.json'), 'utf8')) as PinyinDictionary;
const engine = new PinyinEngine(dictionary);
const names = (letters: string) => engine.candidates(letters, 'name').filter((c) => c.consumed === letters.length);
const read = (text: string) => pinyin(text, { type: 'array', toneType: 'none', v: true, mode: 'surname' }).join('');

/** The issue's own examples: the name itself comes first. */
const FIRST = ['王秀兰', '张建国', '李桂英', '刘淑珍', '马玉兰'];
const COMMON = [
  ...FIRST,
  '王秀英',
  '李秀兰',
  '张桂兰',
  '刘桂芳',
  '陈玉梅',
  '杨秀珍',
  '赵建华',
  '王建军',
  '李志强',
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨勇',
  '王磊',
  '张丽',
  '李军',
  '刘明',
  '王红梅',
  '张玉珍',
  '马秀英',
  '王淑兰',
  '刘凤英',
  '李建平',
  '张国庆',
  '王德福',
  '马文明',
  '杨丽华',
  '何海燕',
  '周志刚',
  '黄桂兰',
  '赵淑华',
  '孙秀珍',
  '马永祥',
];
/** Characters that make names (surnames and given-name characters), for "what came before it is a name too". */
const nameChars = new Set([...Object.values(dictionary.surnames ?? {}).join(''), ...Object.values(dictionary.givenNames ?? {}).join('')]);

describe('names typed in a name field', () => {
  it('give the issue’s names first, typed in one go and surname first (xiulan is 秀兰, never 朽烂)', () => {
    for (const name of FIRST) {
      expect(names(read(name))[0]?.text, name).toBe(name);
      expect(names(read(name.slice(1)))[0]?.text, `${name}: the given name after the surname`).toBe(name.slice(1));
      expect(engine.commitment(read(name), 'name'), `${name}: 完成`).toBe(name);
    }
    // The general word may follow, never lead.
    const xiulan = names('xiulan').map((c) => c.text);
    expect(xiulan.indexOf('秀兰')).toBe(0);
    expect(xiulan.indexOf('朽烂')).not.toBe(0);
  });

  it(`never rank a general word above a common name (${COMMON.length} names): only other names come before it, and it is in the first five`, () => {
    expect(COMMON.length).toBeGreaterThanOrEqual(30);
    let first = 0;
    for (const name of COMMON) {
      const offered = names(read(name)).map((c) => c.text);
      const at = offered.indexOf(name);
      expect(at, `${name} (${read(name)}): ${offered.slice(0, 6).join(' ')}`).toBeGreaterThanOrEqual(0);
      expect(at, `${name}: ${offered.slice(0, 6).join(' ')}`).toBeLessThan(5);
      for (const before of offered.slice(0, at))
        expect(
          [...before].every((ch) => nameChars.has(ch)),
          `${before} before ${name}`,
        ).toBe(true);
      if (at === 0) first++;
    }
    console.log(`bench: ime_names_first ${first}/${COMMON.length}`);
  });

  it(`stay in the first five in a party field (the respondent: a person or a company), typed in one go and surname first`, () => {
    // A party field writes a common word first (公司, not 龚思: imePartyNames.test.ts); a person's name
    // that reads as none keeps its place, and one that does comes right after that word.
    let first = 0;
    for (const name of COMMON) {
      for (const typed of [name, name.slice(1)].filter((n) => [...n].length >= 2)) {
        const offered = engine
          .candidates(read(typed), 'party')
          .filter((c) => c.consumed === read(typed).length)
          .map((c) => c.text);
        expect(offered.indexOf(typed), `${typed} (${read(typed)}): ${offered.slice(0, 6).join(' ')}`).toBeGreaterThanOrEqual(0);
        expect(offered.indexOf(typed), `${typed}: ${offered.slice(0, 6).join(' ')}`).toBeLessThan(5);
        if (offered[0] === typed) first++;
      }
    }
    const typings = COMMON.length + COMMON.filter((n) => [...n].length === 3).length;
    console.log(`bench: ime_party_names_first ${first}/${typings}`);
    // A full name typed in one go is written as a person's name field writes it; only given names typed alone may follow a word.
    for (const name of COMMON) expect(engine.commitment(read(name), 'party'), name).toBe(engine.commitment(read(name), 'name'));
  });

  it('keep names from other scripts the way jieba writes them (阿卜杜拉·艾买提 typed in two parts)', () => {
    expect(names('abudula')[0]?.text).toBe('阿卜杜拉');
    expect(names('aimaiti')[0]?.text).toBe('艾买提');
  });
});
