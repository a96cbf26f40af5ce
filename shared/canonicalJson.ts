// JSON with object keys sorted, so a digest of it does not depend on key order: the fingerprint
// of an intake request (server/intake/ingest.ts) and the hash chain of case events
// (server/cases/eventChain.ts).
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // fromEntries defines own properties, so even a "__proto__" key is kept as data
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
