// Where `npm start` keeps its data (scripts/start.mjs): the folder given with `--data-dir DIR` (a
// relative one read from the checkout, as npm runs `demo:data` there), else ./data; the hub in
// DIR/hub, the kiosk in DIR/kiosk, the dev secrets in DIR/dev-secrets.json. HUB_DATA_DIR and
// KIOSK_DATA_DIR set in the environment are the operator's and win over both. `--demo`: the hub alone on DIR (or HUB_DATA_DIR),
// default ./demo-hub, as `npm run demo:data -- --data-dir DIR` filled it. Types in ./startFolders.d.mts.
import { isAbsolute, join, resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';

/** The value after `--data-dir` (or of `--data-dir=DIR`), or null when not given. */
export function dataDirArgument(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === DATA_DIR_FLAG) {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) throw new Error(`${DATA_DIR_FLAG} needs a folder: npm start -- ${DATA_DIR_FLAG} DIR`);
      return value;
    }
    if (argv[i].startsWith(`${DATA_DIR_FLAG}=`)) return argv[i].slice(DATA_DIR_FLAG.length + 1);
  }
  return null;
}

/** `cwd`: the folder a relative one is read from (the checkout). */
export function startFolders({ argv, env, root, cwd }) {
  const given = dataDirArgument(argv);
  const at = (dir) => (isAbsolute(dir) ? dir : resolve(cwd, dir));
  const data = given ? at(given) : join(root, 'data');
  return {
    data,
    secretsFile: join(data, 'dev-secrets.json'),
    hubDir: env.HUB_DATA_DIR ? at(env.HUB_DATA_DIR) : join(data, 'hub'),
    kioskDir: env.KIOSK_DATA_DIR ? at(env.KIOSK_DATA_DIR) : join(data, 'kiosk'),
    demoDir: env.HUB_DATA_DIR ? at(env.HUB_DATA_DIR) : given ? at(given) : join(root, 'demo-hub'),
  };
}
