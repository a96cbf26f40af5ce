import { join } from 'node:path';
import { createAgent, type Agent, type AgentOptions } from '../agent/agent.js';
import type { HostCapabilities } from '../agent/host.js';
import type { Log } from '../agent/log.js';
import { startBridgeServer, type BridgeServer } from './bridgeServer.js';
import { loadOrCreateKeyFile } from './keyFile.js';
import { ReceiptPrinter } from './receiptPrinter.js';
import { SimulatedPrinter } from './simulatedPrinter.js';

// The browser host: the agent in this Node process, the renderer in any Chromium pointed at
// 127.0.0.1. A supported way to run the kiosk, not a test double.

export interface BrowserHostOptions extends Omit<AgentOptions, 'host'> {
  rendererDir: string;
  port?: number;
  secret?: string;
  log: Log;
  onRelaunch?: () => void;
  /** Receipt printing: `lp` (default /usr/bin/lp) and its destination (default: the system's); `simulated`: no printer, a counting one (./simulatedPrinter.ts). */
  printer?: { lpPath?: string; lpstatPath?: string; destination?: string | undefined; simulated?: boolean };
}

export interface BrowserHost {
  agent: Agent;
  bridge: BridgeServer;
  printer: ReceiptPrinter;
  /** The simulated printer when `printer.simulated` (tests run it out of paper). */
  simulatedPrinter: SimulatedPrinter | null;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { simulated, ...cups } = options.printer ?? {};
  const printer = new ReceiptPrinter({ dataDir: options.dataDir, log: options.log, ...cups });
  const simulatedPrinter = simulated ? new SimulatedPrinter() : null;
  const host: HostCapabilities = {
    kind: 'browser',
    loadDataKey: async () => loadOrCreateKeyFile(join(options.dataDir, 'data.key'), (m) => options.log.warn('key.file', { note: m })),
    relaunch: () => options.onRelaunch?.(),
    printReceipt: (doc, printOptions) => (simulatedPrinter ? simulatedPrinter.print(doc) : printer.print(doc, printOptions)),
    printerState: () => (simulatedPrinter ? simulatedPrinter.state() : printer.state()),
  };
  // Home comes first: what it does not wait for starts on the page's first call (main/agent/agent.ts).
  const agent = await createAgent({ deferBackgroundWork: true, ...options, host });
  performance.mark('host.agent');
  const bridge = await startBridgeServer({
    dispatch: agent.dispatch,
    rendererDir: options.rendererDir,
    media: agent.media,
    hubOrigin: new URL(options.hubUrl).origin,
    // Its own key, not the data key: a ticket must never be a way to learn anything about that.
    resumeKey: loadOrCreateKeyFile(join(options.dataDir, 'bridge-resume.key'), () => undefined),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  });
  performance.mark('host.listening');
  const off = agent.onEvent((name, payload) => bridge.broadcast(name, payload));
  return {
    agent,
    bridge,
    printer,
    simulatedPrinter,
    async close() {
      off();
      printer.close();
      await bridge.close();
      await agent.close();
    },
  };
}
