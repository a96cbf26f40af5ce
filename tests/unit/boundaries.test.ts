import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import configuration, { forbidden } from '../../.dependency-cruiser.mjs';
import { tempDir } from '../support/testDirs.js';

// The boundary rules of .dependency-cruiser.mjs, each fed a deliberate violation in a throw-away
// tree shaped like ours: a rule whose pattern stops matching fails here instead of going quiet.

type Fixture = { rule: string; from: string; files: Record<string, string> };

const leaf = 'export const value = 1;\n';
const importing = (spec: string): string => `import { value } from '${spec}';\nexport const copy = value;\n`;

const violations: Fixture[] = [
  { rule: 'renderer-stays-in-renderer', from: 'renderer/shell/Home.tsx', files: { 'renderer/shell/Home.tsx': importing('../../main/agent/outbox/outbox.js'), 'main/agent/outbox/outbox.ts': leaf } },
  {
    rule: 'renderer-stays-in-renderer',
    from: 'renderer/wizard/steps/Party.tsx',
    files: { 'renderer/wizard/steps/Party.tsx': importing('../../../server/intake/store.js'), 'server/intake/store.ts': leaf },
  },
  { rule: 'shared-stays-shared', from: 'shared/contract.ts', files: { 'shared/contract.ts': importing('../renderer/api/kioskApi.js'), 'renderer/api/kioskApi.ts': leaf } },
  { rule: 'shared-no-node-builtins', from: 'shared/backoff.ts', files: { 'shared/backoff.ts': "import { setTimeout } from 'node:timers';\nexport const wait = setTimeout;\n" } },
  { rule: 'agent-knows-no-host', from: 'main/agent/sync.ts', files: { 'main/agent/sync.ts': importing('../electron/main.js'), 'main/electron/main.ts': leaf } },
  { rule: 'agent-knows-no-host', from: 'main/agent/intake/store.ts', files: { 'main/agent/intake/store.ts': importing('../../browserHost/server.js'), 'main/browserHost/server.ts': leaf } },
  { rule: 'electron-only-in-shell', from: 'main/agent/host.ts', files: { 'main/agent/host.ts': "import { app } from 'electron';\nexport const name = app.name;\n" } },
  { rule: 'electron-only-in-shell', from: 'renderer/App.tsx', files: { 'renderer/App.tsx': "import type { App } from 'electron';\nexport type Shell = App;\n" } },
  { rule: 'electron-types-only-in-tests', from: 'tests/unit/window.test.ts', files: { 'tests/unit/window.test.ts': "import { BrowserWindow } from 'electron';\nexport const W = BrowserWindow;\n" } },
  {
    rule: 'desk-imports-only-shared-kiosk-code',
    from: 'server/console-app/Desk.tsx',
    files: { 'server/console-app/Desk.tsx': importing('../../renderer/call/CallScreen.js'), 'renderer/call/CallScreen.tsx': leaf },
  },
  {
    rule: 'desk-imports-only-shared-kiosk-code',
    from: 'server/console-app/join/JoinSignaturePad.tsx',
    files: { 'server/console-app/join/JoinSignaturePad.tsx': importing('../../../renderer/ui/SignaturePadField.js'), 'renderer/ui/SignaturePadField.tsx': leaf },
  },
  {
    rule: 'desk-shared-kiosk-code-stands-alone',
    from: 'renderer/signature/useSignaturePad.ts',
    files: { 'renderer/signature/useSignaturePad.ts': importing('../i18n/index.js'), 'renderer/i18n/index.ts': leaf },
  },
  { rule: 'hub-not-into-kiosk', from: 'server/intake/routes.ts', files: { 'server/intake/routes.ts': importing('../../renderer/receipt/receiptText.js'), 'renderer/receipt/receiptText.ts': leaf } },
  { rule: 'hub-not-into-kiosk', from: 'server/playlist/store.ts', files: { 'server/playlist/store.ts': importing('../../main/agent/playlist/cache.js'), 'main/agent/playlist/cache.ts': leaf } },
  {
    rule: 'desk-not-into-kiosk-node',
    from: 'server/console-app/sessionApi.ts',
    files: { 'server/console-app/sessionApi.ts': importing('../../main/agent/call/callLink.js'), 'main/agent/call/callLink.ts': leaf },
  },
  { rule: 'preload-only-shared', from: 'preload/index.ts', files: { 'preload/index.ts': importing('../main/bridge/dispatch.js'), 'main/bridge/dispatch.ts': leaf } },
  { rule: 'preload-only-shared', from: 'preload/transport.ts', files: { 'preload/transport.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" } },
  { rule: 'no-cycles', from: 'server/web/escape.ts', files: { 'server/web/page.ts': importing('./escape.js'), 'server/web/escape.ts': importing('./page.js') } },
];

// What the rules allow must stay allowed, or the real tree could not pass.
const allowed: Record<string, string> = {
  'renderer/webrtc/peerLink.ts': importing('../../shared/call.js'),
  'renderer/shell/Frame.tsx': importing('../webrtc/peerLink.js'),
  'server/console-app/Desk.tsx': importing('../../renderer/webrtc/peerLink.js'),
  'server/console-app/join/Pad.tsx': importing('../../../renderer/signature/pad.js'),
  'renderer/signature/pad.ts': importing('../../shared/call.js'),
  'renderer/ui/Field.tsx': importing('../signature/pad.js'),
  'server/intake/routes.ts': `${importing('../../shared/call.js')}import { join } from 'node:path';\nexport const at = join;\n`,
  'shared/call.ts': leaf,
  'shared/contract.ts': `${importing('./call.js')}import { z } from 'zod';\nexport const schema = z;\n`,
  'main/agent/sync.ts': `${importing('../../shared/call.js')}import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`,
  'main/electron/main.ts': `${importing('../agent/sync.js')}import { app } from 'electron';\nexport const shell = app;\n`,
  'preload/index.ts': `${importing('../shared/contract.js')}import { contextBridge } from 'electron';\nexport const bridge = contextBridge;\n`,
  'tests/unit/window.test.ts': "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n",
};

let root: string;

// Each fixture tree sees the real node_modules, so 'zod' and 'electron' resolve as they do in ours.
function write(folder: string, files: Record<string, string>): void {
  mkdirSync(folder, { recursive: true });
  symlinkSync(join(process.cwd(), 'node_modules'), join(folder, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}

async function check(folder: string): Promise<ICruiseResult> {
  const { tsConfig: _ours, cache: _cache, ...options } = configuration.options ?? {};
  const { output } = await cruise(['.'], { ...options, baseDir: folder, validate: true, ruleSet: { forbidden } });
  if (typeof output === 'string') throw new Error('expected a cruise result, got a report');
  return output;
}

beforeAll(() => {
  root = tempDir('boundaries-');
});

describe('boundary rules', () => {
  it('have a deliberate violation each', () => {
    expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(forbidden.map((r) => r.name)));
  });

  it.each(violations.map((v, i) => [v.rule, v.from, i] as const))('%s fails on %s', async (rule, from, i) => {
    const folder = join(root, `violation-${i}`);
    write(folder, violations[i]!.files);
    const found = (await check(folder)).summary.violations.map((v) => ({ rule: v.rule.name, from: v.from }));
    expect(found).toContainEqual({ rule, from });
  });

  it('let the allowed imports through', async () => {
    const folder = join(root, 'allowed');
    write(folder, allowed);
    const result = await check(folder);
    expect(result.summary.violations).toEqual([]);
    expect(result.modules.length).toBeGreaterThanOrEqual(Object.keys(allowed).length);
  });
});
