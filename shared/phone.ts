import { z } from 'zod';
import { checkMobile, checkPhone, normaliseMobile } from './validators.js';

// Phone-number schemas shared by the intake summary and the full application. Issue messages are
// i18n keys from shared/validators.ts.

export const Mobile = z
  .string({ error: 'errors.mobile.required' })
  .transform(normaliseMobile)
  .superRefine((v, ctx) => {
    const key = checkMobile(v);
    if (key) ctx.addIssue({ code: 'custom', message: key });
  });

/** How the court reaches the applicant: a mobile, or (for an organisation) a landline with area code. */
export const ContactPhone = z
  .string({ error: 'errors.phone.required' })
  .trim()
  .transform((v) => (v.startsWith('1') ? normaliseMobile(v) : v))
  .superRefine((v, ctx) => {
    const key = checkPhone(v);
    if (key) ctx.addIssue({ code: 'custom', message: key });
  });
