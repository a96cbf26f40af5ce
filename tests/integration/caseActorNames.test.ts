import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCourt } from '../../shared/cases/caseNumber.js';
import { caseActions, type Acting } from '../../server/cases/caseActions.js';
import { caseStore } from '../../server/cases/caseStore.js';
import { chainValid } from '../../server/cases/eventChain.js';
import { partyStore } from '../../server/cases/partyStore.js';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { folderDocuments } from '../../server/documents/documentStore.js';
import { openVault } from '../../server/personalData/vault.js';
import { seedCourtStructure } from '../../server/sites/courtDefaults.js';
import { siteStore } from '../../server/sites/siteStore.js';
import { accountStore } from '../../server/staff/accountStore.js';
import { timeline } from '../../server/console/caseTimeline.js';
import { speaker } from '../../server/console/consoleWords.js';
import { sampleApplication, tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';

// Who appended an event, as a person reads it, is recorded with the event (migration 0046): the
// staff member's display name, the terminal's name and site. A rename or a deleted account later
// changes nothing already recorded, the hash chain stays whole, and an actor the hub does not
// know is recorded without a name (as events from before 0046 are).

let db: HubDb;
let dir: string;
const now = () => new Date();
const store = caseStore({ now, courtCode: defaultCourt.code });
const accounts = accountStore();
let actions: ReturnType<typeof caseActions>;
const sites = siteStore();

const staff = (username: string, role: 'filing_clerk' | 'judge_assistant'): Acting => ({ actor: { kind: 'staff', username, role }, scope: { role }, siteId: null });

beforeAll(async () => {
  dir = tempDir('hub-actor-names-');
  db = await openHubDatabase(await testDatabase(dir));
  const at = now().toISOString();
  await seedCourtStructure(db, sites, at);
  actions = caseActions({
    store,
    parties: partyStore(openVault(Buffer.alloc(32, 7))),
    documents: folderDocuments(path.join(dir, 'documents'), openVault(Buffer.alloc(32, 7)), now),
    sites,
    accounts,
    call: () => null,
    now,
  });
  const account = { passwordHash: 'none', kind: 'person' as const, organisationId: null, siteId: null, mustChangePassword: false, createdAt: at };
  expect(await accounts.create(db, { ...account, username: 'clerk.li', displayName: '李书记员', role: 'filing_clerk' }, at)).toBe(true);
  expect(await accounts.create(db, { ...account, username: 'assistant.zhao', displayName: '赵助理', role: 'judge_assistant' }, at)).toBe(true);
  const ofOrg = { ...account, organisationId: 'qlh-people-mediation' };
  expect(await accounts.create(db, { ...ofOrg, username: 'mediator.wang', displayName: '王调解员', role: 'mediator' }, at)).toBe(true);
  expect(await accounts.create(db, { ...ofOrg, username: 'mediator.chen', displayName: '陈调解员', role: 'mediator' }, at)).toBe(true);
  await db.db
    .insertInto('terminals')
    .values({ terminal_id: 'KSK-HALL-01', name: '大厅一号机', location: '一楼大厅', site_id: 'qlh-court-hall', credential_hash: 'x', enrolled_at: at, credential_issued_at: at })
    .execute();
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const divert = (caseId: string, who: Acting, expectedSeq: number) =>
  actions.act(db, caseId, { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq }, who);

describe(`event actors as people read them (${testEngine()})`, () => {
  it('records the terminal’s name and site and the staff member’s display name, and keeps them through a rename and a deletion', async () => {
    const received = await actions.receive(db, {
      channel: 'kiosk',
      application: sampleApplication(),
      who: { actor: { kind: 'terminal', terminalId: 'KSK-HALL-01' }, siteId: 'qlh-court-hall' },
      siteId: 'qlh-court-hall',
      terminalId: 'KSK-HALL-01',
    });
    const caseId = received.case.caseId;
    await divert(caseId, staff('clerk.li', 'filing_clerk'), 1);

    // the clerk is renamed and the assistant's account removed after they acted
    await accounts.update(db, 'clerk.li', { displayName: '李立案' }, now().toISOString());
    await actions.act(db, caseId, { type: 'note.added', payload: { text: '已电话联系申请人' }, expectedSeq: 2 }, staff('assistant.zhao', 'judge_assistant'));
    await db.db.deleteFrom('staff').where('username', '=', 'assistant.zhao').execute();
    await actions.act(db, caseId, { type: 'note.added', payload: { text: '改名之后' }, expectedSeq: 3 }, staff('clerk.li', 'filing_clerk'));
    // an account the hub does not know: no name to record
    await actions.act(db, caseId, { type: 'note.added', payload: { text: '未知账号' }, expectedSeq: 4 }, staff('ghost', 'filing_clerk'));

    const events = await store.events(db, caseId);
    expect(events.map((e) => e.event.actor)).toEqual([
      { kind: 'terminal', terminalId: 'KSK-HALL-01', name: '大厅一号机', siteName: '七里河区人民法院诉讼服务中心' },
      { kind: 'staff', username: 'clerk.li', role: 'filing_clerk', name: '李书记员' },
      { kind: 'staff', username: 'assistant.zhao', role: 'judge_assistant', name: '赵助理' },
      { kind: 'staff', username: 'clerk.li', role: 'filing_clerk', name: '李立案' },
      { kind: 'staff', username: 'ghost', role: 'filing_clerk' },
    ]);
    // the names are part of what each hash covers
    expect(chainValid(events)).toBe(true);
    const tampered = events.map((e, i) => (i === 1 ? { ...e, event: { ...e.event, actor: { ...e.event.actor, name: '李立案' } } } : e));
    expect(chainValid(tampered)).toBe(false);
  });
});

describe(`names inside event details (${testEngine()})`, () => {
  it('records the organisation’s and mediator’s names with the event, so a rename changes no old event’s text and the chain still verifies', async () => {
    const received = await actions.receive(db, { channel: 'court', application: sampleApplication(), who: staff('clerk.li', 'filing_clerk'), siteId: null });
    const caseId = received.case.caseId;
    const organisationId = 'qlh-people-mediation';
    const orgBefore = (await sites.organisation(db, organisationId))!.name;
    await actions.act(
      db,
      caseId,
      { type: 'case.diverted', payload: { organisationId, mediator: 'mediator.wang', consent: { method: 'application' } }, expectedSeq: 1 },
      staff('clerk.li', 'filing_clerk'),
    );

    // the mediator and the organisation are renamed; then the case goes to another mediator
    await accounts.update(db, 'mediator.wang', { displayName: '王某某（已改名）' }, now().toISOString());
    await sites.updateOrganisation(db, organisationId, { name: '七里河区新名调委会' });
    await actions.act(db, caseId, { type: 'mediator.assigned', payload: { mediator: 'mediator.chen' }, expectedSeq: 2 }, staff('clerk.li', 'filing_clerk'));
    const events = await store.events(db, caseId);
    const diverted = events[1]!.event.payload as Record<string, unknown>;
    expect(diverted).toMatchObject({ organisationId, organisationName: orgBefore, mediator: 'mediator.wang', mediatorName: '王调解员' });
    expect(events[2]!.event.payload).toMatchObject({ organisationName: '七里河区新名调委会', mediator: 'mediator.chen', mediatorName: '陈调解员' });
    expect(chainValid(events)).toBe(true);
    // the stored name is what each hash covers
    const tampered = events.map((e, i) => (i === 1 ? { ...e, event: { ...e.event, payload: { ...diverted, mediatorName: '王某某（已改名）' } } } : e));
    expect(chainValid(tampered)).toBe(false);

    // the timeline reads the stored names; the current ones (what a read-time lookup gives) appear only for the new event
    const current = { place: (id: string | null) => (id === organisationId ? '七里河区新名调委会' : (id ?? '—')), person: (u: string) => (u === 'mediator.wang' ? '王某某（已改名）' : u) };
    const views = events.map((e) => ({ ...e.event, voidsEventId: e.voidsEventId, prevHash: e.prevHash, hash: e.hash }));
    const page = timeline(speaker('zh'), views, current);
    const items = page.split('<li ').slice(1);
    expect(items[1]).toContain('data-event="case.diverted"');
    expect(items[1]).toContain(`${orgBefore} · 王调解员`);
    expect(items[1]).not.toContain('已改名');
    expect(items[1]).not.toContain('新名');
    expect(items[2]).toContain('七里河区新名调委会 · 陈调解员');

    // an older event without recorded names falls back to the current ones
    const older = { ...views[1]!, payload: { organisationId, mediator: 'mediator.wang', caseNumber: 'x', consent: { method: 'application' }, mediationDueDate: '2026-01-01' } };
    expect(timeline(speaker('zh'), [older], current)).toContain('七里河区新名调委会 · 王某某（已改名）');
  });
});
