import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonicalJson.js';
import { HubErrorBody, hubPaths, IntakeBatchResponse, type IntakeIngest } from '../../shared/hubProtocol.js';
import zhCN from '../../renderer/i18n/zh-CN.json' with { type: 'json' };
import en from '../../renderer/i18n/en.json' with { type: 'json' };
import { ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { sampleIngest } from '../support/fixtures.js';

// What the intake routes' lookup before the schema (IntakeReceiver.lookup) exists for: a filing the
// court received under an older rule, whose retry (the kiosk never heard the ack) today's schema
// would refuse, is answered with the original receipt (200, the same ack), single and in a batch;
// the same body as a new filing gets today's 400 with a message key the kiosk translates. Here
// the older rule took a first-generation (15-digit) ID number, which the schema now refuses.
// Runs on SQLite and on PostgreSQL (integration-pg).

const TERMINAL = 'KSK-OLD-RULE';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function enrolledHub(): Promise<{ h: RunningHub; credential: string }> {
  const h = await startHub();
  cleanup.push(() => h.close());
  const res = await fetch(h.url + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: TERMINAL, name: '老规则机', location: '' }),
  });
  expect(res.status).toBe(200);
  return { h, credential: ((await res.json()) as { credential: string }).credential };
}

/** A filing as a kiosk queued it under the older rule: the applicant's ID number has 15 digits. */
function oldRuleFiling(): IntakeIngest {
  const sample = sampleIngest();
  return { ...sample, application: { ...sample.application, applicant: { ...sample.application.applicant, idNumber: '620102580312031' } } } as IntakeIngest;
}

/** Received by the court when the rule allowed it: recorded as the ingest records, under its fingerprint. */
async function receivedUnderOlderRule(h: RunningHub, body: IntakeIngest): Promise<string> {
  const [outcome] = await h.hub.intakes.recordIntakes([
    {
      submissionId: body.submissionId,
      terminalId: TERMINAL,
      fingerprint: createHash('sha256').update(canonicalJson(body)).digest('hex'),
      provisionalNumber: body.provisionalNumber,
      language: body.language,
      submittedAt: body.submittedAt,
      receivedAt: new Date().toISOString(),
      disputeType: body.application.disputeType,
      application: body.application,
      applicationJson: JSON.stringify(body.application),
      attachmentsJson: '[]',
    },
  ]);
  if (!outcome || !('ackJson' in outcome)) throw new Error('the older filing was not recorded');
  return outcome.ackJson;
}

const post = (h: RunningHub, credential: string, path: string, body: unknown, key?: string) =>
  fetch(h.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

describe('a retry of a filing received under an older rule', () => {
  it('gets the original receipt, single and in a batch; the same body as a new filing gets a translated 400', async () => {
    const { h, credential } = await enrolledHub();
    const body = oldRuleFiling();
    const ackJson = await receivedUnderOlderRule(h, body);

    const retry = await post(h, credential, hubPaths.intakes, body, body.submissionId);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(ackJson);

    const batch = await post(h, credential, hubPaths.intakeBatch, { intakes: [body] });
    expect(batch.status).toBe(200);
    const [item] = IntakeBatchResponse.parse(await batch.json()).results;
    expect(item).toEqual({ outcome: 'replayed', status: 200, ack: JSON.parse(ackJson) });
    expect(await h.hub.intakes.count()).toBe(1);

    // The same body under a new key: a new filing, checked by today's schema.
    const fresh = { ...body, submissionId: crypto.randomUUID() };
    const refused = await post(h, credential, hubPaths.intakes, fresh, fresh.submissionId);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; issues?: Array<{ path: string; message: string }> } };
    expect(error.code).toBe('INVALID_INPUT');
    const issue = error.issues?.find((i) => i.path === 'application.applicant.idNumber');
    expect(issue?.message).toBe('errors.idNumber.firstGeneration');
    // a key the kiosk says in the resident's language
    expect(zhCN.errors.idNumber.firstGeneration).toContain('15位');
    expect(en.errors.idNumber.firstGeneration).toContain('15-digit');

    const batchRefused = await post(h, credential, hubPaths.intakeBatch, { intakes: [{ ...body, submissionId: crypto.randomUUID() }] });
    expect(IntakeBatchResponse.parse(await batchRefused.json()).results[0]).toMatchObject({ outcome: 'refused', status: 400, error: { code: 'INVALID_INPUT' } });
    expect(await h.hub.intakes.count()).toBe(1);
  });

  it('is still refused with 422 when the body differs from what was received under the key', async () => {
    const { h, credential } = await enrolledHub();
    const body = oldRuleFiling();
    await receivedUnderOlderRule(h, body);
    // A changed body under the received key, valid today: the key's reuse, not a replay.
    const changed = sampleIngest({ submissionId: body.submissionId });
    const res = await post(h, credential, hubPaths.intakes, changed, changed.submissionId);
    expect(res.status).toBe(422);
    expect(HubErrorBody.parse(await res.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
