import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CourtWordsList, MIN_FILINGS, MAX_WORDS_PER_SCOPE } from '../../shared/courtWords.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { COURT_WEIGHT, courtLists, courtReadings, courtShares } from '../../renderer/ime/courtRanking.js';
import { PinyinEngine, type RankingMode, type Topic } from '../../renderer/ime/pinyinEngine.js';
import { everyday, everydayWorst, inContext, keepsResident, WEIGHTS } from '../support/imeFigures.js';
import { dictionary, everydayResident, everydayWords, heldOut, root } from '../support/imeWords.js';

// Issue 15 item 5, session 17: the court's own words — how the residents who filed at this court
// wrote their facts and claims, counted on the hub (shared/courtWords.ts) — mixed into the keyboard's
// ranking in the dispute's narrative (renderer/ime/courtRanking.ts). No court has filings here, so
// the share is chosen, and the mechanism measured, with a STAND-IN court list: people's own
// consultation questions (renderer/ime/source/consultation-counts.txt, 1,000 questions), each word's
// count taken as its number of filings, ≥ MIN_FILINGS, never the benchmark's word list. A simulation:
// what a court's real filings would do is measured only once a court has them.

/** The stand-in: the consultation questions' words as a court's 'all' list of 1,000 filings (`without`: those words left out). */
function standInList(without: readonly string[] = []): CourtWordsList {
  const counted = readFileSync(join(root, 'renderer', 'ime', 'source', 'consultation-counts.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => [line.split(' ')[0]!, Number(line.split(' ')[1])] as const)
    .filter(([word, n]) => /^[\u3400-\u9fff]{2,6}$/u.test(word) && n >= MIN_FILINGS && !without.includes(word))
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_WORDS_PER_SCOPE);
  return CourtWordsList.parse({ version: 'stand-in', countedAt: '2026-12-07T00:00:00Z', filings: { all: 1000 }, words: { all: counted.map(([w, n]) => [w, Math.min(n, 1000)]) } });
}

const standIn = standInList();
const plain = new PinyinEngine(dictionary);
const withCourt = (list: CourtWordsList | null, courtWeight = COURT_WEIGHT) => {
  const e = new PinyinEngine(dictionary, { courtWeight });
  e.setCourtWords(list);
  return e;
};
const top = (e: PinyinEngine, typed: string, mode: RankingMode, topic?: Topic) =>
  e
    .candidates(typed, mode, 60, [], topic)
    .filter((c) => c.consumed === typed.length)
    .map((c) => c.text);
/** The residents' everyday words with no context at all (no type, no court): the rule's reference. */
const residentAlone = everyday(plain, everydayResident, null);
/** IME_COURT_TABLE=1 measures all seven shares (BENCHMARKS.md, session 17); minutes on a busy machine. */
const tableTimeout = process.env.IME_COURT_TABLE ? 1_800_000 : 300_000;

describe("the court's own words in the keyboard (a stand-in list: the consultation questions)", () => {
  it(
    "chose the court's share by the residents' everyday rule: kept at COURT_WEIGHT and at every smaller share, in every type",
    () => {
      expect(WEIGHTS).toContain(COURT_WEIGHT);
      expect(standIn.words.all!.length).toBeGreaterThan(500);
      if (process.env.IME_COURT_TABLE) {
        const standInUnguarded = standInList(everydayResident);
        for (const w of WEIGHTS) {
          const e = withCourt(standIn, w);
          const f = inContext(e);
          const r = everydayWorst(e, everydayResident);
          const g = everydayWorst(e, everydayWords);
          // For the record only: the guard against a stand-in without the guarded words themselves.
          const u = everydayWorst(withCourt(standInUnguarded, w), everydayResident);
          console.log(
            `ime court weight ${w}: held-out in context ${f.both} (full ${f.full}, initials ${f.initials}); resident worst full ${r.full} (${r.fullType}), initials ${r.initials} (${r.initialsType}); everyday worst full ${g.full} (${g.fullType}), initials ${g.initials} (${g.initialsType}); stand-in without the resident words (${standInUnguarded.words.all!.length}): resident worst full ${u.full} (${u.fullType}), initials ${u.initials} (${u.initialsType})`,
          );
        }
      }
      const kept = everydayWorst(withCourt(standIn), everydayResident);
      console.log(
        `bench: ime_top5_pct_everyday_resident_initials_with_court_words_sim_worst ${kept.initials} (${kept.initialsType}; no context ${residentAlone.initials}; court weight ${COURT_WEIGHT})`,
      );
      console.log(`bench: ime_top5_pct_everyday_resident_full_with_court_words_sim_worst ${kept.full} (${kept.fullType}; no context ${residentAlone.full})`);
      // jieba's news-register 500 with the court's words: information only, as in a type's context.
      const news = everydayWorst(withCourt(standIn), everydayWords);
      console.log(`bench: ime_top5_pct_general_initials_with_court_words_sim_worst ${news.initials} (${news.initialsType}; full ${news.full}; printed only)`);
      expect(keepsResident(kept, residentAlone)).toBe(true);
      // Below the first break, as the rule reads: every smaller share keeps it too. Session 17 also
      // pinned that the next larger share (0.1) broke it; session 18's rebuilt dictionary moved the
      // first break to 0.5 (0.1–0.3 keep it, by the stand-in lifting the guarded words themselves:
      // against a stand-in without them 0.05 already gives 90.9 where 91 is needed). The lead kept
      // 0.05, the cautious side (BENCHMARKS.md, sessions 17 and 18): a court's own list decides it.
      for (const smaller of WEIGHTS.filter((w) => w < COURT_WEIGHT)) expect(keepsResident(everydayWorst(withCourt(standIn, smaller), everydayResident), residentAlone), String(smaller)).toBe(true);
    },
    tableTimeout,
  );

  it('says what the mechanism can do: the held-out dispute words typed in their types, with the stand-in court list (a simulation)', () => {
    const before = inContext(plain);
    const after = inContext(withCourt(standIn));
    console.log(
      `bench: ime_top5_pct_initials_with_court_words_sim ${after.initials} (without court words ${before.initials}; full pinyin ${before.full} → ${after.full}; ${heldOut.length} held-out words typed in their group's types; court weight ${COURT_WEIGHT}; SIMULATION: the court list is a stand-in, ${standIn.words.all!.length} words of 1,000 people's consultation questions, not a court's filings)`,
    );
    expect(after.full).toBeGreaterThanOrEqual(before.full - 1);
    expect(after.initials).toBeGreaterThanOrEqual(before.initials);
  });
}, 600_000);

describe("ranking by the court's words (courtRanking.ts)", () => {
  /** A court whose 100 filings include 欠条 in 5 (MIN_FILINGS) and no other word: its part is all 欠条's. */
  const iouCourt = CourtWordsList.parse({ version: 'v1', countedAt: '2026-12-07T01:00:00Z', filings: { all: 100 }, words: { all: [['欠条', 5]] } });
  /** The example among a court's many words: the stand-in's 1,000 filings, 欠条 in only 5 of them (the stand-in has 11). */
  const iouAmongMany = CourtWordsList.parse({ ...standIn, words: { all: [...standIn.words.all!.filter(([w]) => w !== '欠条'), ['欠条', MIN_FILINGS]] } });

  it('offers 欠条 for "qt" in the first five in a facts field with the court\'s list, not in a name field, and not without the list', () => {
    const court = withCourt(iouAmongMany);
    // Among the court's 714 words in only 5 of 1,000 filings, at the kept share (0.05) the court's words
    // put 欠条 in the first five of a private loan's facts (the type's own words alone put it sixth),
    // and raise it in any type's facts (the lead's decision, BENCHMARKS.md session 17: 0.3 put it second).
    expect(top(court, 'qt', 'text', 'private_loan').slice(0, 5)).toContain('欠条');
    expect(top(plain, 'qt', 'text', 'private_loan').slice(0, 5)).not.toContain('欠条');
    for (const type of ['traffic', 'other'] as const) {
      const raised = top(court, 'qt', 'text', type).indexOf('欠条');
      expect(raised, type).toBeGreaterThanOrEqual(0);
      expect(raised, type).toBeLessThan(top(plain, 'qt', 'text', type).indexOf('欠条'));
      // A court whose filings' words are mostly 欠条 (all its part) offers it in the first five in any type's facts.
      expect(top(withCourt(iouCourt), 'qt', 'text', type).slice(0, 5), type).toContain('欠条');
      expect(top(plain, 'qt', 'text', type).slice(0, 5), type).not.toContain('欠条');
    }
    expect(top(court, 'qt', 'name', 'traffic')).toEqual(top(plain, 'qt', 'name', 'traffic'));
    expect(top(court, 'qt', 'party', 'traffic')).toEqual(top(plain, 'qt', 'party', 'traffic'));
    // A one-line field (no type passed: usePinyin's topicFor) ranks as without the list.
    expect(top(court, 'qt', 'text', null)).toEqual(top(plain, 'qt', 'text', null));
    // Taken away (setCourtWords(null)), the list no longer counts.
    court.setCourtWords(null);
    expect(top(court, 'qt', 'text', 'traffic')).toEqual(top(plain, 'qt', 'text', 'traffic'));
  });

  it('ranks exactly as before with no list, or with a list of no words', () => {
    const none = withCourt(null);
    const empty = withCourt(CourtWordsList.parse({ version: 'v0', countedAt: '2026-12-07T01:00:00Z', filings: { all: 3 }, words: {} }));
    for (const typed of ['qt', 'hq', 'wangxiulan', 'gongsi', 'jiekuan', 'mjjd', 'qiankuanbuhuan']) {
      for (const topic of [null, 'private_loan', 'other'] as const) {
        for (const mode of ['text', 'name', 'party'] as const) {
          expect(top(none, typed, mode, topic), `${typed} ${mode} ${topic}`).toEqual(top(plain, typed, mode, topic));
          expect(top(empty, typed, mode, topic), `${typed} ${mode} ${topic}`).toEqual(top(plain, typed, mode, topic));
          expect(none.commitment(typed, mode, [], topic)).toBe(plain.commitment(typed, mode, [], topic));
        }
      }
    }
  });

  it("scores a word by its part of the scope's counted filings (a distribution over the list's words) in the dictionary's units, the type's distribution averaged with all filings'", () => {
    const list = CourtWordsList.parse({
      version: 'v2',
      countedAt: '2026-12-07T01:00:00Z',
      filings: { all: 64, private_loan: 16 },
      words: {
        all: [
          ['欠条', 24],
          ['工资', 8],
        ],
        private_loan: [
          ['欠条', 8],
          ['工资', 8],
        ],
      },
    });
    // all: 欠条 24/32, 工资 8/32 — not 24/64 and 8/64 of the filings (a document frequency, not a
    // distribution); private_loan: 8/16 each; in a private loan the mean of the two.
    expect(courtShares(list, 'traffic')).toEqual(
      new Map([
        ['欠条', 0.75],
        ['工资', 0.25],
      ]),
    );
    expect(courtShares(list, 'private_loan')).toEqual(
      new Map([
        ['欠条', 0.625],
        ['工资', 0.375],
      ]),
    );
    for (const type of disputeTypes) expect([...courtShares(list, type).values()].reduce((a, b) => a + b)).toBe(1);
    const readingsOf = (ch: string) => ({ 欠: ['qian'], 条: ['tiao'], 工: ['gong'], 资: ['zi'], 债: ['zhai'] })[ch] ?? [];
    const lexicon = { readingsOf, indexes: (key: string, word: string) => `${key}/${word}` === 'qiantiao/欠条' || `${key}/${word}` === 'gongzi/工资' };
    const readings = courtReadings(list, lexicon);
    expect(readings).toEqual(
      new Map([
        ['欠条', ['qian', 'tiao']],
        ['工资', ['gong', 'zi']],
      ]),
    );
    // log2(3/4) + 20 = 19.6 → 20; log2(1/4) + 20 = 18.
    expect(courtLists(list, 'traffic', readings, 20)).toEqual({ words: { qiantiao: '欠条:20', gongzi: '工资:18' }, initials: { qt: '欠条:20', gz: '工资:18' } });
    // A word the dictionary does not index (another version's) is left out; none left, no list.
    const unknown = CourtWordsList.parse({ version: 'v3', countedAt: '2026-12-07T01:00:00Z', filings: { all: 10 }, words: { all: [['债务', 5]] } });
    expect(courtReadings(unknown, lexicon).size).toBe(0);
    expect(courtLists(unknown, 'traffic', courtReadings(unknown, lexicon), 20)).toBeNull();
    // Every type of a list with only 'all' reads the same list.
    for (const type of disputeTypes) expect(courtShares(iouCourt, type)).toEqual(new Map([['欠条', 1]]));
  });
});
