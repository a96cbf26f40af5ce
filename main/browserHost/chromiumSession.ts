import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumArgs, findChromium } from './chromium.js';

// The Chromium kiosk session of a browser-host install (deploy/systemd/dispute-kiosk-chromium.service):
// opens, in kiosk mode, the page the browser host wrote to KIOSK_URL_FILE (its per-launch secret
// is in it, so the URL never appears in a unit file or a process list of another user), and lives
// exactly as long as Chromium, so systemd restarts the session whenever Chromium dies. No file yet
// (the host is still starting): exit 1 and let systemd try again.

const urlFile = process.env.KIOSK_URL_FILE;
const chromium = process.env.KIOSK_CHROMIUM ?? findChromium();
const url = urlFile && existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : '';
if (!chromium || !url.startsWith('http://127.0.0.1:')) {
  process.stderr.write(`chromium session: ${chromium ? `no kiosk URL in ${urlFile ?? '(KIOSK_URL_FILE unset)'} yet` : 'no Chromium found'}\n`);
  process.exit(1);
}
const profile = join(process.env.KIOSK_DATA_DIR ?? '.', 'chromium-profile');
const child = spawn(chromium, chromiumArgs(url, 'kiosk', profile), { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
