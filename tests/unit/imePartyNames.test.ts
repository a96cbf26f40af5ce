import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';
import { rankingFor } from '../../renderer/keyboard/usePinyin.js';
import { agentFields, organisationIdentity, personIdentity, respondentFields, shortApplicantFields, shortRespondentFields, type FieldSpec } from '../../renderer/wizard/questions.js';

// Issue 15 item 5, follow-up: the respondent of a wage or contract dispute is often a company
// (兰州某某建筑劳务有限公司, 物业公司, 村委会). Its name field ranked like a person's, so "gongsi"
// offered 龚思 first and 完成 wrote it. A party field ranks a common word before composed names
// (pinyinEngine.ts, WORD_OVER_NAME_BITS); the names of a person still come first in person fields
// (imeNames.test.ts) and stay in the first five here.

const dictionary = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'ime', 'dictionary.json'), 'utf8')) as PinyinDictionary;
const engine = new PinyinEngine(dictionary);
const whole = (letters: string) =>
  engine
    .candidates(letters, 'party')
    .filter((c) => c.consumed === letters.length)
    .map((c) => c.text);
/** What a resident gets typing each piece's pinyin and ending it with 完成 (or a space), piece after piece. */
const typedInPieces = (...pieces: string[]) => pieces.map((letters) => engine.commitment(letters, 'party')).join('');
const nameField = (specs: FieldSpec[]) => specs.find((s) => s.key === 'name')!;

describe('the respondent’s name field', () => {
  it('ranks as a party’s name (a person or an organisation); the applicant, the agent and a legal representative as a person’s', () => {
    expect(rankingFor(nameField(respondentFields).kind)).toBe('party');
    expect(rankingFor(nameField(shortRespondentFields).kind)).toBe('party');
    expect(rankingFor(nameField(personIdentity).kind)).toBe('name');
    expect(rankingFor(nameField(shortApplicantFields).kind)).toBe('name');
    expect(rankingFor(nameField(agentFields).kind)).toBe('name');
    expect(rankingFor(organisationIdentity.find((s) => s.key === 'legalRepresentative')!.kind)).toBe('name');
  });

  it('writes organisation words before composed names: gongsi is 公司, never 龚思', () => {
    for (const [letters, word] of [
      ['gongsi', '公司'],
      ['youxiangongsi', '有限公司'],
      ['weiyuanhui', '委员会'],
      ['cunweihui', '村委会'],
      ['wuye', '物业'],
      ['jianzhu', '建筑'],
      ['laowu', '劳务'],
      ['lanzhou', '兰州'],
    ]) {
      expect(whole(letters!)[0], `${letters}: ${whole(letters!).slice(0, 5).join(' ')}`).toBe(word);
      expect(engine.commitment(letters!, 'party'), `${letters}: 完成`).toBe(word);
    }
    // The composed name is still offered, after the word, for a respondent who is 龚思.
    expect(whole('gongsi').slice(0, 5)).toContain('龚思');
  });

  it('types organisation names syllable by syllable, word after word, and in one go', () => {
    expect(typedInPieces('lanzhou', 'jianzhu', 'laowu', 'youxiangongsi')).toBe('兰州建筑劳务有限公司');
    expect(typedInPieces('wuye', 'gongsi')).toBe('物业公司');
    expect(typedInPieces('wuyegongsi')).toBe('物业公司');
    expect(typedInPieces('cunweihui')).toBe('村委会');
    expect(typedInPieces('chengguanqu', 'wuyegongsi'), whole('chengguanqu').join(' ')).toBe('城关区物业公司');
    expect(typedInPieces('qilihequ', 'cunweihui'), whole('qilihequ').join(' ')).toBe('七里河区村委会');
    expect(typedInPieces('lanzhoujianzhulaowuyouxiangongsi')).toBe('兰州建筑劳务有限公司');
  });

  it('offers the general dictionary’s word for any syllables among the first five, even where names lead', () => {
    // The dictionary's best word for each reading of two or three syllables: the 1,500 commonest,
    // and every 50th of the rest (rare words, where a composed name is likeliest to lead).
    const best = Object.entries(dictionary.words)
      .map(([key, entries]) => {
        const [word, score] = entries.split(' ')[0]!.split(':');
        return { key, word: word!, score: Number(score) };
      })
      // Readings the engine splits into as many whole syllables as the word has characters (a word
      // typed across an ambiguous split, "xian" for 西安, is not this test's concern).
      .filter(({ key, word }) => [2, 3].includes([...word].length) && engine.segment(key)?.filter((s) => s in dictionary.readings).length === [...word].length)
      .sort((a, b) => b.score - a.score);
    const sample = [...best.slice(0, 1500), ...best.slice(1500).filter((_, i) => i % 50 === 0)];
    expect(sample.length).toBeGreaterThan(3000);
    const missed = sample.filter(({ key, word }) => !whole(key).slice(0, 5).includes(word));
    expect(
      missed.map(({ key, word }) => `${word} ${key}: ${whole(key).slice(0, 5).join(' ')}`),
      'words not in the first five',
    ).toEqual([]);
  });
});
