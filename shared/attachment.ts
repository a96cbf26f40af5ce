import { z } from 'zod';

// Evidence a resident attaches to an intake (photos, scans). Files are named by the sha256 of
// their bytes everywhere: on the kiosk (content-addressed store), in the upload's metadata, in the
// intake sent to the hub, and in the hub's verified-attachments table. Issue messages are i18n keys.

export const attachmentMimeTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const AttachmentMimeType = z.enum(attachmentMimeTypes, { error: 'errors.attachment.type' });
export type AttachmentMimeType = z.infer<typeof AttachmentMimeType>;

/** Largest file a resident may attach (a phone photo or a scanned page fits comfortably). */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
/** Most attachments one intake may carry. */
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_LABEL = 100;

/**
 * Reasons the agent gives when it refuses a file (as a message or a field issue). Kept here with
 * the schemas' own keys so every attachment key a resident can meet is translated in one place.
 */
export const attachmentErrors = {
  tooLarge: 'errors.attachment.tooLarge', // over MAX_ATTACHMENT_BYTES (code TOO_LARGE)
  type: 'errors.attachment.type', // bytes are not of the declared type
  tooMany: 'errors.attachment.tooMany',
  invalid: 'errors.attachment.invalid', // e.g. submit lists a file never added to this draft
} as const;

export const Sha256Hex = z.string({ error: 'errors.attachment.invalid' }).regex(/^[0-9a-f]{64}$/, { error: 'errors.attachment.invalid' });

export const AttachmentLabel = z
  .string({ error: 'errors.attachment.labelRequired' })
  .trim()
  .min(1, { error: 'errors.attachment.labelRequired' })
  .max(MAX_ATTACHMENT_LABEL, { error: 'errors.attachment.labelTooLong' });

/** Lists of attachments: at most MAX_ATTACHMENTS, each file once. */
function attachmentList<T extends z.ZodType<{ sha256: string }>>(item: T) {
  return z
    .array(item)
    .max(MAX_ATTACHMENTS, { error: 'errors.attachment.tooMany' })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (seen.has(a.sha256)) ctx.addIssue({ code: 'custom', path: [i, 'sha256'], message: 'errors.attachment.duplicate' });
        seen.add(a.sha256);
      });
    });
}

/** What the renderer lists on submit: files it added with `attachment.add` for this submission. */
export const AttachmentRef = z.strictObject({ sha256: Sha256Hex, label: AttachmentLabel.optional() });
export type AttachmentRef = z.infer<typeof AttachmentRef>;
export const AttachmentRefs = attachmentList(AttachmentRef);

/** What the kiosk tells the hub about each attachment of an intake. */
export const IngestAttachment = z.strictObject({
  sha256: Sha256Hex,
  mimeType: AttachmentMimeType,
  size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
  label: AttachmentLabel.optional(),
});
export type IngestAttachment = z.infer<typeof IngestAttachment>;
export const IngestAttachments = attachmentList(IngestAttachment);

/** Bytes `matchesMagic` needs to look at. */
export const MAGIC_BYTES = 12;

const startsWith = (head: Uint8Array, signature: readonly number[], at = 0) => head.length >= at + signature.length && signature.every((b, i) => head[at + i] === b);

/**
 * Whether a file's first bytes are those of its declared type. Checked by the kiosk when a file
 * is added and again by the hub when an upload finishes: the type a file claims decides how the
 * court's console serves it, so a file must not claim to be something it is not.
 */
export function matchesMagic(mimeType: AttachmentMimeType, head: Uint8Array): boolean {
  switch (mimeType) {
    case 'image/jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp': // RIFF <size:4> WEBP
      return startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8);
    case 'application/pdf': // %PDF-
      return startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]);
  }
}
