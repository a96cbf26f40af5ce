import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { insertTemplate, queryTemplate } from '../../server/db/queryTemplate.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';

// Hot queries compiled once (server/db/queryTemplate.ts) must run exactly as the built query
// would, with each call's own values, and refuse a template whose placeholder is not a parameter.

const open: Array<{ db: HubDb; dir: string }> = [];
afterEach(async () => {
  for (const { db, dir } of open.splice(0)) {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function database(): Promise<HubDb> {
  const dir = tempDir('hub-template-');
  const db = await openHubDatabase(await testDatabase(dir));
  open.push({ db, dir });
  return db;
}

const bump = insertTemplate('case_number_serials', ['court_code', 'year', 'type_code', 'last_serial'], (q) =>
  q.onConflict((oc) => oc.columns(['court_code', 'year', 'type_code']).doUpdateSet((eb) => ({ last_serial: eb(eb.ref('case_number_serials.last_serial'), '+', eb.ref('excluded.last_serial')) }))),
);
const serial = queryTemplate((db, k: { courtCode: string; year: number }) =>
  db.selectFrom('case_number_serials').select(['type_code', 'last_serial']).where('court_code', '=', k.courtCode).where('year', '=', k.year).orderBy('type_code'),
);

describe('query templates', () => {
  it('run with each call’s values, any row count, inside and outside a transaction', async () => {
    const db = await database();
    await bump(db, [{ court_code: 'A', year: 2026, type_code: 'PM', last_serial: 1 }]);
    await db.db.transaction().execute(async (trx) => {
      await bump(trx, [
        { court_code: 'A', year: 2026, type_code: 'PM', last_serial: 2 },
        { court_code: 'A', year: 2026, type_code: 'MT', last_serial: 5 },
      ]);
    });
    await bump(db, [{ court_code: 'B', year: 2027, type_code: 'PM', last_serial: 7 }]);
    expect(await serial(db, { courtCode: 'A', year: 2026 })).toEqual([
      { type_code: 'MT', last_serial: 5 },
      { type_code: 'PM', last_serial: 3 },
    ]);
    expect(await serial(db, { courtCode: 'B', year: 2027 })).toEqual([{ type_code: 'PM', last_serial: 7 }]);
    expect(await serial(db, { courtCode: 'A', year: 2027 })).toEqual([]);
  });

  it('refuses a placeholder that is computed on instead of passed as a value', async () => {
    const db = await database();
    const computed = queryTemplate((q, k: { code: string }) => q.selectFrom('case_number_serials').selectAll().where('court_code', '=', k.code.toUpperCase()));
    await expect(computed(db, { code: 'a' })).rejects.toThrow(/query template/);
    await expect(serial(db, { courtCode: 'A', year: undefined as unknown as number })).rejects.toThrow(/no value for year/);
  });
});
