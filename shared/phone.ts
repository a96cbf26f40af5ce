import { z } from 'zod';
import { checkMobile, normaliseMobile } from './validators.js';

// The mobile-number schema of the application's people. Issue messages are i18n keys from
// shared/validators.ts.

export const Mobile = z
  .string({ error: 'errors.mobile.required' })
  .transform(normaliseMobile)
  .superRefine((v, ctx) => {
    const key = checkMobile(v);
    if (key) ctx.addIssue({ code: 'custom', message: key });
  });
