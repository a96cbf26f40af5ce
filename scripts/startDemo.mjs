// `npm start -- --demo`: only the hub, on ./demo-hub (or `--data-dir DIR`) as `npm run demo:data`
// filled it (its logins were printed there), to look at the dashboard with a year of data. Runs
// until the hub stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function startDemo(root, hubPort, demoDir) {
  if (!existsSync(join(demoDir, 'hub.sqlite'))) {
    const fill = demoDir === join(root, 'demo-hub') ? 'npm run demo:data' : `npm run demo:data -- --data-dir ${demoDir}`;
    console.log(`start: no demo data in ${demoDir} yet: run \`${fill}\` first (it prints the logins)`);
    process.exit(1);
  }
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const hub = spawn(process.execPath, ['dist/server/main.js'], { cwd: root, env: { ...process.env, HUB_PORT: String(hubPort), HUB_DATA_DIR: demoDir }, stdio: 'inherit' });
  console.log(`start: demo dashboard ${hubUrl}/dashboard  (wall: ${hubUrl}/dashboard/wall; console: ${hubUrl}/console)`);
  console.log('start: logins (president, admin) are the ones `npm run demo:data` printed; Ctrl-C stops the hub');
  // the demo's terminals are simulated: this keeps them reporting through the hub's heartbeat route (server/demo/demoHeartbeats.ts)
  const { startDemoHeartbeats } = await import(join(root, 'dist/server/demo/demoHeartbeats.js'));
  const stopHeartbeats = startDemoHeartbeats(hubUrl);
  console.log('start: the 60 demo terminals are simulated; this process sends their heartbeats every 30 s (two stay silent on purpose, to show offline)');
  const stop = () => {
    stopHeartbeats();
    hub.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise(() => hub.on('exit', (code) => process.exit(code ?? 0)));
}
