import type { DemoSite } from './demoCourt.js';

// How many of each site's diverted disputes the demo enters through its remote service counter.
// The court's total is a target (the seed's "over 80 %"), but no court has it at every site: in the
// court's own hall residents file at the window or a kiosk, while at a village grid point the
// counter is how a dispute reaches the court at all. Each kind of site leans from the court's
// share, each site a little more or less (seeded: `unit` is the demo's seeded draw in [0, 1)), and
// the counts are scaled to the total exactly.

/** A kind of site's share of diverted disputes through the counter, relative to the court's. */
export const counterLean: Record<DemoSite['kind'], number> = { court: 0.76, tribunal: 0.94, centre: 1.03, grid: 1.05 };
/** How far one site strays from its kind's lean, either way. */
const SITE_SPREAD = 0.05;

/**
 * The counter's count at each site: `total` in all, each site's in proportion to its diverted
 * disputes × its kind's lean × its own stray, never more than it diverted (largest remainders round).
 */
export function counterCounts(sites: ReadonlyArray<{ site: DemoSite; diverted: number }>, total: number, unit: () => number): Map<string, number> {
  const all = sites.reduce((n, s) => n + s.diverted, 0);
  if (total > all) throw new Error('more counter entries than diverted disputes');
  const want = sites.map((s) => s.diverted * counterLean[s.site.kind] * (1 + SITE_SPREAD * (2 * unit() - 1)));
  const counts = new Map(sites.map((s) => [s.site.siteId, 0]));
  // a site already full passes its part to the others: scale what is left over the sites with room, until all is placed
  let left = total;
  while (left > 0) {
    const open = sites.map((s, i) => ({ s, i })).filter(({ s }) => counts.get(s.site.siteId)! < s.diverted);
    const weight = open.reduce((n, { i }) => n + want[i]!, 0);
    const shares = open.map(({ s, i }) => {
      const exact = (left * want[i]!) / weight;
      const room = s.diverted - counts.get(s.site.siteId)!;
      return { id: s.site.siteId, whole: Math.min(room, Math.floor(exact)), rest: exact - Math.floor(exact), room };
    });
    let placed = shares.reduce((n, x) => n + x.whole, 0);
    for (const x of shares) counts.set(x.id, counts.get(x.id)! + x.whole);
    // the remainders: one more to the sites whose exact share was cut the most
    for (const x of shares.filter((x) => x.whole < x.room).sort((a, b) => b.rest - a.rest)) {
      if (placed >= left) break;
      counts.set(x.id, counts.get(x.id)! + 1);
      placed++;
    }
    left -= placed;
  }
  return counts;
}
