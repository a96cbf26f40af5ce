import type { FastifyInstance } from 'fastify';
import { EnrollRequest, hubPaths, type EnrollResponse } from '../../shared/hubProtocol.js';
import { newSecret, secretsEqual, sha256Hex } from '../http/credentials.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import type { TerminalStore } from './store.js';

// Enrollment: a kiosk proves it was set up by the court (the enrollment code) and receives its
// own bearer credential. Enrolling again with the same terminalId rotates the credential, so a
// reinstalled kiosk can recover; the previous credential stops working at once.

export interface TerminalRoutesOptions {
  terminals: TerminalStore;
  enrollmentCode: string;
  now: () => Date;
}

export function registerTerminalRoutes(app: FastifyInstance, opts: TerminalRoutesOptions): void {
  app.post(hubPaths.enroll, async (request) => {
    const body = parseOrThrow(EnrollRequest, request.body, 'Enrollment request');
    if (!secretsEqual(body.enrollmentCode, opts.enrollmentCode)) {
      throw new HubError(403, hubErrorCodes.forbidden, 'Enrollment code not accepted');
    }
    const credential = newSecret();
    await opts.terminals.enroll({
      terminalId: body.terminalId,
      name: body.name,
      location: body.location,
      credentialHash: sha256Hex(credential),
      at: opts.now().toISOString(),
    });
    const response: EnrollResponse = { terminalId: body.terminalId, credential };
    return response;
  });
}
