import { randomBytes } from 'node:crypto';
import type { ConfigValues } from './configValues.js';
import type { Sealer } from './sealing.js';

// The terminal's identity and its link to the hub, kept in the store so they survive restarts.
// The hub credential is a secret, so it is sealed like personal data.

export interface TerminalConfig {
  terminalId: string;
  terminalName: string;
  location: string;
  hubUrl: string;
}

export interface TerminalConfigStore {
  read(): TerminalConfig;
  credential(): string | null;
  setCredential(credential: string | null): void;
  /** Enrolled: the hub's answer names the terminal (a token says which one it is) and its credential. */
  enrolledAs(terminalId: string, credential: string): void;
  /**
   * The credential this terminal asks the hub to register, chosen once and kept until enrolled, so
   * that a retry after a lost answer presents the same one (the hub then answers it again).
   */
  proposedCredential(): string;
}

export interface ConfigDefaults {
  terminalId?: string | undefined;
  terminalName?: string | undefined;
  location?: string | undefined;
  hubUrl: string;
}

export function openTerminalConfig(values: ConfigValues, sealer: Sealer, defaults: ConfigDefaults): TerminalConfigStore {
  // Explicit settings (env / installer) win; otherwise keep what the terminal already had.
  values.together(() => {
    const id = defaults.terminalId ?? values.text('terminalId') ?? `KSK-${randomBytes(3).toString('hex').toUpperCase()}`;
    if (values.text('terminalId') !== undefined && values.text('terminalId') !== id) values.remove('credential');
    values.setText('terminalId', id);
    values.setText('terminalName', defaults.terminalName ?? values.text('terminalName') ?? id);
    values.setText('location', defaults.location ?? values.text('location') ?? '');
    if (values.text('hubUrl') !== undefined && values.text('hubUrl') !== defaults.hubUrl) values.remove('credential');
    values.setText('hubUrl', defaults.hubUrl);
  });

  return {
    read: () => ({
      terminalId: values.text('terminalId')!,
      terminalName: values.text('terminalName')!,
      location: values.text('location')!,
      hubUrl: values.text('hubUrl')!,
    }),
    credential() {
      const sealed = values.text('credential');
      return sealed ? sealer.open<string>(Buffer.from(sealed, 'base64')) : null;
    },
    setCredential(credential) {
      if (credential === null) values.remove('credential');
      else values.setText('credential', sealer.seal(credential).toString('base64'));
    },
    enrolledAs(terminalId, credential) {
      values.together(() => {
        values.setText('terminalId', terminalId);
        values.setText('credential', sealer.seal(credential).toString('base64'));
        values.remove('proposedCredential');
      });
    },
    proposedCredential() {
      const sealed = values.text('proposedCredential');
      if (sealed) return sealer.open<string>(Buffer.from(sealed, 'base64'));
      const chosen = randomBytes(32).toString('base64url');
      values.setText('proposedCredential', sealer.seal(chosen).toString('base64'));
      return chosen;
    },
  };
}
