import { join } from 'node:path';
import { createAgent, type Agent, type AgentOptions } from '../agent/agent.js';
import type { HostCapabilities } from '../agent/host.js';
import type { Log } from '../agent/log.js';
import { startBridgeServer, type BridgeServer } from './bridgeServer.js';
import { loadOrCreateKeyFile } from './keyFile.js';

// The browser host: the agent in this Node process, the renderer in any Chromium pointed at
// 127.0.0.1. A supported way to run the kiosk, not a test double.

export interface BrowserHostOptions extends Omit<AgentOptions, 'host'> {
  rendererDir: string;
  port?: number;
  secret?: string;
  log: Log;
  onRelaunch?: () => void;
}

export interface BrowserHost {
  agent: Agent;
  bridge: BridgeServer;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host: HostCapabilities = {
    kind: 'browser',
    loadDataKey: async () => loadOrCreateKeyFile(join(options.dataDir, 'data.key'), (m) => options.log.warn('key.file', { note: m })),
    relaunch: () => options.onRelaunch?.(),
  };
  const agent = await createAgent({ ...options, host });
  const bridge = await startBridgeServer({
    dispatch: agent.dispatch,
    rendererDir: options.rendererDir,
    media: agent.media,
    hubOrigin: new URL(options.hubUrl).origin,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  });
  const off = agent.onEvent((name, payload) => bridge.broadcast(name, payload));
  return {
    agent,
    bridge,
    async close() {
      off();
      await bridge.close();
      await agent.close();
    },
  };
}
