import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigValues } from '../../main/agent/configValues.js';
import { openDatabase, type Db } from '../../main/agent/db.js';
import { ScreenPresence } from '../../main/agent/heartbeat/screenPresence.js';
import { tempDir } from '../support/fixtures.js';

// The agent's config table through its one store (main/agent/configValues.ts), on a real kiosk
// database: values outlive a reopen, absent keys read as absent, several changes commit together
// or not at all, and a feature that keeps its state there finds it after a restart.

const open: Db[] = [];
afterEach(() => open.splice(0).forEach((db) => db.open && db.close()));

function store(path: string): ConfigValues {
  const db = openDatabase(path);
  open.push(db);
  return new ConfigValues(db);
}

describe('agent config values', () => {
  it('keeps text and JSON across a reopen, reads absent keys as absent, and removes', () => {
    const path = join(tempDir(), 'kiosk.sqlite');
    const first = store(path);
    expect(first.text('terminalId')).toBeUndefined();
    expect(first.json('adminPin')).toBeNull();
    first.setText('terminalId', 'KSK-01');
    first.setJson('adminPin', { salt: 's', hash: 'h' });
    first.setJson('adminSiteId', null);
    first.setText('terminalId', 'KSK-02'); // replaces, never doubles
    open.pop()!.close();

    const again = store(path);
    expect(again.text('terminalId')).toBe('KSK-02');
    expect(again.json('adminPin')).toEqual({ salt: 's', hash: 'h' });
    expect(again.json('adminSiteId')).toBeNull();
    again.remove('adminPin');
    expect(again.json('adminPin')).toBeNull();
    expect(() => again.json('terminalId')).toThrow(SyntaxError); // stored text is not JSON: said, not guessed
  });

  it('commits changes made together all or none', () => {
    const values = store(join(tempDir(), 'kiosk.sqlite'));
    values.setText('credential', 'old');
    expect(() =>
      values.together(() => {
        values.setText('terminalId', 'KSK-03');
        values.remove('credential');
        throw new Error('interrupted');
      }),
    ).toThrow('interrupted');
    expect(values.text('terminalId')).toBeUndefined();
    expect(values.text('credential')).toBe('old');
    expect(values.together(() => (values.setText('terminalId', 'KSK-03'), 'done'))).toBe('done');
    expect(values.text('terminalId')).toBe('KSK-03');
  });

  it('holds a failed camera for the screen presence across a restart', () => {
    const path = join(tempDir(), 'kiosk.sqlite');
    new ScreenPresence(store(path)).report({ screen: 'home', camera: 'failed', microphone: 'ok' }, new Date());
    open.pop()!.close();
    expect(new ScreenPresence(store(path)).current()).toEqual({ screen: 'unknown', camera: 'failed', microphone: 'unknown' });
  });
});
