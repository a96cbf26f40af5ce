import { fail } from '../../shared/result.js';
import { createAgent, type Agent } from './agent.js';
import { HostRequester, printThroughParent, tellParent, updatesThroughParent } from './hostRequests.js';
import { createLog } from './log.js';
import { recordAgentCrash } from './reports/crashReports.js';
import { ParentMessage, type ChildMessage, type InitMessage } from './processProtocol.js';

// Entry of the agent when it runs in its own process: an Electron utilityProcess (messages via
// process.parentPort) or a Node child_process.fork (process.send), e.g. in the fault suite.
// The messages both ways are in ./processProtocol.ts. A crash here takes only this process
// down; the parent restarts it. Host capabilities the parent provides (printing) go as host
// request frames (./hostRequests.ts).

interface ParentPort {
  onMessage(listener: (message: unknown) => void): void;
  post(message: ChildMessage): void;
}

function parentPort(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: { on(e: 'message', l: (ev: { data: unknown }) => void): void; postMessage(m: unknown): void } }).parentPort;
  if (electronPort) {
    return { onMessage: (l) => electronPort.on('message', (ev) => l(ev.data)), post: (m) => electronPort.postMessage(m) };
  }
  if (process.send) {
    return { onMessage: (l) => process.on('message', l), post: (m) => process.send!(m) };
  }
  throw new Error('processEntry must run as a utility process or a forked child');
}

const port = parentPort();
const log = createLog();
let agent: Agent | null = null;
let crashTo: { dataDir: string; appVersion: string } | null = null;

// An error nobody caught ends this process (the parent starts another), but first leaves a crash
// report for the next agent to send (./reports/crashReports.ts).
process.on('uncaughtException', (error) => {
  if (crashTo) recordAgentCrash(crashTo.dataDir, error, { app: crashTo.appVersion, electron: process.versions.electron ?? null }, agent?.screen() ?? 'unknown', log);
  process.exit(1);
});
const hostRequests = new HostRequester((frame) => port.post(frame));

port.onMessage((raw) => {
  const parsed = ParentMessage.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  switch (message.t) {
    case 'init':
      return void start(message);
    case 'shutdown':
      return void shutdown();
    case 'host.response':
      return void hostRequests.handle(message);
    case 'call': {
      const { id, name, input } = message;
      if (!agent) return port.post({ t: 'result', id, result: fail('UNAVAILABLE', 'The agent is starting') });
      return void agent.dispatch(name, input).then((result) => port.post({ t: 'result', id, result }));
    }
  }
});

async function start(init: InitMessage): Promise<void> {
  if (agent) return;
  const { kind, shellUpdates, ...options } = init.options;
  const key = Buffer.from(init.dataKey, 'base64');
  crashTo = { dataDir: options.dataDir, appVersion: options.appVersion ?? '0.0.0' };
  // The Electron shell also installs updates, restarts the whole app and leaves kiosk mode; the
  // fault suite's plain Node parent (kind 'browser') does none of these.
  const shell =
    kind === 'electron'
      ? { ...(shellUpdates ? { updates: updatesThroughParent(hostRequests) } : {}), relaunchApp: tellParent(hostRequests, 'relaunchApp'), exitKiosk: tellParent(hostRequests, 'exitKiosk') }
      : {};
  agent = await createAgent({
    ...options,
    log,
    host: { kind, loadDataKey: async () => key, relaunch: () => process.exit(0), printReceipt: printThroughParent(hostRequests), ...shell },
  });
  agent.onEvent((name, payload) => port.post({ t: 'event', name, payload }));
  port.post({ t: 'ready' });
}

async function shutdown(): Promise<void> {
  await agent?.close().catch(() => undefined);
  process.exit(0);
}

// Leave cleanly when the parent goes (Node fork: 'disconnect'); Electron sends { t:'shutdown' }.
process.on('disconnect', () => void shutdown());
