import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 10: one table of case-number serials for every numbering the hub does, per court code, year
// and type code: the intakes' provisional court numbers (type 'PM', e.g. GS0102-2026-PM-000001)
// and the court's own numbers of the case life cycle (民诉前调, 民特, 民初). The yearly intake
// sequence moves here, read back from the numbers the intakes carry (court code, year and serial
// of each), so a court that changed its code keeps a correct last serial for each.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('case_number_serials')
    .addColumn('court_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull().check(sql`last_serial > 0`))
    .addPrimaryKeyConstraint('case_number_serials_pkey', ['court_code', 'year', 'type_code'])
    .$call(strict(engine))
    .execute();

  // GS0102-2026-PM-000001: the court code (no '-' in it), the year, 'PM', the serial.
  const parts =
    engine === 'sqlite'
      ? {
          court: sql`substr(case_number, 1, instr(case_number, '-') - 1)`,
          year: sql`cast(substr(case_number, instr(case_number, '-') + 1, 4) as integer)`,
          serial: sql`cast(substr(case_number, instr(case_number, '-') + 9) as integer)`,
        }
      : {
          court: sql`split_part(case_number, '-', 1)`,
          year: sql`cast(split_part(case_number, '-', 2) as integer)`,
          serial: sql`cast(split_part(case_number, '-', 4) as integer)`,
        };
  await sql`insert into case_number_serials (court_code, year, type_code, last_serial)
    select ${parts.court}, ${parts.year}, 'PM', max(${parts.serial}) from intakes group by 1, 2`.execute(db);
  await db.schema.dropTable('case_sequences').execute();
}
