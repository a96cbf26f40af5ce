import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PinyinEngine } from '../../renderer/ime/pinyinEngine.js';
import { handWordCounts, handWords } from '../../renderer/ime/tools/handWords.mjs';
import { dictionary, everydayWords, heldOut, jiebaDict, listed, pct, readings, root, seenByBuild, syllables } from '../support/imeWords.js';

// Issue 15 item 5: the words residents write in disputes (tests/fixtures/ime/disputeWords.txt:
// debts, wages, neighbours, land, marriage, traffic, Lanzhou and Gansu places), each typed as full
// pinyin and as initials; a hit is the wanted word among the first five candidates. The dictionary
// is jieba's words boosted by their count in the kiosk's own texts (renderer/ime/tools/domainCorpus.mjs)
// in the laws of its dispute types (tools/lawCorpus.mjs), in civil judgments (tools/judgmentCorpus.mjs)
// and in people's own legal-consultation questions (tools/consultationCorpus.mjs, session 15),
// so the headline `bench: ime_top5_pct` is HELD OUT from the texts WE wrote: it counts only the list's
// words that the kiosk's texts do not hold (renderer/ime/source/domain-counts.txt, generated) and that
// the IME does not add by hand (source/words.txt). The laws, the judgments and the questions, like jieba's corpus and
// the general language model (fcitx5's libime, session 14), are independent text nobody wrote for this
// kiosk or its benchmark, so a word they hold stays held out
// (printed apart, for the record). The
// whole list's figure is printed beside it. Counts, so load does not move them.

const engine = new PinyinEngine(dictionary);
/** The words of a generated counts file ("word count" lines). */
const countedIn = (file: string) =>
  new Set(
    readFileSync(join(root, 'renderer', 'ime', 'source', file), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(' ')[0]!),
  );
/** Words the laws' corpus holds (source/law-counts.txt): NOT in seenByBuild, on purpose (above). */
const inLaws = countedIn('law-counts.txt');
/** Words the judgments hold (source/judgment-counts.txt), jieba's and those they add: held out too. */
const inJudgments = countedIn('judgment-counts.txt');
/** Words people's legal-consultation questions hold (source/consultation-counts.txt, session 15): held out too. */
const inConsultations = countedIn('consultation-counts.txt');
/**
 * Words the general language model's dictionary brings that jieba lacks (source/lm-scores.txt, lines
 * with a reading): an independent general corpus like jieba's, so held out too (printed apart).
 */
const addedByLm = new Set(
  readFileSync(join(root, 'renderer', 'ime', 'source', 'lm-scores.txt'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#') && line.split(' ').length === 3)
    .map((line) => line.split(' ')[0]!),
);
/** jieba's words (its dict.txt): what the judgments add is what it lacks. */
const inJieba = new Set(jiebaDict.split('\n').map((line) => line.split(' ')[0]!));
/**
 * Floors at today's figures (see BENCHMARKS.md), so a change that makes typing worse fails. The
 * issue's target is 95 % for both typings: full pinyin reaches it, initials do not (see there why).
 */
const HELD_OUT_FULL_FLOOR = 96;
// Session 18: 33 → 32 and 74 → 73 with no word typed worse. The kiosk's new texts (the common
// claims, the next-step words) hold 28 of the list's words, which left the held-out set for the
// seen one (594 → 566 words); the old dictionary scores the remaining 566 exactly as the new one
// (64 / 96.1 / 32), and the whole list rises (69.1 → 69.5). BENCHMARKS.md, session 18.
const HELD_OUT_INITIALS_FLOOR = 32;
/** The second use of a word picked once (see secondUse): today's figures. */
const SECOND_USE_FLOOR = 73;
const AFTER_PICK_EITHER_WAY_FLOOR = 96;
/**
 * Everyday words must not pay for the domain signal: the 500 commonest two-character words of jieba's
 * corpus. The general language model (5 %) costs their initials 0.6 of 90.4: its corpus is not jieba's;
 * the consultation questions (5 %, session 15) 0.8 of 90, within the 1 point the laws' rule allows.
 */
const GENERAL_FULL_FLOOR = 99;
const GENERAL_INITIALS_FLOOR = 89;
/** Top five for what a resident types, the whole input taken (a candidate using only part of it does not count). */
const topFive = (typed: string) =>
  engine
    .candidates(typed)
    .filter((c) => c.consumed === typed.length)
    .slice(0, 5)
    .map((c) => c.text);

/** Everything offered for all of what was typed (paging on through the bar), with the resident's earlier picks. */
const offered = (typed: string, picked: string[] = []) =>
  engine
    .candidates(typed, 'text', 60, picked)
    .filter((c) => c.consumed === typed.length)
    .map((c) => c.text);

/**
 * What learning gives, honestly: each word typed, picked from wherever it was offered (a word never
 * offered cannot be picked: a miss), then typed the same way again: a hit only if it is FIRST then.
 */
function secondUse(list: string[]) {
  let first = 0;
  let reachable = 0;
  // The account's case: picked once however it was typed (full pinyin, which offers nearly every
  // word), then typed either way: the word is first both times.
  let firstEitherWay = 0;
  for (const word of list) {
    const s = readings.get(word)!;
    const typings = [s.join(''), s.map((x) => x[0]).join('')];
    const pickable = typings.filter((typed) => offered(typed).includes(word));
    for (const typed of pickable) {
      reachable++;
      if (offered(typed, [word])[0] === word) first++;
    }
    if (pickable.length > 0) for (const typed of typings) if (offered(typed, [word])[0] === word) firstEitherWay++;
  }
  return { first: pct(first, 2 * list.length), reachable: pct(reachable, 2 * list.length), firstEitherWay: pct(firstEitherWay, 2 * list.length) };
}

/** Hits over a set of words, typed both ways. */
function measure(list: string[]) {
  const hits = { full: 0, initials: 0 };
  const misses: string[] = [];
  for (const word of list) {
    const s = readings.get(word)!;
    for (const [how, typed] of [
      ['full', s.join('')],
      ['initials', s.map((x) => x[0]).join('')],
    ] as const) {
      if (topFive(typed).includes(word)) hits[how]++;
      else misses.push(`${word} ${typed}: ${topFive(typed).join(' ')}`);
    }
  }
  return { words: list.length, both: pct(hits.full + hits.initials, 2 * list.length), full: pct(hits.full, list.length), initials: pct(hits.initials, list.length), misses };
}

describe('the pinyin keyboard on dispute words', () => {
  it('offers the wanted word among the first five, measured on 500+ words the build never saw, typed as full pinyin and as initials', () => {
    const seen = [...readings.keys()].filter((word) => seenByBuild.has(word));
    expect(heldOut.length).toBeGreaterThanOrEqual(500);
    const held = measure(heldOut);
    const all = measure([...readings.keys()]);
    const inCorpus = measure(seen);
    const heldInLaws = measure(heldOut.filter((word) => inLaws.has(word)));
    const heldNotInLaws = measure(heldOut.filter((word) => !inLaws.has(word)));
    const heldInJudgments = measure(heldOut.filter((word) => inJudgments.has(word)));
    const heldNotInJudgments = measure(heldOut.filter((word) => !inJudgments.has(word)));
    const heldInConsultations = measure(heldOut.filter((word) => inConsultations.has(word)));
    const heldNotInConsultations = measure(heldOut.filter((word) => !inConsultations.has(word)));
    // The list's words jieba lacks that the judgments bring (found there by their own rule, not from this list).
    const addedByJudgments = heldOut.filter((word) => inJudgments.has(word) && !inJieba.has(word));
    // The split is by what we wrote: the laws and judgments hold some held-out words, and they stay held out.
    expect(heldInLaws.words).toBeGreaterThan(0);
    expect(heldInLaws.words + heldNotInLaws.words).toBe(held.words);
    expect(heldInJudgments.words).toBeGreaterThan(0);
    expect(heldInJudgments.words + heldNotInJudgments.words).toBe(held.words);
    expect(heldInConsultations.words).toBeGreaterThan(0);
    expect(heldInConsultations.words + heldNotInConsultations.words).toBe(held.words);
    console.log(
      `bench: ime_top5_pct ${held.both} (held out: ${2 * held.words} typings of ${held.words} words the build did not see in texts we wrote; ${heldInLaws.words} of them are in the laws' corpus)`,
    );
    console.log(`bench: ime_top5_pct_full ${held.full}`);
    console.log(`bench: ime_top5_pct_initials ${held.initials}`);
    console.log(`bench: ime_top5_pct_all ${all.both} (all ${all.words} words; full ${all.full}, initials ${all.initials})`);
    console.log(`bench: ime_top5_pct_seen ${inCorpus.both} (the ${inCorpus.words} words the build saw; full ${inCorpus.full}, initials ${inCorpus.initials})`);
    console.log(`bench: ime_top5_pct_held_in_laws ${heldInLaws.both} (the ${heldInLaws.words} held-out words the laws hold; full ${heldInLaws.full}, initials ${heldInLaws.initials})`);
    console.log(`bench: ime_top5_pct_held_not_in_laws ${heldNotInLaws.both} (the other ${heldNotInLaws.words}; full ${heldNotInLaws.full}, initials ${heldNotInLaws.initials})`);
    console.log(
      `bench: ime_top5_pct_held_in_judgments ${heldInJudgments.both} (the ${heldInJudgments.words} held-out words the judgments hold; full ${heldInJudgments.full}, initials ${heldInJudgments.initials}; ${addedByJudgments.length} of them jieba lacks: ${addedByJudgments.join(' ')})`,
    );
    console.log(
      `bench: ime_top5_pct_held_not_in_judgments ${heldNotInJudgments.both} (the other ${heldNotInJudgments.words}; full ${heldNotInJudgments.full}, initials ${heldNotInJudgments.initials})`,
    );
    console.log(
      `bench: ime_top5_pct_held_in_consultations ${heldInConsultations.both} (the ${heldInConsultations.words} held-out words people's consultation questions hold; full ${heldInConsultations.full}, initials ${heldInConsultations.initials})`,
    );
    console.log(
      `bench: ime_top5_pct_held_not_in_consultations ${heldNotInConsultations.both} (the other ${heldNotInConsultations.words}; full ${heldNotInConsultations.full}, initials ${heldNotInConsultations.initials})`,
    );
    const heldAddedByLm = heldOut.filter((word) => addedByLm.has(word));
    console.log(`bench: ime_held_added_by_lm ${heldAddedByLm.length} (held-out words jieba lacks that the language model's dictionary brings: ${heldAddedByLm.join(' ')})`);
    const second = secondUse(heldOut);
    console.log(
      `bench: ime_first_pct_second_use ${second.first} (held out, FIRST candidate the second time the same letters are typed, after picking the word once in the session; only ${second.reachable} % of the typings offer the word at all the first time, on any page: a word never offered cannot be picked)`,
    );
    console.log(`bench: ime_first_pct_after_pick_either_way ${second.firstEitherWay} (held out: picked once however typed, then FIRST for both full pinyin and initials)`);
    // Where initials miss (session 18): by the word's length. Two letters name hundreds of words;
    // the index keeps the likeliest 16 of them, so a word outside those is not offered by its
    // initials on any page — a ranking question, not a paging one.
    for (const [label, fits] of [
      ['2', (n: number) => n <= 2],
      ['3', (n: number) => n === 3],
      ['4plus', (n: number) => n >= 4],
    ] as const) {
      const group = heldOut.filter((word) => fits(readings.get(word)!.length));
      const initialsOf = (word: string) =>
        readings
          .get(word)!
          .map((x) => x[0])
          .join('');
      const top = group.filter((word) => topFive(initialsOf(word)).includes(word)).length;
      const anywhere = group.filter((word) => offered(initialsOf(word)).includes(word)).length;
      console.log(
        `bench: ime_top5_pct_initials_syllables_${label} ${pct(top, group.length)} (held out, ${group.length} words of ${{ '2': 'one or two', '3': 'three', '4plus': 'four or more' }[label]} syllables typed as initials; offered on any page: ${pct(anywhere, group.length)} %)`,
      );
    }
    if (process.env.IME_MISSES) console.log(`ime misses (held out):\n${held.misses.join('\n')}`);
    expect(held.full).toBeGreaterThanOrEqual(HELD_OUT_FULL_FLOOR);
    expect(held.initials).toBeGreaterThanOrEqual(HELD_OUT_INITIALS_FLOOR);
    expect(second.first).toBeGreaterThanOrEqual(SECOND_USE_FLOOR);
    expect(second.firstEitherWay).toBeGreaterThanOrEqual(AFTER_PICK_EITHER_WAY_FLOOR);
  });

  it('writes a long run of pinyin as the likeliest words (sentence input), not as the fewest', () => {
    expect(topFive('tuoqiangongzi')[0]).toBe('拖欠工资');
    expect(topFive('yizhibuhuan')).toContain('一直不还');
    expect(topFive('weihuan')).toContain('未还');
    // Once 拖欠工资好几个乐意支部还: 乐意 read yuè yì and the fewest parts preferred to the likeliest.
    const long = 'tuoqiangongzihaojigeyueyizhibuhuan';
    expect(topFive(long)).toContain('拖欠工资好几个月一直不还');
    expect(engine.commitment(long)).toMatch(/^拖欠工资好?几个月一直不/);
  });

  it('reads a word as it is read in context, never by another reading of one of its characters', () => {
    // 乐 is yuè in 音乐, lè in 乐意: "yueyi" is not 乐意, and 乐意 is found by "leyi".
    expect(engine.candidates('yueyi').map((c) => c.text)).not.toContain('乐意');
    expect(topFive('leyi')).toContain('乐意');
    expect(topFive('yinyue')[0]).toBe('音乐');
    expect(engine.candidates('yinle').map((c) => c.text)).not.toContain('音乐');
    expect(topFive('yinhang')[0]).toBe('银行');
    expect(engine.candidates('yinxing').map((c) => c.text)).not.toContain('银行');
    // Where pinyin-pro misreads a word (还款 as hái kuǎn), words.txt gives its reading, and only that one.
    expect(topFive('huankuan')[0]).toBe('还款');
    const indexed = (key: string) => (dictionary.words[key] ?? '').split(' ').map((entry) => entry.split(':')[0]);
    expect(indexed('huankuan')).toContain('还款');
    expect(indexed('haikuan')).not.toContain('还款');
    expect(indexed('yueyi')).not.toContain('乐意');
  });

  it('offers what the issue found missing', () => {
    expect(topFive('huankuan')[0]).toBe('还款');
    // 不还 is not a word in jieba (added by words.txt's rule, at the lowest frequency): 不换 comes first.
    expect(topFive('buhuan')).toContain('不还');
    expect(topFive('shouji')[0]).toBe('手机');
    expect(topFive('tuoqiangongzi')[0]).toBe('拖欠工资');
    expect(topFive('tqgz')).toContain('拖欠工资');
  });

  it('finds by initials the words the laws of its disputes use, which jieba holds too rarely to index so', () => {
    // jieba has each only 3 times (below the 20 of its initials index); the laws' corpus holds them.
    for (const [typed, word] of [
      ['wygl', '物业管理'],
      ['yzdh', '业主大会'],
      ['yljf', '医疗纠纷'],
      ['nctd', '农村土地'],
    ] as const) {
      expect(inLaws.has(word)).toBe(true);
      expect(topFive(typed)).toContain(word);
    }
  });

  it("learns no party's name or address from the judgments, nor pieces of their document numbers and set phrases", () => {
    // Found in review (session 13): names (jieba tags 吴兴国 许国 as places, 文龙 as another proper
    // noun, and 程程 of 冯程程 as a common noun), a company's and an estate's names, an address's
    // pieces, case-number pieces, a date's or an amount's tail, a phrase cut short.
    const notWords = '吴兴国 宁宁 文龙 海龙 唐国 许国 程程 金穗 华庭 白蕉镇 沟村 初字 终字 刑初 证民字 浙杭钱 广台发 渝委 内民证 作登字 劳仲案 日起 日止 元整 一女名 人代其 以无钱 由俩 随其母';
    for (const word of notWords.split(' ')) expect(inJudgments.has(word), word).toBe(false);
    expect(topFive('wxg')).not.toContain('吴兴国');
    // …while the words a dispute is written in stay: those jieba has, and those it lacks (交强险).
    for (const word of ['借款', '欠条', '交强险', '微信']) expect(inJudgments.has(word), word).toBe(true);
  });

  it("learns residents' own words from people's consultation questions", () => {
    // jieba's words (欠款, 工资) and words.txt's that jieba lacks (不还), counted where people write them.
    for (const word of ['欠款', '工资', '不还', '未还']) expect(inConsultations.has(word), word).toBe(true);
    // The brief's example: a general corpus ranked 欠款 sixth for "qk" (session 14), after 情况 清空 千克 前款 缺口.
    expect(topFive('qk')).toContain('欠款');
  });

  it("counts words.txt's words in people's questions, never its given names (a person's name is personal data)", () => {
    // The rule on a made-up text: the 1,000 questions hold none of words.txt's given names, so their counts cannot show it.
    const wordsTxt = readFileSync(join(root, 'renderer', 'ime', 'source', 'words.txt'), 'utf8');
    const counts = handWordCounts(['王秀兰借我两万一直未还', '国栋说钱没还，还钱的事'], handWords(wordsTxt));
    expect(counts.get('未还')).toEqual({ uses: 1, texts: 1 });
    expect(counts.get('没还')).toEqual({ uses: 1, texts: 1 });
    expect(counts.get('还钱')).toEqual({ uses: 1, texts: 1 });
    // Both are on words.txt's given-name line; 栋 is no given-name character, so only the section keeps 国栋 out.
    for (const name of ['秀兰', '国栋']) {
      expect(listed('renderer', 'ime', 'source', 'words.txt'), name).toContain(name);
      expect(counts.has(name), name).toBe(false);
    }
  });

  it('still offers everyday words: the 500 commonest two-character words of a general corpus', () => {
    const common = everydayWords;
    expect(common).toContain('今天');
    const hits = { full: 0, initials: 0 };
    for (const word of common) {
      const s = syllables(word);
      if (topFive(s.join('')).includes(word)) hits.full++;
      if (topFive(s.map((x) => x[0]).join('')).includes(word)) hits.initials++;
    }
    console.log(`bench: ime_top5_pct_general_full ${pct(hits.full, common.length)}`);
    console.log(`bench: ime_top5_pct_general_initials ${pct(hits.initials, common.length)}`);
    expect(pct(hits.full, common.length)).toBeGreaterThanOrEqual(GENERAL_FULL_FLOOR);
    expect(pct(hits.initials, common.length)).toBeGreaterThanOrEqual(GENERAL_INITIALS_FLOOR);
    expect(topFive('jt')).toContain('今天');
    // The domain signal at work: the kiosk's texts say 调解 where news says 调节.
    expect(topFive('tiaojie')[0]).toBe('调解');
    expect(topFive('minjianjiedai')[0]).toBe('民间借贷');
  });
});
