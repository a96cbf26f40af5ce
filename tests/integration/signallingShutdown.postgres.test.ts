import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { signallingPaths } from '../../shared/signalling.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// A hub shutting down refuses signalling upgrades from the moment it begins to close (issue 13): a
// kiosk whose upgrade was still being authenticated when closing began is answered 503 with
// `Retry-After: 1`, so it reconnects at once (through nginx, to a surviving instance). Before, an
// upgrade completing during preClose's awaits (recordings sealed, the cluster's relay closed) was
// accepted onto a closed desk and then cut, and one completing after it got the ws library's bare
// 503 with no Retry-After. The window is held open on purpose: another session locks the terminals
// table, so the kiosk's credential check waits while the hub closes; the lock goes once the hub
// has stopped listening.

/** The server's first answer (its status line and headers). */
function answerOf(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) resolve(text);
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(false)));
    probe.once('error', () => resolve(true));
  });

describe('a signalling upgrade authenticated while the hub closes', () => {
  it('is refused with 503 and Retry-After, never accepted', async () => {
    const h = await startHub({ backup: false });
    const credential = await enrollTerminal(h.url, 'KSK-SHUTDOWN-1');
    const other = new pg.Client({ connectionString: (await testDatabase(h.dataDir)).databaseUrl });
    await other.connect();
    const port = Number(new URL(h.url).port);
    const socket = net.connect(port, '127.0.0.1');
    const answer = answerOf(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    try {
      await other.query('BEGIN');
      await other.query('LOCK TABLE terminals IN ACCESS EXCLUSIVE MODE');
      socket.write(
        `GET ${signallingPaths.kiosk} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer ${credential}\r\n\r\n`,
      );
      await waitFor(async () => {
        const { rows } = await other.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
        return Number(rows[0]!.n) > 0;
      }, 'the credential check to wait for the terminals table');
      const closed = h.close();
      // The listening socket is closed after the hub's preClose steps (its open sockets closed).
      await waitFor(() => refused(port), 'the hub to stop accepting connections');
      await other.query('COMMIT');
      const text = await answer;
      expect(text.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
      expect(text).toContain('Retry-After: 1');
      await closed;
    } finally {
      socket.destroy();
      await other.end();
      await h.close();
    }
  });
});
