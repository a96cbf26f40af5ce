import type { DemoSite } from './demoCourt.js';

// How the demo's disputes reach each kind of site, apart from the counter's exact share of the
// diverted (./counterShares.ts): the court's hall and a people's tribunal have a filing window
// (channel `court`) beside their kiosks; a street dispute centre and a village grid point have no
// court window at all — a resident there uses the kiosk or the remote counter, and at a grid point
// mostly the counter (few there use a touch screen alone). The same mix everywhere (three in ten
// "at the court" at every grid point) was a court no president would recognise.

type Channel = 'kiosk' | 'counter' | 'court';

/** Per kind of site: the diverted disputes not entered at the counter, by channel; and the undiverted ones (filed directly), by channel. Relative weights. */
export const channelMix: Record<DemoSite['kind'], { diverted: Record<Exclude<Channel, 'counter'>, number>; undiverted: Record<Channel, number> }> = {
  court: { diverted: { kiosk: 4, court: 6 }, undiverted: { court: 6, kiosk: 3, counter: 1 } },
  tribunal: { diverted: { kiosk: 5, court: 5 }, undiverted: { court: 5, kiosk: 3, counter: 2 } },
  centre: { diverted: { kiosk: 1, court: 0 }, undiverted: { court: 0, kiosk: 4, counter: 6 } },
  grid: { diverted: { kiosk: 1, court: 0 }, undiverted: { court: 0, kiosk: 2, counter: 8 } },
};

/** The channel a dispute came in through at a site of `kind`: `unit` is the demo's seeded draw in [0, 1); `atCounter` the counter's own draw for a diverted one. */
export function channelAt(kind: DemoSite['kind'], diverted: boolean, atCounter: boolean, unit: number): Channel {
  if (diverted && atCounter) return 'counter';
  const weights: Partial<Record<Channel, number>> = diverted ? channelMix[kind].diverted : channelMix[kind].undiverted;
  const entries = (Object.entries(weights) as Array<[Channel, number]>).filter(([, w]) => w > 0);
  let roll = unit * entries.reduce((n, [, w]) => n + w, 0);
  for (const [channel, w] of entries) if ((roll -= w) < 0) return channel;
  return entries[entries.length - 1]![0];
}
