import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CourtWordsList, MAX_WORDS_PER_SCOPE, MIN_FILINGS } from '../../shared/courtWords.js';
import { lazyDictionary } from '../../server/courtWords/dictionaryFile.js';
import { courtWordsList, courtWordsTally, narrativeOf, uncountedList, wordsOfFiling, type FilingNarrative } from '../../server/courtWords/counting.js';
import { dictionaryWordsIn, nameShaped, type CourtDictionary } from '../../server/courtWords/segmentation.js';
import { sampleApplication } from '../support/fixtures.js';
import { tempDir } from '../support/testDirs.js';

// The counting rules of server/courtWords/: which words a filing's text holds (a longest match
// over the dictionary's words), that a filing counts a word once, that a word fewer than
// MIN_FILINGS filings used is never published nor a name-shaped one, that only the facts and the
// claims are read — and that the name rule is the dictionary build's own, over its own lists.

/** A small dictionary: enough to see the longest match choose. */
const small: CourtDictionary = {
  words: new Set(['欠条', '借条', '借款', '还款', '不还', '拖欠', '工资', '拖欠工资', '李华', '王秀兰', '利息']),
  surnames: new Set(['李', '王']),
  givenNames: new Set(['华', '秀', '兰']),
};

const filing = (facts: string, o: Partial<FilingNarrative> = {}): FilingNarrative => ({ disputeType: 'private_loan', facts, claims: [], ...o });

describe('segmentation', () => {
  it('takes the longest dictionary word at each place, skipping what no word starts', () => {
    expect(dictionaryWordsIn('老板拖欠工资，写了欠条。', small.words)).toEqual(['拖欠工资', '欠条']);
    expect(dictionaryWordsIn('借款不还', small.words)).toEqual(['借款', '不还']);
    // Runs of Chinese only: Latin letters, digits and punctuation break a word.
    expect(dictionaryWordsIn('欠1条 欠条abc借 款', small.words)).toEqual(['欠条']);
    expect(dictionaryWordsIn('', small.words)).toEqual([]);
  });

  it('never counts a word shaped like a person’s name: a surname then given-name characters, up to three', () => {
    expect(nameShaped('李华', small)).toBe(true);
    expect(nameShaped('王秀兰', small)).toBe(true);
    expect(nameShaped('王秀兰华', small)).toBe(false); // four characters: not the shape
    expect(nameShaped('华李', small)).toBe(false);
    expect(nameShaped('欠条', small)).toBe(false);
    expect([...wordsOfFiling(filing('李华向王秀兰借款，写了欠条'), small)].sort()).toEqual(['借款', '欠条']);
  });
});

describe('counting', () => {
  it('counts a word once per filing, however often that filing writes it, in its facts or its claims', () => {
    const tally = courtWordsTally(small);
    for (let i = 0; i < MIN_FILINGS; i++) tally.add(filing('写了欠条，欠条丢了', { claims: ['按欠条还款', '欠条'] }));
    const counts = tally.counts();
    expect(new Map(counts.words.all).get('欠条')).toBe(MIN_FILINGS);
    expect(new Map(counts.words.private_loan).get('欠条')).toBe(MIN_FILINGS);
  });

  it('publishes only words at least MIN_FILINGS filings used, most first, per type and over all', () => {
    const tally = courtWordsTally(small);
    for (let i = 0; i < MIN_FILINGS; i++) tally.add(filing('借款写了欠条'));
    for (let i = 0; i < MIN_FILINGS - 1; i++) tally.add(filing('拖欠利息', { disputeType: 'labour' }));
    tally.add(filing('欠条', { disputeType: 'labour' }));
    const counts = tally.counts();
    expect(counts.filings).toEqual({ all: 2 * MIN_FILINGS, labour: MIN_FILINGS, private_loan: MIN_FILINGS });
    expect(counts.words.all).toEqual([
      ['欠条', MIN_FILINGS + 1],
      ['借款', MIN_FILINGS],
    ]);
    expect(counts.words.labour).toBeUndefined(); // 拖欠 and 利息: four filings each
    const list = courtWordsList(counts, '2026-12-07T01:00:00.000Z');
    expect(CourtWordsList.parse(list)).toEqual(list);
  });

  it('keeps at most MAX_WORDS_PER_SCOPE words a scope', () => {
    const many = [...Array(MAX_WORDS_PER_SCOPE + 10).keys()].map((i) => String.fromCodePoint(0x4e00 + Math.floor(i / 200), 0x5000 + (i % 200)));
    const dictionary: CourtDictionary = { words: new Set(many), surnames: new Set(), givenNames: new Set() };
    const tally = courtWordsTally(dictionary);
    for (let i = 0; i < MIN_FILINGS; i++) tally.add(filing(many.join('，')));
    expect(tally.counts().words.all).toHaveLength(MAX_WORDS_PER_SCOPE);
  });

  it('gives the same filings the same list and version, whatever their order; other filings another version', () => {
    const filings = [filing('借款写了欠条'), filing('欠条', { disputeType: 'labour' }), filing('借款不还'), filing('欠条不还'), filing('借款欠条'), filing('欠条')];
    const count = (list: FilingNarrative[]) => {
      const tally = courtWordsTally(small);
      list.forEach((f) => tally.add(f));
      return courtWordsList(tally.counts(), '2026-12-07T01:00:00.000Z');
    };
    expect(count([...filings].reverse())).toEqual(count(filings));
    expect(count(filings.slice(1)).version).not.toBe(count(filings).version);
    expect(CourtWordsList.parse(uncountedList())).toMatchObject({ words: {}, filings: { all: 0 } });
  });

  it('reads the facts and the claims only: never a name, an ID, a phone, an address, the evidence or the accessibility note', () => {
    // Every other free-text answer of the application holds 欠条; only the claims' and the facts' count.
    const application = sampleApplication({ name: '欠条', disputeType: 'traffic', facts: '对方撞车后逃逸。' });
    application.claims = ['赔偿损失'];
    application.respondents = [{ kind: 'organisation', name: '欠条公司', address: '欠条路1号', employer: '欠条厂' }];
    if (application.applicant.kind === 'person') application.applicant.address = '欠条村';
    application.agent = { name: '欠条', relationship: 'relative', mobile: '13912345678' };
    application.evidence = [{ name: '欠条', proves: '欠条', photos: [] }];
    application.typeAnswers = { type: 'traffic', occurredOn: '2025-06-01', place: '欠条路口', policeReport: true, liability: 'full', injured: false };
    application.process = { mode: 'video_now', timePreferences: [], interpreter: false, accessibility: ['other'], accessibilityNote: '欠条' };
    const narrative = narrativeOf(application)!;
    expect(narrative).toEqual({ disputeType: 'traffic', facts: '对方撞车后逃逸。', claims: ['赔偿损失'] });
    expect(wordsOfFiling(narrative, small).has('欠条')).toBe(false);
    expect(wordsOfFiling({ ...narrative, claims: ['退还欠条'] }, small).has('欠条')).toBe(true);
    // A stored application that is none (it no longer opens, or lacks the facts) is not counted.
    expect(narrativeOf(null)).toBeNull();
    expect(narrativeOf({ disputeType: 'traffic' } as never)).toBeNull();
  });
});

describe('the kiosk dictionary as the hub reads it', () => {
  let dictionary: CourtDictionary;
  // Parsing the 9 MB dictionary in a worker took over vitest's 10 s hook default beside the e2e at
  // load 15 (the fix round saw it once): a hook is given the unit tests' own limit, a bound not a wait.
  beforeAll(async () => {
    dictionary = await lazyDictionary('renderer/ime/dictionary.json')();
  }, 60_000);

  it('holds the dispute words residents write, and segments a filing’s facts into them', () => {
    for (const word of ['欠条', '借款', '利息', '工资', '物业费']) expect(dictionary.words.has(word)).toBe(true);
    expect(dictionaryWordsIn('对方写了欠条，约定按月支付利息，至今未还。', dictionary.words)).toEqual(['对方', '欠条', '约定', '按月', '支付', '利息', '至今', '未还']);
  });

  it('carries the name characters of the build’s source lists (source/surnames.txt, given-names.txt)', () => {
    // Read as the build's curated() reads them: every character of the lines that are no comment.
    const curated = (name: string) =>
      new Set([
        ...readFileSync(join('renderer/ime/source', name), 'utf8')
          .split('\n')
          .filter((l) => !l.startsWith('#'))
          .join('')
          .replace(/\s+/g, ''),
      ]);
    expect(dictionary.surnames).toEqual(curated('surnames.txt'));
    expect(dictionary.givenNames).toEqual(curated('given-names.txt'));
  });

  it('excludes by the very rule the build applies (its `personName`, run here as written there), over every short word', async () => {
    const build = readFileSync('renderer/ime/tools/buildDictionary.mjs', 'utf8');
    const rule = /^const personName = (\(word\) => .+);$/m.exec(build)?.[1];
    expect(rule, 'buildDictionary.mjs no longer defines personName on one line: find the rule and pin it here again').toBeDefined();
    const dir = tempDir('court-words-rule-');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'personName.mjs');
    writeFileSync(file, `export const personNameOver = (surnames, givenNames) => ${rule};\n`);
    const { personNameOver } = (await import(pathToFileURL(file).href)) as { personNameOver: (s: string[], g: string[]) => (word: string) => boolean };
    const personName = personNameOver([...dictionary.surnames], [...dictionary.givenNames]);
    const short = [...dictionary.words].filter((w) => [...w].length <= 4);
    const disagree = short.filter((w) => personName(w) !== nameShaped(w, dictionary));
    expect(disagree).toEqual([]);
    // …and the rule does exclude words here (else this agreement would prove nothing).
    expect(short.filter((w) => nameShaped(w, dictionary)).length).toBeGreaterThan(1000);
  });
});
