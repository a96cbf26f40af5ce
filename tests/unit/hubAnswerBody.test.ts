import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readJson, readText } from '../../main/agent/hubAnswerBody.js';
import { IntakeHubClient } from '../../main/agent/intake/intakeHubClient.js';
import { PlaylistHubClient } from '../../main/agent/playlist/playlistHubClient.js';
import type { IntakeIngest } from '../../shared/hubProtocol.js';

// A hub answer whose headers arrive and whose body then stalls: aborting the request ends the
// read (rejects with the abort's reason) instead of leaving it, and the agent's close behind it,
// waiting for ever. A real HTTP server on 127.0.0.1; the tests wait for the rejection itself.

const servers: Server[] = [];
const stalled: ServerResponse[] = [];
afterEach(async () => {
  for (const res of stalled.splice(0)) res.destroy();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** Answers 200 with JSON headers and the first part of a body, then sends nothing more. */
async function stallingHub(): Promise<{ url: string; answered: Promise<void> }> {
  let heard!: () => void;
  const answered = new Promise<void>((r) => (heard = r));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' });
    res.write('{"version":');
    stalled.push(res);
    heard();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answered };
}

describe('reading a hub answer that stalls after its headers', () => {
  it('rejects the read once the request is aborted', async () => {
    const hub = await stallingHub();
    const abort = new AbortController();
    const res = await fetch(hub.url, { signal: abort.signal });
    const reading = readJson(res, abort.signal);
    abort.abort(new Error('closing'));
    await expect(reading).rejects.toThrow('closing');
  });

  it('rejects at once when the request was aborted before the read began', async () => {
    const hub = await stallingHub();
    const abort = new AbortController();
    const res = await fetch(hub.url, { signal: abort.signal });
    abort.abort(new Error('closed already'));
    await expect(readText(res, abort.signal)).rejects.toThrow('closed already');
  });

  it('reads a whole answer as JSON, and refuses one that is not', async () => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/bad' ? '{"half":' : JSON.stringify({ version: 'v1', items: ['a', '东'] }));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signal = new AbortController().signal;
    expect(await readJson(await fetch(base), signal)).toEqual({ version: 'v1', items: ['a', '东'] });
    await expect(readJson(await fetch(`${base}/bad`), signal)).rejects.toThrow(SyntaxError);
  });

  it('ends the manifest fetch when the playlist is stopped mid-body', async () => {
    const hub = await stallingHub();
    let headersIn!: () => void;
    const headers = new Promise<void>((r) => (headersIn = r));
    // the real fetch, told apart only in that the test learns when the headers are in
    const fetchSeen = (async (...args: Parameters<typeof fetch>) => {
      const res = await fetch(...args);
      headersIn();
      return res;
    }) as typeof fetch;
    const client = new PlaylistHubClient({ hubUrl: hub.url, fetch: fetchSeen, timeoutMs: 3_600_000 });
    const abort = new AbortController();
    const fetching = client.manifest('credential', null, abort.signal);
    await hub.answered;
    await headers;
    abort.abort();
    expect(await fetching).toEqual({ kind: 'failed', reason: 'timeout' });
  });

  // The outbox's runners get its close signal (JobContext.signal): with an hour's timeout, only
  // that signal can end these requests, so a test that waited for the timeout would never finish.
  it('ends an intake delivery when the outbox closes mid-answer', async () => {
    const hub = await stallingHub();
    const client = new IntakeHubClient({ hubUrl: hub.url, timeoutMs: 3_600_000 });
    const closing = new AbortController();
    const sending = client.sendIntake('credential', { submissionId: 'a1' } as IntakeIngest, closing.signal);
    await hub.answered;
    closing.abort();
    expect((await sending).kind).not.toBe('delivered');
  });

  it('ends a proof-of-play delivery when the outbox closes mid-answer', async () => {
    const hub = await stallingHub();
    const client = new PlaylistHubClient({ hubUrl: hub.url, timeoutMs: 3_600_000 });
    const closing = new AbortController();
    const sending = client.sendPlays('credential', [], closing.signal);
    await hub.answered;
    closing.abort();
    expect((await sending).kind).toBe('retry');
  });
});
