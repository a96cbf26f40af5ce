import WebSocket from 'ws';
import { EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import { signallingPaths } from '../../shared/signalling.js';
import { addMediator } from '../../server/staff/accounts.js';
import type { Hub } from '../../server/hub.js';
import { ENROLLMENT_CODE } from './hubHarness.js';

// Node clients of the hub's signalling socket for integration tests and benchmarks: a kiosk
// (bearer credential, as the agent connects) and a mediator (session cookie + Origin, as the
// console's browser connects). Frames received are kept in order; tests wait on them.

export interface FrameClient {
  ws: WebSocket;
  frames: Array<Record<string, unknown> & { t: string }>;
  send(frame: unknown): void;
  /** Resolves with the first frame (received so far or later) that matches, searching after `from`. */
  next(match: (f: Record<string, unknown> & { t: string }) => boolean, what?: string, timeoutMs?: number): Promise<Record<string, unknown> & { t: string }>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

function wsUrl(hubUrl: string, path: string): string {
  const u = new URL(path, hubUrl);
  u.protocol = 'ws:';
  return u.toString();
}

export function openFrameClient(url: string, headers: Record<string, string>): Promise<FrameClient> {
  const ws = new WebSocket(url, { headers });
  const frames: FrameClient['frames'] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws's default binaryType 'nodebuffer' delivers a text frame as one Buffer
    frames.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        close: () => ws.close(),
        next(match, what = 'frame', timeoutMs = 30_000) {
          let seen = 0;
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`Timed out waiting for ${what}; got ${JSON.stringify(frames.map((f) => f.t))}`)), timeoutMs);
            const check = () => {
              for (; seen < frames.length; seen++) {
                const f = frames[seen]!;
                if (match(f)) {
                  clearTimeout(timer);
                  frames.splice(seen, 1); // consumed: a later wait for the same kind gets the next one
                  return res(f);
                }
              }
              waiters.push(check);
            };
            check();
          });
        },
      }),
    );
  });
}

export async function enrollTerminal(hubUrl: string, terminalId: string, name = terminalId, location = ''): Promise<string> {
  const res = await fetch(new URL(hubPaths.enroll, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name, location }),
  });
  return EnrollResponse.parse(await res.json()).credential;
}

export function kioskClient(hubUrl: string, credential: string): Promise<FrameClient> {
  return openFrameClient(wsUrl(hubUrl, signallingPaths.kiosk), { authorization: `Bearer ${credential}` });
}

export const MEDIATOR_PASSWORD = 'mediator-test-password';

/** Creates a mediator account (once per username) and signs in; returns the session cookie. */
export async function mediatorSession(hub: Hub, hubUrl: string, username = 'med1', displayName = '李调解'): Promise<string> {
  if (!(await hub.staff.account(username))) await addMediator(hub.staff, { username, password: MEDIATOR_PASSWORD, displayName }, new Date());
  const origin = new URL(hubUrl).origin;
  const res = await fetch(new URL('/api/v1/mediator/login', hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: MEDIATOR_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`mediator login: HTTP ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export function mediatorClient(hubUrl: string, cookie: string, origin = new URL(hubUrl).origin): Promise<FrameClient> {
  return openFrameClient(wsUrl(hubUrl, signallingPaths.mediator), { cookie, origin });
}
