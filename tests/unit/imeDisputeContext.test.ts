import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disputeTypes, type DisputeType } from '../../shared/disputeTypes.js';
import { PinyinEngine, type Topic } from '../../renderer/ime/pinyinEngine.js';
import { inTopic, TOPIC_WEIGHT } from '../../renderer/ime/topicRanking.js';
import { causeType, DISPUTE_TYPES, lawTypes } from '../../renderer/ime/tools/typeCorpus.mjs';
import { LAWS } from '../../renderer/ime/tools/lawCorpus.mjs';
import { dictionary, everydayResident, everydayWords, heldOut, root, typesByEntry, words } from '../support/imeWords.js';
import { everyday, everydayWorst, inContext, keepsResident as keepsResidentAlone, WEIGHTS } from '../support/imeFigures.js';

// Issue 15 item 5, session 16: the keyboard knows what the resident writes about — the dispute type
// chosen first — and ranks that type's words higher in free-text fields (renderer/ime/topicRanking.ts;
// each type's words counted from laws and judgments labelled by their own metadata,
// renderer/ime/tools/typeCorpus.mjs). The held-out dispute words are typed in their group's types
// (tests/fixtures/ime/disputeWords.txt's "# type:" headers); the everyday words in EVERY type. The
// type's share is chosen on the everyday words residents write (everydayResident: the 500 that
// people's consultation questions use twice or more), by the laws' rule alone (below); jieba's
// news-register 500 keep their floors without a type (imeDisputeWords) and are printed in context.

const engine = new PinyinEngine(dictionary);
/** The residents' everyday words without a type (the engine ranks as before; the rule's reference). */
const residentAlone = everyday(engine, everydayResident, null);
/** The lead's rule (tests/support/imeFigures.ts): every type's context keeps the residents' everyday words. */
const keepsResident = (worst: ReturnType<typeof everydayWorst>) => keepsResidentAlone(worst, residentAlone);
/**
 * IME_TOPIC_TABLE=1 (BENCHMARKS.md's reproduction command) measures all seven shares, ~50 s at load 7:
 * its own timeout past the unit project's 60 s; without the flag the test keeps the project's.
 */
const tableTimeout = process.env.IME_TOPIC_TABLE ? 600_000 : undefined;

describe('the pinyin keyboard in the dispute type the resident chose', () => {
  it("offers more of the held-out dispute words typed in their own type, and the residents' everyday words stay within 1 point in every type", () => {
    const figures = inContext(engine);
    const resident = everydayWorst(engine, everydayResident);
    const worst = everydayWorst(engine, everydayWords);
    console.log(
      `bench: ime_top5_pct_in_context ${figures.both} (full ${figures.full}, initials ${figures.initials}; ${heldOut.length} held-out words typed in their group's types, weight ${TOPIC_WEIGHT})`,
    );
    console.log(
      `bench: ime_top5_pct_everyday_resident_initials_in_context_worst ${resident.initials} (${resident.initialsType}; no context ${residentAlone.initials}; ${everydayResident.length} words)`,
    );
    console.log(`bench: ime_top5_pct_everyday_resident_full_in_context_worst ${resident.full} (${resident.fullType}; no context ${residentAlone.full}; ${everydayResident.length} words)`);
    // jieba's news-register 500 in context: information only (their floors hold without a type).
    console.log(`bench: ime_top5_pct_general_initials_in_context_worst ${worst.initials} (the everyday words' initials typed in each type's context: the worst, ${worst.initialsType})`);
    console.log(`bench: ime_top5_pct_general_full_in_context_worst ${worst.full} (full pinyin, the worst type: ${worst.fullType})`);
    expect(keepsResident(resident)).toBe(true);
    // Floors at this session's figures (BENCHMARKS.md, session 16): at the residents' rule's weight
    // (0.1) the type moves held-out initials 33.8 → 36.7, full pinyin 96.3 → 96.5. Session 18: 36 → 34
    // as the held-out set lost 28 words to the kiosk's new texts (594 → 566; 32.0 → 34.7 with the type).
    expect(figures.full).toBeGreaterThanOrEqual(96);
    expect(figures.initials).toBeGreaterThanOrEqual(34);
  });

  it(
    "chose the type's share by the residents' everyday rule: the next larger share breaks it in some type",
    () => {
      expect(WEIGHTS).toContain(TOPIC_WEIGHT);
      // For the record (BENCHMARKS.md): IME_TOPIC_TABLE=1 prints every share's figures.
      if (process.env.IME_TOPIC_TABLE) {
        for (const w of WEIGHTS) {
          const e = new PinyinEngine(dictionary, { topicWeight: w });
          const f = inContext(e);
          const g = everydayWorst(e, everydayWords);
          const r = everydayWorst(e, everydayResident);
          console.log(
            `ime topic weight ${w}: in context ${f.both} (full ${f.full}, initials ${f.initials}); everyday worst full ${g.full} (${g.fullType}), initials ${g.initials} (${g.initialsType}); resident worst full ${r.full} (${r.fullType}), initials ${r.initials} (${r.initialsType})`,
          );
        }
      }
      const larger = WEIGHTS.find((w) => w > TOPIC_WEIGHT);
      if (larger !== undefined) expect(keepsResident(everydayWorst(new PinyinEngine(dictionary, { topicWeight: larger }), everydayResident))).toBe(false);
    },
    tableTimeout,
  );
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
    // The issue's example needs a larger share than the residents' everyday words allow (at 0.1 欠条 is
    // sixth for "qt" in a private loan; BENCHMARKS.md): at 0.3 it is in the first five there (其他
    // first), not without a type nor in traffic.
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

describe('the benchmark list\'s "# type:" headers (tests/fixtures/ime/disputeWords.txt)', () => {
  it('give every word of the list its types', () => {
    const typed = typesByEntry(readFileSync(join(root, 'tests', 'fixtures', 'ime', 'disputeWords.txt'), 'utf8'));
    expect(words.filter((entry) => !typed.has(entry))).toEqual([]);
    expect(typed.get('欠条')).toEqual(['private_loan', 'finance']);
    expect(typed.get('诉讼费')).toEqual([...disputeTypes]);
  });

  it('fail on a type name no dispute type has, and on a group without its own header', () => {
    expect(typesByEntry('# 借贷\n# type: private_loan, finance\n欠条 借款\n').get('借款')).toEqual(['private_loan', 'finance']);
    expect(() => typesByEntry('# 借贷\n# type: privat_loan\n欠条\n')).toThrow(/privat_loan/);
    // The second group's heading ends the first group's types: its words do not inherit them.
    expect(() => typesByEntry('# 借贷\n# type: private_loan\n欠条\n# 工资\n工资\n')).toThrow(/工资: its group has no/);
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
      // Labour's 工伤 and 失业 before finance's 保险: insurance benefits owed to a worker are a labour dispute.
      ['失业保险待遇纠纷', 'labour'],
      ['工伤保险待遇纠纷', 'labour'],
      ['财产保险合同纠纷', 'finance'],
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
