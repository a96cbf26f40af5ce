import { describe, expect, it } from 'vitest';
import { disputeTypes, type DisputeType } from '../../shared/disputeTypes.js';
import { PinyinEngine, type Topic } from '../../renderer/ime/pinyinEngine.js';
import { inTopic, TOPIC_WEIGHT } from '../../renderer/ime/topicRanking.js';
import { causeType, DISPUTE_TYPES, lawTypes } from '../../renderer/ime/tools/typeCorpus.mjs';
import { LAWS } from '../../renderer/ime/tools/lawCorpus.mjs';
import { dictionary, everydayWords, heldOut, pct, readings, syllables, typesOf } from '../support/imeWords.js';

// Issue 15 item 5, session 16: the keyboard knows what the resident writes about — the dispute type
// chosen first — and ranks that type's words higher in free-text fields (renderer/ime/topicRanking.ts;
// each type's words counted from laws and judgments labelled by their own metadata,
// renderer/ime/tools/typeCorpus.mjs). The held-out dispute words are typed in their group's types
// (tests/fixtures/ime/disputeWords.txt's "# type:" headers); the everyday words in EVERY type, where
// they must keep their floors. The type's share is chosen by that everyday rule alone (below).

const engine = new PinyinEngine(dictionary);
const topFive = (e: PinyinEngine, typed: string, topic: Topic) =>
  e
    .candidates(typed, 'text', 60, [], topic)
    .filter((c) => c.consumed === typed.length)
    .slice(0, 5)
    .map((c) => c.text);
const typings = (word: string, s = readings.get(word) ?? syllables(word)) => ({ full: s.join(''), initials: s.map((x) => x[0]).join('') });

/** Held-out words typed in their group's types: a word's hit is the share of its types it is in the first five in. */
function inContext(e: PinyinEngine) {
  const hits = { full: 0, initials: 0 };
  for (const word of heldOut) {
    const types = typesOf(word);
    expect(types.length, word).toBeGreaterThan(0);
    const typed = typings(word);
    for (const how of ['full', 'initials'] as const) hits[how] += types.filter((topic) => topFive(e, typed[how], topic).includes(word)).length / types.length;
  }
  return { both: pct(hits.full + hits.initials, 2 * heldOut.length), full: pct(hits.full, heldOut.length), initials: pct(hits.initials, heldOut.length) };
}

/** The everyday words typed in each type's context: the worst type's figures. */
function everydayWorst(e: PinyinEngine) {
  let worst = { full: Infinity, fullType: '', initials: Infinity, initialsType: '' };
  for (const topic of disputeTypes) {
    const hits = { full: 0, initials: 0 };
    for (const word of everydayWords) {
      const typed = typings(word, syllables(word));
      if (topFive(e, typed.full, topic).includes(word)) hits.full++;
      if (topFive(e, typed.initials, topic).includes(word)) hits.initials++;
    }
    const full = pct(hits.full, everydayWords.length);
    const initials = pct(hits.initials, everydayWords.length);
    if (full < worst.full) worst = { ...worst, full, fullType: topic };
    if (initials < worst.initials) worst = { ...worst, initials, initialsType: topic };
  }
  return worst;
}

const GENERAL_FULL_FLOOR = 99;
const GENERAL_INITIALS_FLOOR = 89;
/** The type's shares the rule chooses from (topicRanking.ts): the largest keeping the everyday floors in every type. */
const WEIGHTS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];
const keepsEveryday = (worst: ReturnType<typeof everydayWorst>) => worst.initials >= GENERAL_INITIALS_FLOOR && worst.full >= GENERAL_FULL_FLOOR;

describe('the pinyin keyboard in the dispute type the resident chose', () => {
  it('offers more of the held-out dispute words typed in their own type, and the everyday words keep their floors in every type', () => {
    const figures = inContext(engine);
    const worst = everydayWorst(engine);
    console.log(
      `bench: ime_top5_pct_in_context ${figures.both} (full ${figures.full}, initials ${figures.initials}; ${heldOut.length} held-out words typed in their group's types, weight ${TOPIC_WEIGHT})`,
    );
    console.log(`bench: ime_top5_pct_general_initials_in_context_worst ${worst.initials} (the everyday words' initials typed in each type's context: the worst, ${worst.initialsType})`);
    console.log(`bench: ime_top5_pct_general_full_in_context_worst ${worst.full} (full pinyin, the worst type: ${worst.fullType})`);
    expect(keepsEveryday(worst)).toBe(true);
    // Floors at this session's figures (BENCHMARKS.md, session 16): at the everyday rule's weight the
    // type moves held-out initials 33.8 → 34.3 only.
    expect(figures.full).toBeGreaterThanOrEqual(96);
    expect(figures.initials).toBeGreaterThanOrEqual(34);
  });

  it("chose the type's share by the everyday rule: the next larger share breaks an everyday floor in some type", () => {
    expect(WEIGHTS).toContain(TOPIC_WEIGHT);
    const larger = WEIGHTS.find((w) => w > TOPIC_WEIGHT);
    if (larger !== undefined) expect(keepsEveryday(everydayWorst(new PinyinEngine(dictionary, { topicWeight: larger })))).toBe(false);
    // For the record (BENCHMARKS.md): IME_TOPIC_TABLE=1 prints every share's figures.
    if (process.env.IME_TOPIC_TABLE) {
      for (const w of WEIGHTS) {
        const e = new PinyinEngine(dictionary, { topicWeight: w });
        const f = inContext(e);
        const g = everydayWorst(e);
        console.log(`ime topic weight ${w}: in context ${f.both} (full ${f.full}, initials ${f.initials}); everyday worst full ${g.full} (${g.fullType}), initials ${g.initials} (${g.initialsType})`);
      }
    }
  });
});

describe('ranking in a dispute type (topicRanking.ts)', () => {
  const top = (e: PinyinEngine, typed: string, mode: 'text' | 'name' | 'party', topic?: Topic) =>
    e
      .candidates(typed, mode, 60, [], topic)
      .filter((c) => c.consumed === typed.length)
      .map((c) => c.text);

  it('ranks a private-loan word higher in a private-loan filing, and nowhere else', () => {
    // At the rule's weight: 还清 for "hq" only in a private loan's context.
    expect(top(engine, 'hq', 'text').slice(0, 5)).not.toContain('还清');
    expect(top(engine, 'hq', 'text', 'private_loan').slice(0, 5)).toContain('还清');
    expect(top(engine, 'hq', 'text', 'family').slice(0, 5)).not.toContain('还清');
    // The example needs a larger share than the everyday words allow (BENCHMARKS.md): at 0.3,
    // 欠条 for "qt" is in the first five in a private loan (其他 first), not without a type nor in traffic.
    const heavier = new PinyinEngine(dictionary, { topicWeight: 0.3 });
    expect(top(heavier, 'qt', 'text', 'private_loan').slice(0, 5)).toContain('欠条');
    expect(top(heavier, 'qt', 'text').slice(0, 5)).not.toContain('欠条');
    expect(top(heavier, 'qt', 'text', 'traffic').slice(0, 5)).not.toContain('欠条');
  });

  it('ranks as without a type in name and party fields, for a type without texts (other), and with no type', () => {
    const heavier = new PinyinEngine(dictionary, { topicWeight: 0.3 });
    for (const typed of ['qt', 'hq', 'wangxiulan', 'gongsi', 'jiekuan', 'mjjd']) {
      expect(top(heavier, typed, 'name', 'private_loan'), typed).toEqual(top(heavier, typed, 'name'));
      expect(top(heavier, typed, 'party', 'private_loan'), typed).toEqual(top(heavier, typed, 'party'));
      expect(top(heavier, typed, 'text', 'other'), typed).toEqual(top(heavier, typed, 'text'));
      expect(top(heavier, typed, 'text', null), typed).toEqual(top(engine, typed, 'text'));
    }
    expect(dictionary.topics?.other).toBeUndefined();
  });

  it('moves a word only by whole bits of its mixed frequency', () => {
    /** "word:score …" → entries, as the dictionary writes them; and back. */
    const entries = (text: string) => text.split(' ').map((e) => ({ word: e.split(':')[0]!, score: Number(e.split(':')[1]) }));
    const mixed = (general: string, topical: string) =>
      inTopic(entries(general), entries(topical), 0.5)
        .map((x) => `${x.word}:${x.score}`)
        .join(' ');
    // w = 0.5: d gains log2(1 + 2^(14 − 11)) = 3.17 → 3 bits, before b and c; e comes in at its type part.
    expect(mixed('a:17 b:12 c:12 d:11', 'd:14 e:13')).toBe('a:17 d:14 e:13 b:12 c:12');
    // A trace (under half a bit) moves nothing; a type word ties after the general words of its score.
    expect(mixed('a:17 b:12 c:12 d:11', 'c:9 f:12')).toBe('a:17 b:12 c:12 f:12 d:11');
  });
});

describe("each type's corpus, labelled by the texts' own metadata (tools/typeCorpus.mjs)", () => {
  it("knows the kiosk's dispute types", () => {
    expect(DISPUTE_TYPES).toEqual([...disputeTypes]);
  });

  it('maps a cause of action to a type by the words of its name', () => {
    const cases: [string, DisputeType | null][] = [
      ['民间借贷纠纷', 'private_loan'],
      ['金融借款合同纠纷', 'finance'],
      ['信用卡纠纷', 'finance'],
      ['机动车交通事故责任纠纷', 'traffic'],
      ['医疗损害责任纠纷', 'medical'],
      ['追索劳动报酬纠纷', 'labour'],
      ['物业服务合同纠纷', 'property_service'],
      ['相邻关系纠纷', 'neighbour'],
      ['排除妨害纠纷', 'neighbour'],
      ['离婚纠纷', 'family'],
      ['法定继承纠纷', 'family'],
      ['土地承包经营权纠纷', 'land'],
      ['房屋拆迁安置补偿合同纠纷', 'land'],
      ['农村房屋买卖合同纠纷', 'housing_homestead'],
      ['网络购物合同纠纷', 'sale_consumer'],
      ['饲养动物损害责任纠纷', 'damages'],
      ['侵害发明专利权纠纷', null],
      ['公司解散纠纷', null],
    ];
    for (const [cause, type] of cases) expect(causeType(cause), cause).toBe(type);
  });

  it("takes each law's types from the list written for it in session 12; a law for all types counts for none", () => {
    expect(lawTypes('all: the mediation the kiosk starts')).toEqual([]);
    const byLaw = new Map(LAWS.map(([path, description]) => [path, lawTypes(description)]));
    expect(byLaw.get('民法典/合同编.md')).toEqual(['private_loan', 'sale_consumer', 'property_service', 'labour', 'finance']);
    expect(byLaw.get('社会法/劳动合同法(2012-12-28).md')).toEqual(['labour']);
    for (const [path, types] of byLaw) if (!path.includes('总则') && !path.includes('人民调解法') && !path.includes('民事诉讼法')) expect(types.length, path).toBeGreaterThan(0);
  });
});
