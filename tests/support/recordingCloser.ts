import { loadDataKey } from '../../server/personalData/dataKey.js';
import { roomLog } from '../../server/rooms/roomLog.js';
import type { InterruptedDeps } from '../../server/sfu/interruptedRecordings.js';
import { recordingKey } from '../../server/sfu/recordingSeal.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import type { RunningHub } from './hubHarness.js';

/** What closing interrupted recordings needs, taken from a running hub (as server/signalling/calls.ts wires it). */
export function recordingCloserOf(h: RunningHub): InterruptedDeps {
  const now = () => new Date();
  return {
    scope: h.hub.database,
    store: recordingStore,
    roomLog: roomLog({ scope: h.hub.database, cases: h.hub.cases, audit: h.hub.court.audit, now }),
    key: recordingKey(loadDataKey({ dataDir: h.dataDir })),
    sealedFile: h.hub.files.recording,
    now,
    log: { info: () => undefined, warn: () => undefined },
  };
}
