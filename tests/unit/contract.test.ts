import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachment.js';
import {
  callChannel,
  callNames,
  calls,
  createKioskApi,
  DEFAULT_MAX_MESSAGE_BYTES,
  DRAFT_MAX_MESSAGE_BYTES,
  eventChannel,
  eventNames,
  maxBytesFor,
  type KioskTransport,
} from '../../shared/contract.js';
import { createDispatch } from '../../main/bridge/dispatch.js';
import { KioskFailure } from '../../shared/result.js';
import { sampleSubmission } from '../support/fixtures.js';
import { badInputs, goodInputs, handlers, sha, syncStatus } from '../support/contractPayloads.js';

describe('contract', () => {
  it('has test payloads for every call', () => {
    expect(Object.keys(goodInputs).sort()).toEqual([...callNames].sort());
    expect(Object.keys(badInputs).sort()).toEqual([...callNames].sort());
  });

  it('derives distinct channels from the names', () => {
    const channels = [...callNames.map(callChannel), ...eventNames.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it.each(callNames)('accepts a good payload for %s', async (name) => {
    const result = await createDispatch(handlers())(name, goodInputs[name]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(calls[name].output.safeParse(result.value).success).toBe(true);
  });

  it.each(callNames)('rejects bad payloads for %s with INVALID_INPUT', async (name) => {
    for (const input of badInputs[name]!) {
      const result = await createDispatch(handlers())(name, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('reports field issues as i18n keys with their path', async () => {
    const result = await createDispatch(handlers())('intake.submit', sampleSubmission({ mobile: '12345' }));
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'application.applicant.mobile', message: 'errors.mobile.length' }] } });
    const dup = await createDispatch(handlers())('intake.submit', { ...sampleSubmission(), attachments: [{ sha256: sha }, { sha256: sha, label: 'x'.repeat(101) }] });
    expect(dup).toMatchObject({
      ok: false,
      error: {
        issues: expect.arrayContaining([
          { path: 'attachments.1.sha256', message: 'errors.attachment.duplicate' },
          { path: 'attachments.1.label', message: 'errors.attachment.labelTooLong' },
        ]),
      },
    });
  });

  it('keeps intake.submit valid without attachments (the renderer sends none today)', async () => {
    const { submissionId, language, application } = sampleSubmission();
    expect(await createDispatch(handlers())('intake.submit', { submissionId, language, application })).toMatchObject({ ok: true });
  });

  it("raises the message ceiling for attachment.add to fit an 8 MiB photo in base64, and for the whole application to the draft's", async () => {
    expect(maxBytesFor('attachment.add')).toBeGreaterThan(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 1024);
    // The longest answers the application takes (textLimits, e.g. 10,000 characters of facts) fit.
    expect(maxBytesFor('intake.submit')).toBe(DRAFT_MAX_MESSAGE_BYTES);
    expect(maxBytesFor('case.status')).toBe(DEFAULT_MAX_MESSAGE_BYTES);
    const big = { submissionId: randomUUID(), mimeType: 'image/png', dataBase64: 'A'.repeat(maxBytesFor('attachment.add')) };
    expect(await createDispatch(handlers())('attachment.add', big)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('rejects unknown calls, prototype names and oversized messages', async () => {
    const dispatch = createDispatch(handlers());
    for (const name of ['nope', '__proto__', 'constructor', 42, null]) {
      expect(await dispatch(name, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    const huge = sampleSubmission({ facts: 'x'.repeat(DRAFT_MAX_MESSAGE_BYTES) });
    expect(await dispatch('intake.submit', huge)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await dispatch('draft.save', cyclic)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('turns handler failures into results without leaking details', async () => {
    const seen: string[] = [];
    const dispatch = createDispatch(
      handlers({
        'sync.status': () => {
          throw new Error('secret 13912345678');
        },
        'draft.load': () => {
          throw new KioskFailure('NOT_FOUND', 'No draft');
        },
        'terminal.info': () => ({ wrong: true }) as never,
      }),
      { onInternalError: (name) => seen.push(name) },
    );
    expect(await dispatch('sync.status', undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(await dispatch('draft.load', undefined)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No draft' } });
    expect(await dispatch('terminal.info', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(seen).toEqual(['sync.status', 'terminal.info']);
  });

  it('builds a renderer API that only reaches contract calls and validates events', async () => {
    const invoked: string[] = [];
    let emit: (p: unknown) => void = () => undefined;
    const transport: KioskTransport = {
      invoke: async (name) => {
        invoked.push(name);
        return { ok: true, value: null };
      },
      subscribe: (_name, l) => {
        emit = l;
        return () => undefined;
      },
    };
    const api = createKioskApi(transport);
    await api.call('draft.discard');
    expect(await (api.call as (n: string) => Promise<unknown>)('fs.readFile')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(invoked).toEqual(['draft.discard']);
    const got: unknown[] = [];
    api.on('sync.status', (p) => got.push(p));
    emit({ bogus: true });
    emit(syncStatus);
    expect(got).toEqual([syncStatus]);
    expect(() => (api.on as (n: string, l: () => void) => void)('evil', () => undefined)).toThrow();
  });

  it('maps a broken transport to UNAVAILABLE', async () => {
    const api = createKioskApi({ invoke: () => Promise.reject(new Error('gone')), subscribe: () => () => undefined });
    expect(await api.call('sync.status')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
