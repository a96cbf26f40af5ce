import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Server as HttpsServer } from 'node:https';

// The hub's own certificate (HUB_TLS_CERT, HUB_TLS_KEY: PEM files). A renewed certificate is
// taken without a restart: on SIGHUP (server/main.ts) or when either file changes; open
// connections keep theirs, new ones get the new one. A pair that does not load is refused and
// the old one stays, so a half-copied renewal never takes the hub off the air.

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
}

export function readTlsPair(files: TlsFiles): TlsPair {
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
}

export interface TlsReloader {
  /** Read the files again and use them for new connections; throws (the old pair stays) if they do not load. */
  reload(): void;
  stop(): void;
}

export function tlsReloader(server: HttpsServer, files: TlsFiles, onError: (err: unknown) => void, watchIntervalMs = 5_000): TlsReloader {
  const reload = () => {
    // setSecureContext validates the pair (a key that does not match the certificate throws)
    server.setSecureContext(readTlsPair(files));
  };
  const onChange = () => {
    try {
      reload();
    } catch (err) {
      onError(err);
    }
  };
  const options = { interval: watchIntervalMs, persistent: false };
  watchFile(files.certFile, options, onChange);
  watchFile(files.keyFile, options, onChange);
  return {
    reload,
    stop() {
      unwatchFile(files.certFile, onChange);
      unwatchFile(files.keyFile, onChange);
    },
  };
}
