import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_TRIES_PER_CODE, JOIN_TRIES_PER_MINUTE, roomPaths } from '../../shared/rooms/joining.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// The join page's try limits across hub instances (issue 13): two instances on one PostgreSQL
// database behind a proxy that forwards the client's address (trusted, as nginx is). Tries from one
// address spread over both instances count against one bound, and so do tries of one code from
// many addresses: a guesser gains nothing by landing on another instance.

let a: RunningHub;
let b: RunningHub;

beforeAll(async () => {
  const { databaseUrl } = (await testDatabase(tempDir('join-limits-db-'))) as { databaseUrl: string };
  const dataKey = randomBytes(32).toString('base64');
  const filesDir = tempDir('join-limits-files-');
  const instance = (name: string) => startHub({ dataDir: tempDir(`join-limits-${name}-`), filesDir, databaseUrl, dataKey, backup: false, trustProxy: ['127.0.0.1'] });
  [a, b] = await Promise.all([instance('a'), instance('b')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

/** One try on the join page through `hub`, as the proxy forwards it from `client`. */
async function join(hub: RunningHub, client: string, code: string): Promise<Response> {
  return fetch(new URL(roomPaths.join, hub.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ code, name: '王五', idLast4: '1234' }),
  });
}

describe('join-page try limits across hub instances on one PostgreSQL database', () => {
  it('counts one address’s tries through both instances against one bound', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_TRIES_PER_MINUTE; i++) statuses.push((await join(i % 2 === 0 ? a : b, '203.0.113.7', String(200000 + i))).status);
    expect(statuses).toEqual(Array(JOIN_TRIES_PER_MINUTE).fill(404)); // no such code, each try counted
    for (const hub of [a, b]) {
      const refused = await join(hub, '203.0.113.7', '299999');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
    // Another address is not held back by this one's tries.
    expect((await join(b, '203.0.113.8', '299998')).status).toBe(404);
  });

  it('counts one code’s tries from many addresses through both instances against one bound', async () => {
    const code = '424242';
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_TRIES_PER_CODE; i++) statuses.push((await join(i % 2 === 0 ? b : a, `198.51.100.${i + 1}`, code)).status);
    expect(statuses).toEqual(Array(JOIN_TRIES_PER_CODE).fill(404));
    expect((await join(a, '198.51.100.50', code)).status).toBe(429);
    expect((await join(b, '198.51.100.51', code)).status).toBe(429);
    expect((await join(a, '198.51.100.52', '424243')).status).toBe(404); // another code is still tried
  });
});
