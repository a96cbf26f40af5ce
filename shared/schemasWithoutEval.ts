import { z } from 'zod';

// Our pages' CSP allows no 'unsafe-eval'. On the first object it parses, zod probes whether it may
// compile a faster parser with `new Function`; under the CSP that probe is blocked and reported as
// a violation. Imported first by every page's entry, so zod never tries.
z.config({ jitless: true });
