import { z } from 'zod';
import { ethnicityCodes, sexes } from '../application.js';

// What a resident ID card (居民身份证) reader yields, in the application's own terms: sex as the
// application's code, ethnicity as its GB/T 3304 code, birth date as YYYY-MM-DD. The photo is for
// the counter clerk to compare with the person in front of them; it is shown, never stored, never
// sent to the court and never logged.

/** A card photo is small (the chip holds a 102×126 image); the ceiling bounds the message. */
export const ID_CARD_PHOTO_MAX_CHARS = 64 * 1024;

export const IdCard = z.strictObject({
  name: z.string().min(1).max(60),
  sex: z.enum(sexes),
  ethnicity: z.enum(ethnicityCodes),
  birthDate: z.iso.date(),
  address: z.string().min(1).max(200),
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  photoDataUrl: z
    .string()
    .max(ID_CARD_PHOTO_MAX_CHARS)
    .regex(/^data:image\/(png|jpeg|bmp);base64,[A-Za-z0-9+/]+={0,2}$/),
});
export type IdCard = z.infer<typeof IdCard>;

/** Whose details a read card fills on the counter's forms. */
export const idCardTargets = ['applicant', 'respondent'] as const;
