// Per dispute type word counts (session 16): the kiosk knows what the resident writes about — the
// dispute type chosen first (shared/disputeTypes.ts) — so the engine can rank that type's words
// higher in free-text fields (pinyinEngine.ts, topicRanking.ts). Each type's corpus is labelled by
// the texts' OWN metadata, never by the benchmark's list:
// - the laws, by the dispute types lawCorpus.mjs's LAWS already names for each (written in session
//   12, before this idea); a law for "all" types counts for none of them (it is general);
// - CAIL2019 reading comprehension's civil judgments, by their own cause of action (`casename`,
//   民间借贷纠纷), mapped to a type by causeType below; CAIL2019 similar-case matching's judgments
//   are all private-loan judgments (the task's own scope).
// CAIL2021's judgments carry no cause of action and the consultation questions' only labels are
// LawBench's (which README promises not to use): both stay general, as they are today.
// Only counts are committed (source/type-counts.txt); texts are not kept; names and places are
// filtered as for the judgments (withoutPersonalWords). Regenerate (then rebuild the dictionary):
//   node renderer/ime/tools/typeCorpus.mjs /tmp/Laws/.git /tmp/CAIL2019/.git
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAWS, LAWS_COMMIT, lawText } from './lawCorpus.mjs';
import { CAIL2019_COMMIT, countedTexts, withoutPersonalWords } from './judgmentCorpus.mjs';

/** shared/disputeTypes.ts's codes (a tool cannot import TypeScript; tests/unit/imeDisputeContext.test.ts checks they agree). */
export const DISPUTE_TYPES = ['family', 'neighbour', 'private_loan', 'sale_consumer', 'property_service', 'labour', 'traffic', 'damages', 'housing_homestead', 'land', 'medical', 'finance', 'other'];

/**
 * A cause of action's dispute type, decided from the words of the cause's name (the first rule that
 * matches), or null: a cause no resident's type names (著作权, 专利, 公司决议 …) stays general. Written
 * from the causes' names and the types' labels, never from the benchmark's list. Order matters:
 * 金融借款 is finance before 借款 is private_loan; 医疗 before 损害; 交通事故 before 损害; labour's
 * 工伤 and 失业 before finance's 保险 (工伤保险待遇纠纷, 失业保险待遇纠纷 are labour disputes).
 */
export const CAUSE_RULES = [
  [/机动车交通事故|交通事故/, 'traffic'],
  [/医疗/, 'medical'],
  [/劳动|劳务|工资|工伤|职工|竞业限制|失业|福利待遇|经济补偿金/, 'labour'],
  [/金融|信用卡|银行卡|借记卡|保险|证券|票据|理财|融资租赁|典当/, 'finance'],
  [/借贷|借款/, 'private_loan'],
  [/物业/, 'property_service'],
  [/相邻|排除妨害/, 'neighbour'],
  [/婚|抚养|扶养|赡养|继承|收养|同居|探望|分家析产/, 'family'],
  [/土地|承包地|承包合同|征收|拆迁|集体经济组织/, 'land'],
  [/宅基地|房屋|商品房|建房|不动产/, 'housing_homestead'],
  [/买卖|购物|产品|销售|消费|服务合同|旅游|修理|定作|加工|承揽|运输合同/, 'sale_consumer'],
  [/损害|生命权|健康权|身体权|侵权责任|安全保障|责任纠纷/, 'damages'],
];

/** The dispute type of a cause of action (民间借贷纠纷 → private_loan), or null. */
export const causeType = (cause) => CAUSE_RULES.find(([pattern]) => pattern.test(cause))?.[1] ?? null;

/** The dispute types LAWS names for a law ("private_loan, finance (loan contracts), …"); none for "all: …". */
export const lawTypes = (description) => (description.startsWith('all') ? [] : DISPUTE_TYPES.filter((type) => new RegExp(`(^|[ ,])${type}\\b`).test(description)));

/** The typed texts: type → texts. */
export function typedTexts(showLaw, show2019) {
  const out = new Map(DISPUTE_TYPES.map((type) => [type, []]));
  for (const [path, description] of LAWS) for (const type of lawTypes(description)) out.get(type).push(lawText(showLaw(path)));
  for (const file of ['阅读理解/data/dev_ground_truth.json', '阅读理解/data/test_ground_truth.json']) {
    for (const doc of JSON.parse(show2019(file)).data) {
      if (doc.domain !== 'civil') continue;
      for (const paragraph of doc.paragraphs) {
        const type = causeType(paragraph.casename ?? '');
        if (type) out.get(type).push(paragraph.context);
      }
    }
  }
  for (const line of show2019('scm/baseline/tf_idf/input.txt').split('\n')) {
    if (line.trim() === '') continue;
    const triple = JSON.parse(line);
    for (const key of ['A', 'B', 'C']) out.get('private_loan').push(triple[key]);
  }
  // A text counted once per type (the similar-case triples repeat judgments).
  return new Map([...out].map(([type, texts]) => [type, [...new Set(texts)]]));
}

/** A word counted at least this often in a type's texts is kept (one use is one party's story). */
const MIN_COUNT = 2;

function main(lawsGit, git2019) {
  const show = (gitDir, commit) => (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const typed = typedTexts(show(lawsGit, LAWS_COMMIT), show(git2019, CAIL2019_COMMIT));
  const sections = [];
  for (const [type, texts] of typed) {
    if (texts.length === 0) continue;
    const { runsByText, jieba, tokensByText, tokens, counts } = countedTexts(texts);
    withoutPersonalWords(counts, tokensByText, runsByText, jieba);
    const kept = [...counts].filter(([word, n]) => [...word].length >= 2 && n >= MIN_COUNT).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    sections.push(`## ${type} (${texts.length} texts, ${tokens.length} tokens)\n${kept.map(([word, n]) => `${word} ${n}`).join('\n')}`);
    console.log(`${type}: ${texts.length} texts, ${tokens.length} tokens, ${kept.length} words`);
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'type-counts.txt');
  const header = [
    `# Generated by tools/typeCorpus.mjs from LawRefBook/Laws at ${LAWS_COMMIT} (each law under the types tools/lawCorpus.mjs names for it)`,
    `# and CAIL2019 at ${CAIL2019_COMMIT} (civil judgments under their own cause of action, mapped by tools/typeCorpus.mjs's CAUSE_RULES;`,
    `# the similar-case judgments under private_loan): per dispute type, jieba's words of 2–6 characters counted ≥ ${MIN_COUNT} times there,`,
    `# proper nouns only if ≥ 3 texts use them, no given names. Independent corpora: the benchmark's held-out list keeps these words.`,
  ];
  writeFileSync(out, `${header.join('\n')}\n${sections.join('\n')}\n`);
  console.log(`→ ${out}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[3]) {
    console.error('usage: node renderer/ime/tools/typeCorpus.mjs <git dir of LawRefBook/Laws> <git dir of CAIL2019>');
    process.exit(2);
  }
  main(process.argv[2], process.argv[3]);
}
