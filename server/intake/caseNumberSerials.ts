import type { DbScope } from '../db/engine.js';
import { queryTemplate } from '../db/queryTemplate.js';

// The next serial of a case-number series (court code, year, type code), allocated inside the
// caller's transaction — the one that records what carries the number.
//
// Mechanism, on both engines: INSERT … ON CONFLICT DO UPDATE SET last_serial = last_serial + 1
// RETURNING last_serial. On PostgreSQL the upsert takes the row lock of the series' row and holds
// it until the caller's transaction ends, so a concurrent allocation on another hub instance waits
// for that commit and then reads the committed value: no two transactions get the same serial. If
// the caller rolls back (or rolls back to a savepoint taken before this call), the increment and
// its lock go with it, so the next allocation reuses the serial: no gaps. A sequence would not do:
// PostgreSQL sequences never roll back, which leaves gaps, and court serials must not have any.
// On SQLite the whole database has one writer at a time, which gives the same guarantees.

export interface SerialSeries {
  courtCode: string;
  year: number;
  typeCode: string;
}

const allocate = queryTemplate((db, s: { courtCode: string; year: number; typeCode: string }) =>
  db
    .insertInto('case_number_serials')
    .values({ court_code: s.courtCode, year: s.year, type_code: s.typeCode, last_serial: 1 })
    .onConflict((oc) => oc.columns(['court_code', 'year', 'type_code']).doUpdateSet((eb) => ({ last_serial: eb(eb.ref('case_number_serials.last_serial'), '+', 1) })))
    .returning('last_serial'),
);

export async function nextSerial(scope: DbScope, series: SerialSeries): Promise<number> {
  const [row] = await allocate(scope, { courtCode: series.courtCode, year: series.year, typeCode: series.typeCode });
  if (!row) throw new Error('case number serial: the upsert returned no row');
  return row.last_serial;
}
