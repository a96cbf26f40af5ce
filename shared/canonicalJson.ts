// JSON with object keys sorted, so a digest of it does not depend on key order: the fingerprint
// of an intake request (server/intake/ingest.ts) and the hash chain of case events
// (server/cases/eventChain.ts). Stored fingerprints and hashes were made by the first version
// (JSON.stringify with a replacer rebuilding each object with its entries sorted), so the text
// must stay byte for byte what that gave: a rebuilt object lists its array-index keys first,
// ascending, then the others sorted by UTF-16 code units. It is written out directly here, without
// the rebuilt objects and entry arrays (a hub's intake runs it twice: fingerprint and event hash).

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

function keysInOrder(value: object): string[] {
  // Object.keys already lists array-index keys first, ascending; the rest follow in insertion order.
  const keys = Object.keys(value);
  let indexes = 0;
  while (indexes < keys.length && isArrayIndex(keys[indexes]!)) indexes++;
  if (keys.length - indexes < 2) return keys;
  const rest = keys.slice(indexes).sort();
  return indexes === 0 ? rest : [...keys.slice(0, indexes), ...rest];
}

function write(holder: unknown, key: string): string | undefined {
  let v = holder;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(key: string): unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
    case 'boolean':
    case 'bigint': // JSON.stringify throws for it, as it always did
      return JSON.stringify(v);
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + (write(v[i], String(i)) ?? 'null');
        return out + ']';
      }
      let out = '{';
      let first = true;
      for (const k of keysInOrder(v)) {
        const text = write((v as Record<string, unknown>)[k], k);
        if (text === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + text;
        first = false;
      }
      return out + '}';
    }
    default:
      return undefined; // undefined, a function, a symbol: left out (in an array: null)
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, '') as string;
}
