import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtDay } from '../../shared/courtTime.js';
import { drawnThenStored, DRAW_ATTEMPTS } from '../../server/agreements/drawnThenStored.js';
import { CaseRefusal } from '../../server/cases/caseStore.js';
import type { DbScope } from '../../server/db/engine.js';
import { signIn } from '../support/courtClient.js';
import { sampleApplication } from '../support/fixtures.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// A document drawn outside the transaction is stored only with the facts it was drawn from: a
// case that changes while the PDF is drawn (here: a note appended during the drawing, as another
// staff member would) gets it drawn again from the new facts, and one that keeps changing is
// refused as a stale view, nothing stored. Real hub database, SQLite and PostgreSQL.

let h: RunningHub;
let caseId: string;
beforeAll(async () => {
  h = await startHub();
  const clerk = await signIn(h.url, 'clerk', h.hub.initialPasswords.get('clerk')!);
  caseId = (await clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication() } })).body.case.caseId;
});
afterAll(() => h?.close());

const noteAdded = () => h.hub.cases.append(h.hub.database, caseId, { type: 'note.added', payload: { text: '另一位工作人员的备注' }, actor: { kind: 'system' } }, { today: courtDay(Date.now()) });

/** The "document" is the case's seq; `changes` notes are appended while the first drawings run. */
function step(changes: number) {
  const drawn: number[] = [];
  const stored: Array<{ facts: number; bytes: string }> = [];
  return {
    drawn,
    stored,
    facts: async (s: DbScope) => (await h.hub.cases.load(s, caseId, s.db.isTransaction))!.seq,
    async draw(seq: number) {
      drawn.push(seq);
      if (drawn.length <= changes) await noteAdded();
      return Buffer.from(`drawn from seq ${seq}`);
    },
    async store(_trx: DbScope, facts: number, bytes: Buffer) {
      stored.push({ facts, bytes: bytes.toString() });
      return facts;
    },
  };
}

describe('a document drawn outside the transaction', () => {
  it('is drawn again when the facts changed while it was drawn, and stored with the facts it shows', async () => {
    const s = step(1);
    const seq = await drawnThenStored(h.hub.database, s);
    expect(s.drawn).toEqual([seq! - 1, seq]);
    expect(s.stored).toEqual([{ facts: seq, bytes: `drawn from seq ${seq}` }]);
  });

  it('is refused as a stale view, nothing stored, when the facts keep changing', async () => {
    const s = step(DRAW_ATTEMPTS);
    const refused = await drawnThenStored(h.hub.database, s).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CaseRefusal);
    expect((refused as CaseRefusal).refusal.code).toBe('STALE_CASE');
    expect(s.drawn).toHaveLength(DRAW_ATTEMPTS);
    expect(s.stored).toEqual([]);
  });

  it('stores nothing when there is nothing (left) to draw', async () => {
    const stored: unknown[] = [];
    expect(await drawnThenStored(h.hub.database, { facts: async () => null, draw: async () => Buffer.alloc(0), store: async () => stored.push(1) })).toBeNull();
    expect(stored).toEqual([]);
  });
});
