import { randomInt } from 'node:crypto';

// Command line of the fault run. argv wins over the environment:
//   --submissions N  FAULT_SUBMISSIONS  receipted submissions to collect (default 1000, cluster 400; quick 150)
//   --kills K        FAULT_KILLS        agent SIGKILLs at least (default 60, cluster 24; quick 8)
//   --seed S         FAULT_SEED         PRNG seed (random by default, always printed)
//   --fault-rate F   FAULT_RATE         fraction of proxied requests that get a fault (0.2)
//   --lanes L        FAULT_LANES        concurrent submitting lanes (3)
//   --duration S     FAULT_DURATION     target length of the chaos phase in seconds; residents are
//                                       paced to it (default 120, cluster 90; quick 20)
//   --drain-timeout SECONDS             bound of the final drain (120)
//   --quick          FAULT_QUICK=1      the bounded small version (~30 s)
//   --cluster        FAULT_CLUSTER=1    PostgreSQL and two hub instances instead of one hub on SQLite;
//                                       PostgreSQL is stopped once (./hubOutages.ts)
//   --database-down SECONDS             how long PostgreSQL stays stopped (default 60; quick 5)
//   --keep           FAULT_KEEP=1       keep the run directory even when the run passes

export interface FaultOptions {
  submissions: number;
  kills: number;
  seed: number;
  faultRate: number;
  lanes: number;
  durationMs: number;
  drainTimeoutMs: number;
  quick: boolean;
  keep: boolean;
  cluster: boolean;
  databaseDownMs: number;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): FaultOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'quick' || name === 'keep' || name === 'cluster') flags.set(name, '1');
    else if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < argv.length) flags.set(name, argv[++i]!);
    else throw new Error(`--${name} needs a value`);
  }
  const known = ['submissions', 'kills', 'seed', 'fault-rate', 'lanes', 'duration', 'drain-timeout', 'quick', 'keep', 'cluster', 'database-down'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}`);

  const pick = (flag: string, envName: string) => flags.get(flag) ?? env[envName];
  const quick = truthy(pick('quick', 'FAULT_QUICK'));
  const num = (flag: string, envName: string, fallback: number, valid: (n: number) => boolean) => {
    const raw = pick(flag, envName);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!valid(n)) throw new Error(`--${flag} ${raw} is not valid`);
    return n;
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
  const cluster = truthy(pick('cluster', 'FAULT_CLUSTER'));
  // A cluster run's full size is smaller, so that with its minute without PostgreSQL it stays within ~5 min.
  const [fullSubmissions, fullKills, fullDuration] = cluster ? [400, 24, 90] : [1000, 60, 120];
  return {
    quick,
    submissions: num('submissions', 'FAULT_SUBMISSIONS', quick ? 150 : fullSubmissions, positiveInt),
    kills: num('kills', 'FAULT_KILLS', quick ? 8 : fullKills, (n) => Number.isInteger(n) && n >= 0),
    seed: num('seed', 'FAULT_SEED', randomInt(1, 2 ** 31), (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32),
    faultRate: num('fault-rate', 'FAULT_RATE', 0.2, (n) => n >= 0 && n <= 1),
    lanes: num('lanes', 'FAULT_LANES', 3, positiveInt),
    durationMs: num('duration', 'FAULT_DURATION', quick ? 20 : fullDuration, (n) => n >= 0) * 1000,
    drainTimeoutMs: num('drain-timeout', 'FAULT_DRAIN_TIMEOUT', 120, (n) => n > 0) * 1000,
    keep: truthy(pick('keep', 'FAULT_KEEP')),
    cluster,
    databaseDownMs: num('database-down', 'FAULT_DATABASE_DOWN', quick ? 5 : 60, (n) => n >= 0) * 1000,
  };
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}
