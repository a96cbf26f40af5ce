import { describe, expect, it } from 'vitest';
import { startFolders } from '../../scripts/startFolders.mjs';
import { demoStart } from '../../server/demo/demoStart.js';

// Where `npm start` keeps its data (scripts/startFolders.mjs), and what `demo:data` says to start
// it with (server/demo/demoStart.ts): the folder and port asked for, never a fixed ./data or :8750.

const root = '/checkout';
const folders = (argv: string[], env: Record<string, string> = {}) => startFolders({ argv, env, root, cwd: root });

describe('npm start’s data folder', () => {
  it('is ./data by default: the hub, the kiosk and the dev secrets inside it; the demo on ./demo-hub', () => {
    expect(folders([])).toEqual({
      data: '/checkout/data',
      secretsFile: '/checkout/data/dev-secrets.json',
      hubDir: '/checkout/data/hub',
      kioskDir: '/checkout/data/kiosk',
      demoDir: '/checkout/demo-hub',
    });
  });

  it('is the folder given with --data-dir (absolute, or read from the checkout), for the demo too', () => {
    expect(folders(['--data-dir', '/tmp/walk/data'])).toMatchObject({ hubDir: '/tmp/walk/data/hub', kioskDir: '/tmp/walk/data/kiosk', secretsFile: '/tmp/walk/data/dev-secrets.json' });
    expect(folders(['--demo', '--data-dir=/tmp/walk/demo-hub']).demoDir).toBe('/tmp/walk/demo-hub');
    expect(folders(['--data-dir', 'walk']).hubDir).toBe('/checkout/walk/hub');
    expect(() => folders(['--data-dir'])).toThrow(/needs a folder/);
    expect(() => folders(['--data-dir', '--demo'])).toThrow(/needs a folder/);
  });

  it('leaves HUB_DATA_DIR and KIOSK_DATA_DIR set by the operator as they are', () => {
    const f = folders(['--data-dir', '/tmp/walk/data'], { HUB_DATA_DIR: '/srv/hub', KIOSK_DATA_DIR: '/srv/kiosk' });
    expect(f).toMatchObject({ hubDir: '/srv/hub', kioskDir: '/srv/kiosk', secretsFile: '/tmp/walk/data/dev-secrets.json' });
    expect(folders(['--demo'], { HUB_DATA_DIR: '/srv/demo' }).demoDir).toBe('/srv/demo');
  });
});

describe('demo:data’s way to look at it', () => {
  it('names the folder it filled and the port asked for, and prints that port’s address', () => {
    expect(demoStart('demo-hub', '8750', undefined)).toEqual({ start: 'npm start -- --demo', url: 'http://127.0.0.1:8750' });
    expect(demoStart('/tmp/walk/demo-hub', '18751', undefined)).toEqual({ start: 'HUB_PORT=18751 npm start -- --demo --data-dir /tmp/walk/demo-hub', url: 'http://127.0.0.1:18751' });
    expect(demoStart('demo-hub', '8750', 'postgres://x').start).toContain('node dist/server/main.js');
  });
});
