import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerToken, secretsEqual } from '../../server/http/credentials.js';
import { toHubError } from '../../server/http/errors.js';
import { canonicalJson } from '../../shared/canonicalJson.js';
import { cookieValue } from '../../server/staff/sessions.js';
import { escapeHtml } from '../../server/web/html.js';
import { courtYear } from '../../shared/courtTime.js';
import { maskPhone } from '../../shared/masking.js';

// The hub's small pure pieces: formats, parsing of headers, mapping of framework errors.

describe('hub formats', () => {
  it('takes the case year in China Standard Time', () => {
    expect(courtYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(courtYear(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });

  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('1381')).toBe('****');
  });

  it('escapes every HTML-significant character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        const back = out
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        expect(back).toBe(s);
      }),
    );
  });

  it('fingerprints JSON independently of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
  });

  it('reads bearer tokens and cookies strictly', () => {
    expect(bearerToken('Bearer abcdefghijklmnopqrstuvwxyz012345')).toBe('abcdefghijklmnopqrstuvwxyz012345');
    expect(bearerToken('bearer abcdefghijklmnopqrstuvwxyz012345')).toBe('abcdefghijklmnopqrstuvwxyz012345');
    for (const bad of [undefined, '', 'Bearer', 'Bearer short', 'Basic abcdefghijklmnopqrstuvwxyz012345', 'Bearer abc def ghi jkl mno pqr stu']) {
      expect(bearerToken(bad)).toBeNull();
    }
    expect(cookieValue('a=1; hub_session=tok; b=2', 'hub_session')).toBe('tok');
    expect(cookieValue('xhub_session=tok', 'hub_session')).toBeNull();
    expect(cookieValue(undefined, 'hub_session')).toBeNull();
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('court-code-1', 'court-code-1')).toBe(true);
    expect(secretsEqual('court-code-1', 'court-code-12')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });

  it('maps framework errors to 4xx and unknown failures to 500', () => {
    expect(toHubError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).statusCode).toBe(415);
    expect(toHubError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).code).toBe('TOO_LARGE');
    expect(toHubError({ statusCode: 400, message: 'Unexpected token } in JSON' }).message).not.toContain('token');
    expect(toHubError(new TypeError('boom')).statusCode).toBe(500);
  });
});
