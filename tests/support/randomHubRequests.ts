import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { INTAKE_STATUS_PATH, STATUS_PAGE_PREFIX } from '../../shared/caseStatus.js';
import { hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { sampleApplication, sampleIngest } from './fixtures.js';

// Random requests to every hub endpoint, for the fuzz (tests/integration/hubFuzz.test.ts): paths,
// headers and bodies. Placeholders stand for what only the running hub knows, and the test fills
// them in: `Bearer VALID` (an enrolled terminal), `USED` (a key already used), `VALID_INTAKE`,
// `VALID_ENROLL`.

export const validIntake = (submissionId: string = randomUUID()): IntakeIngest =>
  sampleIngest({ submissionId, provisionalNumber: 'T9-0001', application: sampleApplication({ name: '赵六', mobile: '13700001111', disputeType: 'labour', facts: '拖欠工资' }) });

const consolePages = new Set(['/console', '/console/login', '/console/logout', '/console/console.css', '/console/application.css', '/status.css']);
/** Server-rendered pages answer in HTML: the console's, one application's, and the public status page. */
export const isHtmlPage = (pathname: string) => consolePages.has(pathname) || pathname.startsWith('/console/intakes/') || pathname.startsWith(`${STATUS_PAGE_PREFIX}/`);
export const ascii = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const BIG = 300 * 1024;

const pathArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      ...Object.values(hubPaths),
      ...consolePages,
      '/api/v1/console/intakes',
      INTAKE_STATUS_PATH,
      `${STATUS_PAGE_PREFIX}/KSK-1-261127-0001`,
      `/console/intakes/${randomUUID()}`,
    ),
    weight: 8,
  },
  fc.tuple(fc.constantFrom(...Object.values(hubPaths), '/console'), ascii(30)).map(([p, s]) => p + s.replace(/[#\\]/g, '')),
  fc.array(fc.webSegment(), { maxLength: 5 }).map((s) => '/' + s.join('/')),
  fc.constantFrom('/%', '/%zz', '/api/v1/%E0%A4%A', '//api//v1//intakes', '/api/v1/intakes?x=%', '/' + 'a'.repeat(5000), '/api/v1/../v1/health'),
);

const headerArb = fc.record(
  {
    'content-type': fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 6 },
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/xml',
        '',
        ';;',
        'application/',
        '*/*',
      ),
      ascii(40),
    ),
    authorization: fc.oneof(
      { arbitrary: fc.constant('Bearer VALID'), weight: 4 },
      ascii(20).map((s) => `Bearer ${s}`),
      fc.base64String({ minLength: 20, maxLength: 60 }).map((s) => `Bearer ${s}`),
      ascii(60),
    ),
    'idempotency-key': fc.oneof(
      { arbitrary: fc.uuid(), weight: 3 },
      fc.constant('USED'),
      ascii(60),
      fc.uuid().map((u) => `"${u}"`),
    ),
    cookie: fc.oneof(
      ascii(60),
      ascii(60).map((s) => `hub_session=${s}`),
    ),
    'accept-version': ascii(10),
    'x-fuzz': ascii(100),
  },
  { requiredKeys: [] },
);

const bodyArb: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  { arbitrary: fc.constant('VALID_INTAKE'), weight: 3 },
  fc.constant('VALID_ENROLL'),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"submissionId":', 'null', '""', '[]', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', 'username=admin&password=x'),
  fc.record({ key: fc.string({ maxLength: 20 }), value: fc.jsonValue() }).map(({ key, value }) => JSON.stringify({ ...validIntake(), [key]: value })),
  fc.constantFrom('x', '"', '[').map((c) => c.repeat(BIG)),
  fc.constant(JSON.stringify({ ...validIntake(), application: { ...validIntake().application, facts: 'x'.repeat(BIG) } })),
);

export const requestArb = fc.record({
  method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')),
  path: pathArb,
  headers: headerArb,
  body: bodyArb,
});

export type FuzzRequest = { method: string; path: string; headers: Partial<Record<string, string>>; body: string | undefined };
