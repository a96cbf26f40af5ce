import { cruise, type ICruiseResult, type IDependency } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import configuration from '../../.dependency-cruiser.mjs';

// Cold start (issue 16): the kiosk host must reach its home screen within a second, and Node
// loading modules is the largest part of the host's share. These packages are needed long after
// the home screen (a printed receipt, an upload, an update feed, a court CA) and are imported
// where they are used, dynamically; a static import anywhere on the start path brings their
// loading back before the first paint. This walks only static imports from the host's entry.

const LATE_PACKAGES = ['undici', 'js-yaml', 'pdfkit', 'fontkit', 'tus-js-client'];
const ENTRIES = ['main/browserHost/main.ts'];

function packageOf(resolved: string): string | undefined {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(resolved);
  return m?.[1];
}

const isStatic = (d: IDependency): boolean => !d.dynamic && !d.dependencyTypes.some((t) => t === 'type-only' || t === 'type-import');

async function startGraph(): Promise<ICruiseResult> {
  const { cache: _cache, ...options } = configuration.options ?? {};
  // follow into node_modules one level only: which packages the start path names is what matters
  const { output } = await cruise(ENTRIES, { ...options, doNotFollow: { path: 'node_modules' }, validate: false });
  if (typeof output === 'string') throw new Error('expected a cruise result, got a report');
  return output;
}

/** The packages reached from `entries` through static imports only, with one path to each. */
function staticallyReached(result: ICruiseResult, entries: string[]): Map<string, string[]> {
  const byName = new Map(result.modules.map((m) => [m.source, m]));
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: [string, string[]][] = entries.map((e) => [e, [e]]);
  while (queue.length > 0) {
    const [source, path] = queue.shift()!;
    if (seen.has(source)) continue;
    seen.add(source);
    const pkg = packageOf(source);
    if (pkg) {
      if (!reached.has(pkg)) reached.set(pkg, path);
      continue;
    }
    for (const d of byName.get(source)?.dependencies ?? []) if (isStatic(d)) queue.push([d.resolved, [...path, d.resolved]]);
  }
  return reached;
}

describe('the kiosk host starts without what it needs only later', () => {
  it('reaches none of the late packages through static imports', async () => {
    const graph = await startGraph();
    const reached = staticallyReached(graph, ENTRIES);
    // the walk sees the packages the host does need at start, so an empty result cannot pass
    expect(reached.has('zod')).toBe(true);
    expect(reached.has('better-sqlite3')).toBe(true);
    const late = LATE_PACKAGES.filter((p) => reached.has(p)).map((p) => `${p}: ${reached.get(p)!.join(' → ')}`);
    expect(late).toEqual([]);
  }, 120_000);
});
