import type { FastifyInstance } from 'fastify';
import { entryStands } from '../counter/counterRules.js';
import type { CounterSignInStore } from '../counter/counterSignInStore.js';
import type { HubDb } from '../db/database.js';
import { errorLogFields } from '../http/errors.js';
import type { TerminalStore } from '../terminals/store.js';
import { intakeReceiver, type IntakeReceiver } from './ingest.js';
import { registerIntakeRoutes } from './routes.js';
import type { IntakeStore } from './store.js';
import { registerUploadRoutes } from './uploadRoutes.js';
import { createUploadServer } from './uploadServer.js';

// Plugs intake into the hub: the receiver of kiosks' intakes (a counter's entry counts only while
// its staff sign-in stands) and the attachments' tus uploads.

export function registerIntake(
  app: FastifyInstance,
  deps: {
    database: HubDb;
    intakes: IntakeStore;
    terminals: TerminalStore;
    counterSignIns: CounterSignInStore;
    uploadsDir: string;
    now: () => Date;
    beforeCommit: ((submissionId: string) => void | Promise<void>) | undefined;
  },
): IntakeReceiver {
  const { database, intakes, terminals, counterSignIns, now } = deps;
  const receiver = intakeReceiver({
    store: intakes,
    now,
    counterEntrySite: async (terminalId, entry) => {
      const signIn = await counterSignIns.find(database, entry.signInId);
      return entryStands(entry, terminalId, signIn) ? signIn.siteId : null;
    },
    beforeCommit: deps.beforeCommit,
    onListenerError: (err) => app.log.error({ errName: errorLogFields(err).errName }, 'intake listener failed'),
  });
  registerIntakeRoutes(app, { terminals, receiver });
  const uploads = createUploadServer({
    store: intakes,
    terminals,
    directory: deps.uploadsDir,
    now,
    onFault: (err) => app.log.error(errorLogFields(err), 'upload failed'),
  });
  registerUploadRoutes(app, { uploads });
  return receiver;
}
