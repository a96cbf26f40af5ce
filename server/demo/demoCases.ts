import { createHash } from 'node:crypto';
import { addDays, daysBetween } from '../../shared/cases/deadlines.js';
import { missingSigners } from '../../shared/cases/caseFile.js';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { CaseEventWriter } from './historyWriter.js';
import { counterCounts } from './counterShares.js';
import { channelAt } from './siteChannels.js';
import { demoMediators, demoOrganisations, demoSites, type DemoSite } from './demoCourt.js';

// A period of the demo court's disputes written through the case store, with EXACT totals: the
// numbers received, diverted (the rest filed directly), settled, applied for and granted
// judicial confirmation, failed and filed as lawsuits, still in mediation at the period's end, still
// awaiting the diversion decision at its end, and the counter's share of the diverted, are targets;
// the other diverted disputes are withdrawn (the parties made it up themselves), the other
// undiverted ones filed directly. Dates, sites, types and organisations are drawn (seeded) with the
// court's mixes and seasons; the counter's share leans by the kind of site (./counterShares.ts), and
// the other channels follow what a kind of site has (./siteChannels.ts: no court window at a grid point).
// Every event falls inside the period (a case received near its end has its steps compressed to
// fit), so the dashboard's figures for the period are the targets; the mediations left open were
// received in its last weeks and the undecided disputes in its last days, as a court's lists are.

export interface PeriodTargets {
  from: string;
  to: string;
  received: number;
  diverted: number;
  settled: number;
  confirmationApplied: number;
  confirmed: number;
  failed: number;
  filedAfterMediation: number;
  /** Diverted disputes still in mediation at the period's end: received in its last OPEN_WINDOW_DAYS, a few (STALE_SHARE) forgotten for longer. */
  openAtEnd: number;
  /** Disputes received in the period's last AWAITING_DAYS and neither diverted nor filed at its end (diversion takes a day or two). */
  awaitingAtEnd: number;
  /** Share of the diverted entered at remote service counters (channel `counter`). */
  counterShareOfDiverted: number;
  /** Share of the diverted with one video session held before the outcome. */
  videoShare: number;
}

/** A seeded source of choices (xorshift128+ reduced to 32 bits): the same seed, the same court. */
export class DemoRandom {
  private s0: number;
  private s1: number;
  constructor(seed: number) {
    const h = createHash('sha256').update(String(seed)).digest();
    this.s0 = h.readUInt32LE(0) | 1;
    this.s1 = h.readUInt32LE(4) | 1;
  }
  /** Uniform in [0, 1). */
  unit(): number {
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    this.s1 = x;
    return ((this.s0 + this.s1) >>> 0) / 4294967296;
  }
  below(n: number): number {
    return Math.floor(this.unit() * n);
  }
  weighted<T>(items: readonly T[], weight: (t: T) => number): T {
    const total = items.reduce((s, t) => s + weight(t), 0);
    let roll = this.unit() * total;
    for (const t of items) if ((roll -= weight(t)) < 0) return t;
    return items[items.length - 1]!;
  }
  /** `k` distinct indices of 0..n-1. */
  sample(n: number, k: number): Set<number> {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return new Set(order.slice(0, k));
  }
}

/** The court's mix of dispute types (share of what it receives). */
const typeMix: Array<[DisputeType, number]> = [
  ['neighbour', 18],
  ['family', 16],
  ['private_loan', 14],
  ['labour', 10],
  ['property_service', 9],
  ['traffic', 8],
  ['damages', 6],
  ['housing_homestead', 5],
  ['finance', 5],
  ['land', 4],
  ['medical', 2],
  ['sale_consumer', 2],
  ['other', 1],
];
/** Seasons: more before the Spring Festival (wages, debts) and at the year's end; fewer in its holiday. */
const monthWeight = [1.25, 0.7, 1.05, 1, 1, 1, 0.95, 0.95, 1, 0.85, 1.05, 1.2];
const dayWeight = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (weekday === 0 || weekday === 6 ? 0.3 : 1) * monthWeight[Number(day.slice(5, 7)) - 1]!;
};

const doc = (r: DemoRandom) => {
  const id = Array.from({ length: 4 }, () =>
    r
      .below(2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  return { documentId: `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}`, sha256: createHash('sha256').update(id).digest('hex'), size: 4096 };
};
const uuid = (r: DemoRandom) => doc(r).documentId;
const instant = (day: string, r: DemoRandom) => `${day}T${String(1 + r.below(8)).padStart(2, '0')}:${String(r.below(60)).padStart(2, '0')}:00.000Z`; // 09:00–16:59 court time (UTC+8)

function organisationFor(siteId: string, type: string, r: DemoRandom): string {
  const industry = demoOrganisations.find((o) => o.takes.includes(type));
  if (industry) return industry.organisationId;
  const local = demoOrganisations.find((o) => o.siteId === siteId);
  if (local) return local.organisationId;
  // a tribunal's or grid point's dispute: the nearest street committee, or the court's own team
  return r.unit() < 0.4 ? 'org-court' : demoOrganisations[r.below(9)]!.organisationId;
}

export interface GeneratedPeriod {
  cases: number;
  events: number;
}

/** Open mediations were received in the period's last days, inside their 30-day limit… */
export const OPEN_WINDOW_DAYS = 28;
/** …but for a few, received one to two months back and now past it (the overdue list a court has). */
export const STALE_SHARE = 0.02;
const STALE_DAYS = { from: 34, to: 63 } as const;
/** The days before the period's last on which the disputes still awaiting the decision were received. */
export const AWAITING_DAYS = 2;
/** The longest a case's steps take (days from receipt to a confirmation ruled), before compression. */
const LONGEST_CHAIN_DAYS = 49;
/** Cases written per transaction. */
const BATCH = 250;

export async function generatePeriod(writer: CaseEventWriter, t: PeriodTargets, r: DemoRandom, onProgress?: (cases: number) => void): Promise<GeneratedPeriod> {
  const lastReceipt = addDays(t.to, -3);
  const days: string[] = [];
  for (let d = t.from; daysBetween(d, lastReceipt) >= 0; d = addDays(d, 1)) days.push(d);
  const diverted = r.sample(t.received, t.diverted);
  const divertedList = [...diverted];
  if (t.settled + t.failed + t.openAtEnd > t.diverted) throw new Error('more outcomes than diverted disputes');
  if (t.awaitingAtEnd > t.received - t.diverted) throw new Error('more disputes awaiting the decision than undiverted ones');
  type Outcome = 'none' | 'awaiting' | 'open' | 'settled' | 'failed' | 'withdrawn';
  const plan = Array.from({ length: t.received }, (): { day: string; site: DemoSite; outcome: Outcome; confirmation: string; lawsuit: boolean; video: boolean; counter: boolean } => ({
    day: '',
    site: r.weighted(demoSites, (s) => s.weight),
    outcome: 'none',
    confirmation: 'none',
    lawsuit: false,
    video: false,
    counter: false,
  }));
  const pick = (from: number[], k: number) => [...r.sample(from.length, k)].map((j) => from[j]!);
  const undiverted = plan.flatMap((_, i) => (diverted.has(i) ? [] : [i]));
  for (const i of pick(undiverted, t.awaitingAtEnd)) plan[i]!.outcome = 'awaiting';
  const settled = pick(divertedList, t.settled);
  const settledSet = new Set(settled);
  const failed = pick(
    divertedList.filter((i) => !settledSet.has(i)),
    t.failed,
  );
  const failedSet = new Set(failed);
  const open = pick(
    divertedList.filter((i) => !settledSet.has(i) && !failedSet.has(i)),
    t.openAtEnd,
  );
  for (const i of divertedList) plan[i]!.outcome = 'withdrawn';
  for (const i of settled) plan[i]!.outcome = 'settled';
  for (const i of failed) plan[i]!.outcome = 'failed';
  for (const i of open) plan[i]!.outcome = 'open';
  const applied = pick(settled, t.confirmationApplied);
  for (const [n, i] of applied.entries()) plan[i]!.confirmation = n < t.confirmed ? 'confirmed' : 'applied';
  for (const i of pick(failed, t.filedAfterMediation)) plan[i]!.lawsuit = true;
  for (const i of pick(divertedList, Math.round(t.videoShare * t.diverted))) plan[i]!.video = true;
  // the counter's exact share of the court's diverted, more of them at a grid point than in the court's hall
  const bySite = new Map<string, number[]>();
  for (const i of divertedList) bySite.set(plan[i]!.site.siteId, [...(bySite.get(plan[i]!.site.siteId) ?? []), i]);
  const atCounter = counterCounts(
    [...bySite.entries()].map(([siteId, cases]) => ({ site: demoSites.find((s) => s.siteId === siteId)!, diverted: cases.length })),
    Math.ceil(t.counterShareOfDiverted * t.diverted),
    () => r.unit(),
  );
  for (const [siteId, cases] of bySite) for (const i of pick(cases, atCounter.get(siteId)!)) plan[i]!.counter = true;
  // still open at the end: received in the last weeks; closed: before them (when some stay open)
  const windowStart = addDays(t.to, -OPEN_WINDOW_DAYS + 1);
  const openDays = days.filter((d) => daysBetween(windowStart, d) >= 0);
  const staleDays = days.filter((d) => daysBetween(d, t.to) >= STALE_DAYS.from && daysBetween(d, t.to) <= STALE_DAYS.to);
  const closedDays = t.openAtEnd > 0 ? days.filter((d) => daysBetween(windowStart, d) < 0) : days;
  if (openDays.length === 0 || closedDays.length === 0) throw new Error('the period is too short for its open mediations');
  // received after the last decided dispute, up to the day before the period's last (today's hours are not over)
  const awaitingDays = Array.from({ length: AWAITING_DAYS }, (_, n) => addDays(t.to, n - AWAITING_DAYS));
  for (const p of plan) {
    const openFrom = staleDays.length > 0 && r.unit() < STALE_SHARE ? staleDays : openDays;
    p.day = r.weighted(p.outcome === 'none' ? days : p.outcome === 'awaiting' ? awaitingDays : p.outcome === 'open' ? openFrom : closedDays, dayWeight);
  }

  let events = 0;
  const append = async (...args: Parameters<CaseEventWriter['append']>) => {
    events++;
    return writer.append(...args);
  };
  for (let first = 0; first < plan.length; first += BATCH) {
    await writer.batch(async () => {
      for (let i = first; i < Math.min(plan.length, first + BATCH); i++) await writeCase(plan[i]!, diverted.has(i));
    });
    onProgress?.(Math.min(plan.length, first + BATCH));
  }
  return { cases: plan.length, events };

  async function writeCase(p: (typeof plan)[number], isDiverted: boolean): Promise<void> {
    // a case's events in order: each at least a minute after the one before
    let last = 0;
    // a case received near the period's end takes its steps faster, so they all fall inside it
    const pace = Math.min(1, daysBetween(p.day, t.to) / LONGEST_CHAIN_DAYS);
    const step = (days: number) => (p.outcome === 'open' ? days : Math.floor(days * pace));
    const at = (day: string) => {
      const t0 = Math.max(Date.parse(instant(day, r)), last + 60_000);
      last = t0;
      return new Date(t0).toISOString();
    };
    const site = p.site;
    const type = r.weighted(typeMix, ([, w]) => w)[0];
    const channel = channelAt(site.kind, isDiverted, p.counter, r.unit());
    const opened = await append({
      caseId: null,
      kind: 'dispute',
      type: 'case.received',
      at: at(p.day),
      siteId: site.siteId,
      payload: { channel, disputeType: type, parties: { applicants: 1, respondents: 1 } },
    });
    const caseId = opened.event.caseId;
    if (p.outcome === 'awaiting') return;
    let day = addDays(p.day, step(1 + r.below(2)));
    if (daysBetween(day, t.to) < 0) day = t.to;
    if (!isDiverted) {
      const suit = await append({ caseId: null, kind: 'lawsuit', type: 'lawsuit.opened', at: at(day), payload: { disputeCaseId: caseId, caseNumber: '-', route: 'direct', carried: [] } });
      const number = (suit.event.payload as { caseNumber: string }).caseNumber;
      await append({
        caseId,
        type: 'case.filed_directly',
        at: at(day),
        payload: { reason: r.unit() < 0.7 ? 'refused_mediation' : 'unsuitable', lawsuitCaseId: suit.event.caseId, lawsuitCaseNumber: number },
      });
      return;
    }
    const organisationId = organisationFor(site.siteId, type, r);
    const mediators = demoMediators.filter((m) => m.organisationId === organisationId);
    const mediator = mediators[r.below(mediators.length)]!.username;
    await append({
      caseId,
      type: 'case.diverted',
      at: at(day),
      payload: { caseNumber: '-', organisationId, mediator, consent: { method: channel === 'kiosk' ? 'application' : 'in_person' }, mediationDueDate: addDays(day, 30) },
    });
    if (p.video && p.outcome !== 'open') {
      const sessionId = uuid(r);
      const on = addDays(day, step(3 + r.below(5)));
      await append({ caseId, type: 'session.scheduled', at: at(addDays(day, step(1))), payload: { sessionId, startsAt: `${on}T01:00:00.000Z`, mode: 'video' } }); // 09:00 court time: held (instant's 09:00–16:59) never before its start
      await append({ caseId, type: 'session.held', at: at(on), payload: { sessionId, mode: 'video', minutes: 20 + r.below(50) } });
      day = on;
    }
    if (p.outcome === 'open') return;
    day = addDays(day, step(2 + r.below(20)));
    if (p.outcome === 'withdrawn') {
      await append({ caseId, type: 'mediation.withdrawn', at: at(day), payload: {} });
      return;
    }
    if (p.outcome === 'failed') {
      await append({ caseId, type: 'mediation.failed', at: at(day), payload: { cause: r.unit() < 0.7 ? 'no_agreement' : 'party_absent' } });
      if (p.lawsuit) {
        const suit = await append({ caseId: null, kind: 'lawsuit', type: 'lawsuit.opened', at: at(day), payload: { disputeCaseId: caseId, caseNumber: '-', route: 'after_mediation', carried: [] } });
        await append({
          caseId,
          type: 'case.filed_as_lawsuit',
          at: at(day),
          payload: { lawsuitCaseId: suit.event.caseId, lawsuitCaseNumber: (suit.event.payload as { caseNumber: string }).caseNumber, route: 'after_mediation' },
        });
      }
      return;
    }
    let file = (await append({ caseId, type: 'mediation.settled', at: at(day), payload: {} })).after;
    if (p.confirmation === 'none') return;
    const agreement = doc(r);
    file = (await append({ caseId, type: 'agreement.drafted', at: at(day), payload: { document: agreement, version: 1 } })).after;
    for (const signer of missingSigners(file)) {
      const [role, index] = signer.split(':') as [string, string];
      file = (
        await append({
          caseId,
          type: 'agreement.signed',
          at: at(day),
          payload: {
            documentId: agreement.documentId,
            signer: { role, index: Number(index) },
            method: 'counter_tablet',
            signatureSha256: createHash('sha256').update(`${caseId}${signer}`).digest('hex'),
          },
        })
      ).after;
    }
    await append({ caseId, type: 'agreement.completed', at: at(day), payload: { document: agreement, effectiveDate: day, confirmationApplyBy: addDays(day, 30) } });
    day = addDays(day, step(1 + r.below(5)));
    const conf = await append({ caseId: null, kind: 'confirmation', type: 'confirmation.opened', at: at(day), payload: { disputeCaseId: caseId, caseNumber: '-', rulingDueDate: addDays(day, 15) } });
    await append({
      caseId,
      type: 'confirmation.applied',
      at: at(day),
      payload: { confirmationCaseId: conf.event.caseId, caseNumber: (conf.event.payload as { caseNumber: string }).caseNumber, rulingDueDate: addDays(day, 15) },
    });
    if (p.confirmation === 'confirmed') await append({ caseId, type: 'confirmation.confirmed', at: at(addDays(day, step(3 + r.below(10)))), payload: { document: doc(r) } });
  }
}

/** The seed article's half-year (诉前调解分流 12,906 of 17,377 = 74.27 %; 6,725 settled = 52.11 %; 211 confirmed; over 80 % from counters). */
export const seedHalfYear: Omit<PeriodTargets, 'from' | 'to'> = {
  received: 17_377,
  diverted: 12_906,
  settled: 6_725,
  confirmationApplied: 236,
  confirmed: 211,
  failed: 2_310,
  filedAfterMediation: 1_480,
  openAtEnd: 0,
  awaitingAtEnd: 0,
  counterShareOfDiverted: 0.82,
  videoShare: 0.08,
};

/** Targets scaled down (for quick demos and tests): the same proportions, rounded. */
export function scaled(t: Omit<PeriodTargets, 'from' | 'to'>, factor: number): Omit<PeriodTargets, 'from' | 'to'> {
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  return {
    ...t,
    received: n(t.received),
    diverted: n(t.diverted),
    settled: n(t.settled),
    confirmationApplied: n(t.confirmationApplied),
    confirmed: n(t.confirmed),
    failed: n(t.failed),
    filedAfterMediation: n(t.filedAfterMediation),
    openAtEnd: t.openAtEnd === 0 ? 0 : n(t.openAtEnd),
    awaitingAtEnd: t.awaitingAtEnd === 0 ? 0 : n(t.awaitingAtEnd),
  };
}
