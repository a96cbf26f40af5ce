import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentFiles } from '../../main/agent/intake/attachmentFiles.js';
import { AttachmentStore } from '../../main/agent/intake/attachmentStore.js';
import { migrations } from '../../main/agent/migrations.js';
import { openDatabase, type Db } from '../../main/agent/db.js';
import { IntakeStore } from '../../main/agent/intake/intakeStore.js';
import { Outbox } from '../../main/agent/outbox/outbox.js';
import { createSealer } from '../../main/agent/sealing.js';
import { sampleResident, sampleSubmission, tempDir } from '../support/fixtures.js';

const open: Db[] = [];
afterEach(() => open.splice(0).forEach((db) => db.open && db.close()));

function store(dir = tempDir(), now = () => new Date('2026-11-27T08:00:00Z')) {
  const db = openDatabase(join(dir, 'kiosk.sqlite'));
  open.push(db);
  const outbox = new Outbox(db);
  const sealer = createSealer(randomBytes(32));
  const attachments = new AttachmentStore(db, new AttachmentFiles(join(dir, 'attachments'), sealer), sealer, now);
  const intakes = new IntakeStore(db, outbox, sealer, { terminalId: () => 'KSK-TEST', now }, attachments);
  return { db, outbox, intakes, dir };
}

describe('kiosk store', () => {
  it('opens in WAL with synchronous=FULL at the latest schema, and reopens idempotently', () => {
    const { db, dir } = store();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
    const again = openDatabase(join(dir, 'kiosk.sqlite'));
    open.push(again);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('refuses a database from a newer app version', () => {
    const { db, dir } = store();
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(join(dir, 'kiosk.sqlite'))).toThrow(/newer/);
  });

  it('writes a submission and its outbox job together, once per submission id', () => {
    const { db, intakes, outbox } = store();
    const sub = sampleSubmission();
    const first = intakes.submit(sub);
    const second = intakes.submit({ ...sub, application: { ...sub.application, facts: 'changed' } });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ provisionalNumber: 'KSK-TEST-261127-0001', status: 'queued', caseNumber: null });
    expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 1 });
    expect(outbox.stats()).toMatchObject({ queueDepth: 1, parked: 0 });
    expect(intakes.submit(sampleSubmission()).provisionalNumber).toBe('KSK-TEST-261127-0002');
  });

  it('dates the provisional number by the court day: 00:52 in Beijing is already the next day', () => {
    const { intakes } = store(tempDir(), () => new Date('2026-11-27T16:52:00Z')); // 00:52 on 28 November, Beijing
    expect(intakes.submit(sampleSubmission()).provisionalNumber).toBe('KSK-TEST-261128-0001');
  });

  it('rolls back the submission when the job cannot be written', () => {
    const { db, intakes } = store();
    db.exec(`CREATE TRIGGER fail_job BEFORE INSERT ON outbox_jobs BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    expect(() => intakes.submit(sampleSubmission())).toThrow(/disk says no/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 0 });
  });

  it('keeps personal data sealed on disk and purges it on delivery', () => {
    const { db, dir, intakes, outbox } = store();
    const sub = sampleSubmission();
    intakes.saveDraft({ submissionId: sub.submissionId, language: 'zh-CN', step: 'form', form: { applicant: { kind: 'person', mobile: sampleResident.mobile } } });
    intakes.submit(sub);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(dir, 'kiosk.sqlite')).toString('latin1');
    expect(bytes).not.toContain(sampleResident.mobile);
    expect(bytes).not.toContain(Buffer.from(sampleResident.name).toString('latin1'));
    expect(intakes.ingestFor(sub.submissionId)?.application).toEqual(sub.application);
    expect(intakes.loadDraft()).toBeNull(); // the submit removed the draft in the same commit
    const [job] = outbox.claimDue(Date.now(), 10);
    intakes.markDelivered([{ submissionId: sub.submissionId, caseNumber: 'GS0102-2026-PM-000001', finishJob: () => outbox.complete(job!.id) }]);
    expect(intakes.ingestFor(sub.submissionId)).toBeNull();
    expect(intakes.receipt(sub.submissionId)).toMatchObject({ status: 'delivered', caseNumber: 'GS0102-2026-PM-000001' });
    expect(outbox.stats().queueDepth).toBe(0);
  });

  it('saves, loads and wipes the draft', () => {
    const { intakes } = store();
    const draft = { submissionId: randomUUID(), language: 'en' as const, step: 'applicantIdentity', form: { applicant: { kind: 'person', name: 'Li' } } };
    intakes.saveDraft(draft);
    intakes.saveDraft({ ...draft, form: { applicant: { kind: 'person', name: 'Li Hua' } } });
    expect(intakes.loadDraft()).toEqual({ ...draft, form: { applicant: { kind: 'person', name: 'Li Hua' } } });
    intakes.discardDraft();
    expect(intakes.loadDraft()).toBeNull();
    // A draft an older app version saved in a shape the contract no longer accepts is dropped.
    intakes.saveDraft({ ...draft, form: { applicantName: 'first slice' } } as never);
    expect(intakes.loadDraft()).toBeNull();
  });
});

describe('outbox', () => {
  it('claims due jobs oldest first, retries, parks and recovers interrupted jobs', () => {
    const { outbox, intakes } = store();
    const ids = [sampleSubmission(), sampleSubmission(), sampleSubmission()].map((s) => intakes.submit(s).submissionId);
    const now = Date.now() + 1000;
    const claimed = outbox.claimDue(now, 2);
    expect(claimed.map((j) => j.ref)).toEqual(ids.slice(0, 2));
    expect(claimed.every((j) => j.attempts === 1)).toBe(true);
    expect(outbox.claimDue(now, 10).map((j) => j.ref)).toEqual([ids[2]]);
    expect(outbox.claimDue(now, 10)).toEqual([]);
    outbox.retryAt(claimed[0]!.id, now + 60_000, 'HTTP 503');
    outbox.park(claimed[1]!.id, 'HTTP 422');
    expect(outbox.stats()).toMatchObject({ queueDepth: 2, parked: 1 });
    // One job is still in flight (simulated crash): start-up puts it back.
    expect(outbox.recoverInterrupted(now)).toBe(1);
    expect(outbox.claimDue(now, 10).map((j) => j.ref)).toEqual([ids[2]]);
    expect(outbox.nextDueAt()).toBe(now + 60_000);
    expect(outbox.retryAllNow(now)).toBe(1);
    expect(outbox.claimDue(now, 10).map((j) => j.attempts)).toEqual([2]);
    expect(outbox.requeueParked(now)).toBe(1);
  });
});
