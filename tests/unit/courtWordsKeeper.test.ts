import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigValues } from '../../main/agent/configValues.js';
import { CourtWordsKeeper } from '../../main/agent/courtWords/courtWordsKeeper.js';
import { openDatabase, type Db } from '../../main/agent/db.js';
import type { Log } from '../../main/agent/log.js';
import { courtWordsPaths, type CourtWordsList } from '../../shared/courtWords.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';

// The kiosk agent's copy of the court's own words (main/agent/courtWords/), on a real kiosk
// database: asked of the hub conditionally on the version kept, kept across a restart with no
// network, and an answer the schema refuses logged by its code and never applied. The hub's HTTP
// answers are scripted here (what a hub can answer, including what it must not); the real hub's
// route is driven by tests/integration/courtWordsKiosk.test.ts.

const list = (version: string, words: [string, number][]): CourtWordsList => ({ version, countedAt: '2026-12-07T01:00:00Z', filings: { all: 40 }, words: { all: words } });

interface Asked {
  url: string;
  ifNoneMatch: string | null;
  authorization: string | null;
}

/** A hub answering from a script: each ask takes the next answer (the last one repeats). */
function scriptedHub(answers: Array<() => Response>) {
  const asked: Asked[] = [];
  const fetch = (async (input: URL | string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    asked.push({ url: String(input), ifNoneMatch: headers.get('if-none-match'), authorization: headers.get('authorization') });
    const answer = answers[Math.min(asked.length - 1, answers.length - 1)]!;
    return answer();
  }) as typeof globalThis.fetch;
  return { asked, fetch };
}
const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', etag: `"${(body as { version?: string }).version}"` } });
const unchanged = () => new Response(null, { status: 304 });
const unreachable = () => {
  throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
};

function recordingLog() {
  const lines: Array<{ level: string; event: string; fields: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  const log: Log = { info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, log };
}

const open: Db[] = [];
const running: CourtWordsKeeper[] = [];
afterEach(async () => {
  for (const k of running.splice(0)) await k.stop();
  open.splice(0).forEach((db) => db.open && db.close());
});

function keeper(path: string, fetch: typeof globalThis.fetch, o: { credential?: () => string | null; log?: Log; changed?: string[] } = {}) {
  const db = openDatabase(path);
  open.push(db);
  const k = new CourtWordsKeeper({
    values: new ConfigValues(db),
    hubUrl: 'http://127.0.0.1:9',
    fetch,
    credential: o.credential ?? (() => 'cred-1'),
    onChanged: (version) => o.changed?.push(version),
    log: o.log ?? recordingLog().log,
    // Asks again at once after a failure, and after an answer only when the test says so (refresh).
    pollMs: 3_600_000,
    retry: { baseMs: 1, capMs: 1, jitter: 0 },
  });
  running.push(k);
  return k;
}

describe("the kiosk's copy of the court's words", () => {
  it('asks at start with the terminal credential, keeps the list, and still has it after a restart with no network', async () => {
    const path = join(tempDir(), 'kiosk.sqlite');
    const hub = scriptedHub([json(list('v1', [['欠条', 5]]))]);
    const changed: string[] = [];
    const first = keeper(path, hub.fetch, { changed });
    expect(first.current()).toBeNull();
    first.start();
    await waitFor(() => first.current(), 'the first list');
    expect(first.current()).toEqual(list('v1', [['欠条', 5]]));
    expect(changed).toEqual(['v1']);
    expect(hub.asked[0]).toEqual({ url: `http://127.0.0.1:9${courtWordsPaths.list}`, ifNoneMatch: null, authorization: 'Bearer cred-1' });
    await first.stop();
    open.splice(0).forEach((db) => db.close());

    const offline = scriptedHub([unreachable]);
    const second = keeper(path, offline.fetch);
    second.start();
    expect(second.current()).toEqual(list('v1', [['欠条', 5]]));
    await waitFor(() => offline.asked.length >= 2, 'asking again after the hub could not be reached');
    expect(second.current()).toEqual(list('v1', [['欠条', 5]]));
    // The next ask names the version kept: an unchanged list costs the hub a 304.
    expect(offline.asked[0]!.ifNoneMatch).toBe('"v1"');
  });

  it('keeps a new version, and a 304 changes nothing', async () => {
    const hub = scriptedHub([
      json(list('v1', [['欠条', 5]])),
      unchanged,
      json(
        list('v2', [
          ['欠条', 6],
          ['工资', 5],
        ]),
      ),
    ]);
    const changed: string[] = [];
    const k = keeper(join(tempDir(), 'kiosk.sqlite'), hub.fetch, { changed });
    k.start();
    await waitFor(() => k.current(), 'the first list');
    await k.refresh();
    expect(hub.asked[1]!.ifNoneMatch).toBe('"v1"');
    expect(k.current()!.version).toBe('v1');
    await k.refresh();
    expect(k.current()).toEqual(
      list('v2', [
        ['欠条', 6],
        ['工资', 5],
      ]),
    );
    expect(changed).toEqual(['v1', 'v2']);
  });

  it('ignores an answer the schema refuses, logging only its code, and keeps the last good list', async () => {
    const { lines, log } = recordingLog();
    const invalid = [
      // A word fewer than MIN_FILINGS filings used: never applied, whatever else the list holds.
      { ...list('v2', [['欠条', 3]]) },
      { ...list('v2', [['欠', 9]]) },
      { ...list('v2', [['欠条', 5]]), filings: { all: -1 } },
      'not a list',
    ];
    const hub = scriptedHub([json(list('v1', [['欠条', 5]])), ...invalid.map((body) => json(body)), () => new Response('{"version":', { status: 200 })]);
    const k = keeper(join(tempDir(), 'kiosk.sqlite'), hub.fetch, { log });
    k.start();
    await waitFor(() => k.current(), 'the first list');
    for (let i = 0; i < invalid.length + 1; i++) await k.refresh();
    expect(hub.asked.length).toBeGreaterThanOrEqual(invalid.length + 2);
    expect(k.current()).toEqual(list('v1', [['欠条', 5]]));
    // Each refused answer is asked again soon (this test's retry is at once), each logged.
    const refused = lines.filter((l) => l.event === 'courtWords.invalid');
    expect(refused.length).toBeGreaterThanOrEqual(invalid.length + 1);
    expect(refused[0]!.fields).toEqual({ status: 200 });
    // By code: no word of the answer reaches the log.
    expect(JSON.stringify(lines)).not.toContain('欠');
  });

  it("reads a newer hub's list with a field it does not know (the field dropped), and waits for enrollment before asking", async () => {
    let credential: string | null = null;
    const hub = scriptedHub([json({ ...list('v3', [['欠条', 5]]), method: 'jieba' })]);
    const k = keeper(join(tempDir(), 'kiosk.sqlite'), hub.fetch, { credential: () => credential });
    k.start();
    await k.refresh();
    expect(hub.asked).toEqual([]);
    credential = 'cred-2';
    await waitFor(() => k.current(), 'the list once enrolled');
    expect(k.current()).toEqual(list('v3', [['欠条', 5]]));
    expect(hub.asked[0]!.authorization).toBe('Bearer cred-2');
  });

  it('drops a kept list the schema no longer reads, and asks the hub again', async () => {
    const path = join(tempDir(), 'kiosk.sqlite');
    const db = openDatabase(path);
    new ConfigValues(db).setJson('courtWords', { version: 'old', words: 'whatever' });
    db.close();
    const hub = scriptedHub([json(list('v4', [['欠条', 5]]))]);
    const { lines, log } = recordingLog();
    const k = keeper(path, hub.fetch, { log });
    k.start();
    expect(k.current()).toBeNull();
    expect(lines.map((l) => l.event)).toContain('courtWords.kept_invalid');
    await waitFor(() => k.current(), 'a list from the hub');
    expect(hub.asked[0]!.ifNoneMatch).toBeNull();
  });
});
