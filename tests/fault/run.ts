import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit } from './audit.js';
import { FaultDriver } from './driver.js';
import { parseOptions } from './options.js';

// `npm run fault` (or `node dist/tests/fault/run.js --quick`): the fault-injection run.
// Prints progress, then one last line
//   fault: submitted=N received=N lost=0 duplicated=0 kills=K integrity=ok
// and exits 0 only if nothing was lost or doubled, both stores are intact and no log holds
// personal data. The seed is printed first: `--seed S` replays the same decisions.

const distRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const runDir = mkdtempSync(join(tmpdir(), `kiosk-fault-${options.seed}-`));
  const say = (line: string) => console.log(line);
  say(
    `fault: seed=${options.seed} submissions=${options.submissions} kills=${options.kills} faultRate=${options.faultRate} ` +
      `lanes=${options.lanes}${options.quick ? ' (quick)' : ''}${options.cluster ? ` cluster (PostgreSQL down ${options.databaseDownMs / 1000}s)` : ''} runDir=${runDir}`,
  );
  say(`fault: replay with --seed ${options.seed}${options.quick ? ' --quick' : ''}${options.cluster ? ' --cluster' : ''}`);
  const started = Date.now();
  const driver = new FaultDriver(
    options,
    {
      runDir,
      agentEntry: join(distRoot, 'main/agent/processEntry.js'),
      hubEntry: join(distRoot, 'server/main.js'),
    },
    say,
  );
  const obs = await driver.run();
  const result = audit(obs, runDir, driver.personalValues());

  const p = obs.proxyCounts;
  say(
    `fault: chaos ${(obs.chaosMs / 1000).toFixed(1)}s, agent lives ${obs.lives} (early kills ${obs.earlyKills}), ` +
      `hub stops ${obs.hubStops}, hub kills ${obs.hubKills} (${obs.hubKillsMidRequest} mid-request), ` +
      `${options.cluster ? `PostgreSQL stops ${obs.databaseStops}, ` : ''}` +
      `double taps ${obs.doubleTaps} (${obs.alteredDoubleTaps} altered)`,
  );
  say(
    `fault: proxy ${Object.entries(p)
      .map(([k, n]) => `${k}=${n}`)
      .join(' ')}`,
  );
  for (const d of result.details) say(`fault: ${d}`);
  for (const n of result.notes) say(`fault: note: ${n}`);
  for (const f of result.failures) say(`fault: FAIL: ${f}`);
  const passed = result.failures.length === 0;
  say(`fault: ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s (seed ${options.seed}); run dir ${passed && !options.keep ? 'removed' : `kept: ${runDir}`}`);
  if (passed && !options.keep) rmSync(runDir, { recursive: true, force: true });
  say(`fault: submitted=${result.submitted} received=${result.received} lost=${result.lost} duplicated=${result.duplicated} ` + `kills=${result.kills} integrity=${result.integrity}`);
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.log(`fault: ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('fault: submitted=0 received=0 lost=0 duplicated=0 kills=0 integrity=error');
    process.exit(2);
  },
);
