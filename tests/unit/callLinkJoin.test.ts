import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { CallLink } from '../../main/agent/call/callLink.js';
import { silentLog } from '../../main/agent/log.js';
import type { TerminalJoinRequest } from '../../shared/rooms/joining.js';

// The kiosk's answer to a refused join code (CallLink.join): the hub's error frame for a
// `call.join`, read through the frame schema (ErrorFrame.code reads a code this kiosk does not
// know, a newer hub's, as REFUSED), becomes the refusal the join screen shows. A code the kiosk
// cannot place must still read as "this code does not let you in", never as a failure of the
// kiosk. A real WebSocket server on 127.0.0.1 answers each `call.join` with the error frame given.

const servers: WebSocketServer[] = [];
const links: CallLink[] = [];
afterEach(async () => {
  for (const link of links.splice(0)) link.stop();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A hub that answers every `call.join` with `{ t: 'error', code, … }` (and `retryAfterS` if given). */
async function refusingHub(code: string, retryAfterS?: number): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise<void>((r) => server.once('listening', r));
  server.on('connection', (ws) => {
    // the hub's greeting: the agent sends nothing before it (the call it remembers, none here)
    ws.send(JSON.stringify({ t: 'hello', terminalId: 'KSK-01', call: null }));
    ws.on('message', (data) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a text frame arrives as one Buffer
      const frame = JSON.parse(String(data)) as { t: string; ref?: number };
      if (frame.t !== 'call.join') return;
      ws.send(JSON.stringify({ t: 'error', ref: frame.ref, code, message: 'refused', ...(retryAfterS ? { retryAfterS } : {}) }));
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function linkTo(hubUrl: string): CallLink {
  const link = new CallLink({
    hubUrl,
    credential: () => 'terminal-credential',
    log: silentLog,
    events: { state() {}, room() {}, signal() {}, sfu() {}, record() {}, pendingRecord() {} },
    // generous: a busy machine may take long to connect; the answer is what is tested, not its time
    requestTimeoutMs: 30_000,
  });
  links.push(link);
  link.start();
  return link;
}

const request: TerminalJoinRequest = { code: '123456', name: '王建国', idLast4: '031X', language: 'zh-CN' };

describe("the kiosk's answer to a refused join code", () => {
  it('reads REFUSED as a code that does not let in (badCode)', async () => {
    const link = linkTo(await refusingHub('REFUSED'));
    expect(await link.join(request)).toEqual({ joined: false, reason: 'badCode' });
  });

  it("reads a newer hub's unknown code (ErrorFrame.code's catch: REFUSED) as badCode, not a failure", async () => {
    const link = linkTo(await refusingHub('CODE_RETIRED_BY_COURT'));
    expect(await link.join(request)).toEqual({ joined: false, reason: 'badCode' });
  });

  it('keeps the refusals it knows apart', async () => {
    expect(await linkTo(await refusingHub('NOT_FOUND')).join(request)).toEqual({ joined: false, reason: 'badCode' });
    expect(await linkTo(await refusingHub('FORBIDDEN')).join(request)).toEqual({ joined: false, reason: 'badIdentity' });
    expect(await linkTo(await refusingHub('CODE_LOCKED')).join(request)).toEqual({ joined: false, reason: 'codeLocked' });
    expect(await linkTo(await refusingHub('RATE_LIMITED', 20)).join(request)).toEqual({ joined: false, reason: 'tooMany', retryAfterS: 20 });
  });

  it('fails (not refuses) where the hub cannot take it now', async () => {
    await expect(linkTo(await refusingHub('UNAVAILABLE')).join(request)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
