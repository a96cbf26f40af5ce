import { parseArgs } from 'node:util';
import { indicatorValues } from '../../shared/dashboard/indicators.js';
import { courtDay } from '../../shared/courtTime.js';
import { indicatorInputs } from '../dashboard/indicatorStore.js';
import { openHubDatabase } from '../db/database.js';
import { demoLoginNames } from './demoCourt.js';
import { demoPeriods, fillDemoHub } from './demoData.js';
import { demoFigureLines } from './demoFigures.js';
import { demoStart } from './demoStart.js';

// `npm run demo:data [-- --data-dir demo-hub --seed 2026 --scale 1 --port 8750]`: fills a fresh hub
// database (./demo-hub/hub.sqlite, or HUB_DATABASE_URL) with the demo court's year up to today,
// prints the dashboard's figures for the seed's half-year (and today's open cases apart), how to start the hub on it (on `--port`,
// default HUB_PORT or 8750: the addresses printed are that port's), and the demo's logins (once:
// only their hashes are kept).

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: 'demo-hub' },
      seed: { type: 'string', default: '2026' },
      scale: { type: 'string', default: '1' },
      port: { type: 'string', default: process.env.HUB_PORT || '8750' },
    },
  });
  const hub = await openHubDatabase({ dataDir: values['data-dir'], databaseUrl: process.env.HUB_DATABASE_URL });
  const existing = await hub.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error(`${values['data-dir']} already holds cases: the demo fills a fresh hub only (delete the folder to make it again)`);
  // a throwaway database: no need to wait for the disk on every commit
  hub.sqlite?.pragma('synchronous = OFF');
  const started = Date.now();
  let shown = -1;
  const { events, cases, logins } = await fillDemoHub(hub, {
    seed: Number(values.seed),
    scale: Number(values.scale),
    onProgress: (done, total) => {
      const percent = Math.floor((done / total) * 20) * 5;
      if (percent === shown) return;
      shown = percent;
      const seconds = (Date.now() - started) / 1000;
      const left = done > 0 ? Math.round((seconds / done) * (total - done)) : 0;
      console.log(`demo:data ${String(percent).padStart(3)} %  ${done} of ${total} cases  ${Math.round(seconds)} s${done < total ? `, about ${left} s to go` : ''}`);
    },
  });
  hub.sqlite?.pragma('synchronous = FULL');
  const today = courtDay(Date.now());
  const { year, seedHalf } = demoPeriods(today);
  const figures = indicatorValues(await indicatorInputs(hub, seedHalf, today));
  console.log(`demo:data ${cases} cases, ${events} events, ${year.from} … ${year.to}, in ${Math.round((Date.now() - started) / 1000)} s → ${values['data-dir']}`);
  for (const line of demoFigureLines(seedHalf, today, figures)) console.log(line);
  await hub.close();
  const { start, url } = demoStart(values['data-dir'], values.port, process.env.HUB_DATABASE_URL);
  console.log(`
To look at it: ${start}
  dashboard  ${url}/dashboard   (wall: /dashboard/wall)   login ${demoLoginNames.president} / ${logins.president}
  console    ${url}/console     login ${demoLoginNames.admin} / ${logins.admin}
These passwords are shown only now: note them (to start over, delete ${values['data-dir']}/ and run npm run demo:data again).`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
