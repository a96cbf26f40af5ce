import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A new version's first starts are a trial. Just before installing, the kiosk writes down which
// version it leaves and which it installs; each start of the new version counts itself; passing
// the start-up health check ends the trial. A version that starts MAX_TRIAL_STARTS times without
// passing (it crashes, hangs, cannot open its store) has failed: the kiosk reports it and asks the
// hub for its update again, which now offers the version before (server/updates: a failed version
// is not offered to that terminal again) — electron-updater itself keeps no previous version.

export const TRIAL_FILE = 'update-trial.json';
export const MAX_TRIAL_STARTS = 3;

export interface TrialRecord {
  from: string;
  to: string;
  starts: number;
}

export type TrialVerdict =
  | { kind: 'normal' }
  /** The installed version is on trial: run the health check, then `passTrial`. */
  | { kind: 'trial'; from: string; to: string }
  /** It failed its trial: report it and roll back. */
  | { kind: 'failed'; from: string; to: string };

/** The decision (pure): what this start of `running` is, and the record to keep (null: none). */
export function trialStep(record: TrialRecord | null, running: string): { verdict: TrialVerdict; keep: TrialRecord | null } {
  // no trial, or the install never happened (still the old version): carry on as before
  if (!record || record.to !== running) return { verdict: { kind: 'normal' }, keep: null };
  const starts = record.starts + 1;
  if (starts > MAX_TRIAL_STARTS) return { verdict: { kind: 'failed', from: record.from, to: record.to }, keep: null };
  return { verdict: { kind: 'trial', from: record.from, to: record.to }, keep: { ...record, starts } };
}

export function startupTrial(dataDir: string) {
  const file = path.join(dataDir, TRIAL_FILE);
  const read = (): TrialRecord | null => {
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as TrialRecord;
      return typeof r.from === 'string' && typeof r.to === 'string' && Number.isInteger(r.starts) ? r : null;
    } catch {
      return null;
    }
  };
  const write = (r: TrialRecord | null): void => {
    if (!r) return rmSync(file, { force: true });
    // written whole or not at all: a power cut mid-write must not lose the trial
    writeFileSync(`${file}.tmp`, JSON.stringify(r), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    /** Before installing `to` over `from`. */
    begin(from: string, to: string): void {
      write({ from, to, starts: 0 });
    },
    /** At each start, before anything else. */
    onStart(running: string): TrialVerdict {
      const { verdict, keep } = trialStep(read(), running);
      write(keep);
      return verdict;
    },
    /** The health check passed: the trial is over. */
    pass(): void {
      write(null);
    },
  };
}
export type StartupTrial = ReturnType<typeof startupTrial>;
