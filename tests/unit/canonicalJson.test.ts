import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonicalJson.js';

// Intake fingerprints and case-event hashes are stored: the canonical JSON must stay byte for byte
// what its first version gave (kept here as the reference), for every value it can be given.

function firstVersion(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

// Keys that order differently as array indexes, or look like them and are not.
const key = fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('__proto__', '0', '01', '-1', '1.5', '4294967294', '4294967295', 'a', 'B', 'é', '\u{1F600}', ''));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), tie('object'), tie('array'), fc.constant(undefined), fc.date({ noInvalidDate: true })),
  object: fc.dictionary(key, tie('any'), { maxKeys: 8 }),
  array: fc.array(tie('any'), { maxLength: 5 }),
})).any;

describe('canonical JSON', () => {
  it('gives exactly what its first version gave', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(firstVersion(v));
      }),
      { numRuns: 2000 },
    );
    const parsed = JSON.parse('{"b":1,"10":2,"9":3,"__proto__":{"x":[1,{"z":null,"y":"\\u2028"}]},"a":-0}') as unknown;
    expect(canonicalJson(parsed)).toBe(firstVersion(parsed));
    expect(canonicalJson(parsed)).toBe('{"9":3,"10":2,"__proto__":{"x":[1,{"y":"\u2028","z":null}]},"a":0,"b":1}');
  });
});
