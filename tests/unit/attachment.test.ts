import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../main/agent/sealing.js';
import { classify } from '../../main/agent/intake/uploads.js';
import { attachmentMimeTypes, IngestAttachments, matchesMagic, type AttachmentMimeType } from '../../shared/attachment.js';
import { IntakeIngest, UploadMetadata } from '../../shared/hubProtocol.js';
import { sampleIngest } from '../support/fixtures.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const samples: Record<AttachmentMimeType, Uint8Array> = {
  'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1),
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d),
  'image/webp': Uint8Array.from([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBP')]),
  'application/pdf': Uint8Array.from(Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1')),
};

describe('attachment types', () => {
  it('accepts each type by its magic bytes and no other type', () => {
    for (const claimed of attachmentMimeTypes) {
      for (const actual of attachmentMimeTypes) {
        expect(matchesMagic(claimed, samples[actual]), `${claimed} vs ${actual}`).toBe(claimed === actual);
      }
    }
  });

  it('refuses HTML, SVG, truncated heads and a RIFF that is not WEBP', () => {
    const refused = [
      Buffer.from('<!doctype html><script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'),
      bytes(0xff, 0xd8),
      bytes(),
      Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')]),
      Buffer.from('%PDF'),
    ];
    for (const head of refused) for (const type of attachmentMimeTypes) expect(matchesMagic(type, head)).toBe(false);
  });
});

describe('attachment schemas', () => {
  const sha = (c: string) => c.repeat(64);
  it('lists at most 20 distinct files with sizes within the limit', () => {
    const one = { sha256: sha('a'), mimeType: 'image/png', size: 10 };
    expect(IngestAttachments.safeParse([one, { ...one, sha256: sha('b'), label: '借条' }]).success).toBe(true);
    expect(IngestAttachments.safeParse([one, one]).success).toBe(false);
    expect(IngestAttachments.safeParse([{ ...one, size: 0 }]).success).toBe(false);
    expect(IngestAttachments.safeParse([{ ...one, size: 8 * 1024 * 1024 + 1 }]).success).toBe(false);
    expect(IngestAttachments.safeParse([{ ...one, mimeType: 'image/svg+xml' }]).success).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => ({ ...one, sha256: i.toString(16).padStart(64, '0') }));
    expect(IngestAttachments.safeParse(many).success).toBe(false);
    expect(IngestAttachments.safeParse(many.slice(0, 20)).success).toBe(true);
  });

  it('keeps an intake without attachments valid and validates tus metadata', () => {
    const intake = sampleIngest({ submissionId: '3b241101-e2bb-4255-8caf-4136c566a962', provisionalNumber: 'T-1' });
    expect(IntakeIngest.safeParse(intake).success).toBe(true);
    expect(IntakeIngest.safeParse({ ...intake, attachments: [] }).success).toBe(true);
    const meta = { submissionId: intake.submissionId, sha256: sha('f'), mimeType: 'application/pdf' };
    expect(UploadMetadata.safeParse(meta).success).toBe(true);
    expect(UploadMetadata.safeParse({ ...meta, sha256: sha('F') }).success).toBe(false);
    expect(UploadMetadata.safeParse({ ...meta, mimeType: null }).success).toBe(false);
  });
});

describe('binary sealing', () => {
  it('round-trips bytes, hides them, and never opens as the JSON variant or with another key', () => {
    const key = randomBytes(32);
    const sealer = createSealer(key);
    const photo = Buffer.concat([Buffer.from(samples['image/jpeg']), Buffer.from('张秀兰 13912345678')]);
    const sealed = sealer.sealBytes(photo);
    expect(sealed.includes(Buffer.from('13912345678'))).toBe(false);
    expect(sealer.openBytes(sealed)).toEqual(photo);
    expect(() => sealer.open(sealed)).toThrow();
    expect(() => sealer.openBytes(sealer.seal('x'))).toThrow();
    expect(() => createSealer(randomBytes(32)).openBytes(sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => sealer.openBytes(tampered)).toThrow();
    expect(() => sealer.openBytes(Buffer.alloc(5))).toThrow();
  });
});

describe('upload outcome classification', () => {
  const httpError = (status: number) =>
    Object.assign(new Error('tus: unexpected response'), { originalRequest: {}, originalResponse: { getStatus: () => status, getBody: () => 'secret body' }, causingError: null });
  it('maps hub answers onto the outbox outcomes', () => {
    expect(classify(httpError(401) as never)).toEqual({ kind: 'unauthorized', reason: 'upload HTTP 401' });
    expect(classify(httpError(460) as never)).toMatchObject({ kind: 'retry', restart: true });
    expect(classify(httpError(404) as never)).toMatchObject({ kind: 'retry', restart: true });
    expect(classify(httpError(410) as never)).toMatchObject({ kind: 'retry', restart: true });
    for (const s of [409, 423, 429, 500, 503]) expect(classify(httpError(s) as never)).toMatchObject({ kind: 'retry' });
    for (const s of [400, 403, 413, 415]) expect(classify(httpError(s) as never)).toMatchObject({ kind: 'rejected' });
    const network = Object.assign(new Error('tus: failed'), { originalRequest: {}, originalResponse: null, causingError: Object.assign(new Error('x'), { code: 'ECONNRESET' }) });
    expect(classify(network as never)).toEqual({ kind: 'retry', reason: 'network ECONNRESET' });
    expect(JSON.stringify(classify(httpError(400) as never))).not.toContain('secret');
  });
});
