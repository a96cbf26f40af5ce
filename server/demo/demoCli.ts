import { parseArgs } from 'node:util';
import { formatIndicator, indicatorKeys, indicatorValues } from '../../shared/dashboard/indicators.js';
import { courtDay } from '../../shared/courtTime.js';
import { indicatorInputs } from '../dashboard/indicatorStore.js';
import { openHubDatabase } from '../db/database.js';
import { fillDemoHub, seedPeriod } from './demoData.js';

// `npm run demo:data [-- --data-dir demo-hub --seed 2026 --scale 1]`: fills a fresh hub database
// (./demo-hub/hub.sqlite, or HUB_DATABASE_URL) with the demo court's year and prints the
// dashboard's figures for the seed's half-year. Start the hub on that folder to look at them.

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: 'demo-hub' }, seed: { type: 'string', default: '2026' }, scale: { type: 'string', default: '1' } } });
  const hub = await openHubDatabase({ dataDir: values['data-dir'], databaseUrl: process.env.HUB_DATABASE_URL });
  const existing = await hub.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error(`${values['data-dir']} already holds cases: the demo fills a fresh hub only`);
  // a throwaway database: no need to wait for the disk on every one of ~100,000 appends
  hub.sqlite?.pragma('synchronous = OFF');
  const started = Date.now();
  const { events, cases } = await fillDemoHub(hub, { seed: Number(values.seed), scale: Number(values.scale) });
  hub.sqlite?.pragma('synchronous = FULL');
  const today = courtDay(Date.now());
  const figures = indicatorValues(await indicatorInputs(hub, seedPeriod, today));
  console.log(`demo:data ${cases} cases, ${events} events in ${Math.round((Date.now() - started) / 1000)} s → ${values['data-dir']}`);
  console.log(`${seedPeriod.from} … ${seedPeriod.to}:`);
  for (const key of indicatorKeys) console.log(`  ${key.padEnd(30)} ${formatIndicator(key, figures[key])}`);
  await hub.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
