import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { breakdownInputs, indicatorInputs } from '../../server/dashboard/indicatorStore.js';
import { openHubDatabase } from '../../server/db/database.js';
import type { DashboardQuery } from '../../shared/dashboard/scope.js';
import { tempDir } from '../support/fixtures.js';
import type { Benchmark } from './benchmark.js';
import { percentile, round } from './stats.js';

// Dashboard queries over a year of a large court's pre-aggregates (≈1 M disputes: received at 20
// sites in 13 types by 3 channels every day; diverted, settled, failed by 45 mediators; spans in
// days), filled straight into daily_* and monthly_* on SQLite (the aggregates are what the
// indicator queries read; that they equal the events is the integration tests' job). Times the
// indicator set for a year at court, site and mediator scope and a breakdown by site; reports
// the p95 over all of them. Not covered: drill-down lists over 10 M events (case_events is not
// filled here).

const REPEATS = 30;

export const dashboardQueryBenchmark: Benchmark = {
  id: 'dashboard_query',
  metrics: ['dashboard_query_p95_ms'],
  description: 'indicators and a breakdown for a year over ≈1 M disputes of pre-aggregates (SQLite)',
  async run(ctx) {
    const dataDir = tempDir('bench-dashboard-');
    const hub = await openHubDatabase({ dataDir });
    try {
      hub.sqlite!.pragma('synchronous = OFF');
      const filled = performance.now();
      // days of 2026, 20 sites, 13 types, 3 channels, 45 mediators (3 per organisation)
      await sql`
        with recursive d(i) as (select 0 union all select i + 1 from d where i < 364),
        s(i) as (select 0 union all select i + 1 from s where i < 19),
        t(i) as (select 0 union all select i + 1 from t where i < 12),
        c(i) as (select 0 union all select i + 1 from c where i < 2)
        insert into daily_counts (court_day, measure, site_id, organisation_id, mediator, dispute_type, channel, n)
        select date('2026-01-01', '+' || d.i || ' days'), 'received', 'site-' || s.i, '', '', 'type-' || t.i, 'ch-' || c.i, 1 + ((d.i * 7 + s.i * 3 + t.i + c.i) % 6)
        from d, s, t, c`.execute(hub.db);
      for (const [measure, share] of [
        ['diverted', 3],
        ['settled', 2],
        ['failed', 1],
      ] as const) {
        await sql`
          with recursive d(i) as (select 0 union all select i + 1 from d where i < 364),
          m(i) as (select 0 union all select i + 1 from m where i < 44),
          t(i) as (select 0 union all select i + 1 from t where i < 12),
          c(i) as (select 0 union all select i + 1 from c where i < 2)
          insert into daily_counts (court_day, measure, site_id, organisation_id, mediator, dispute_type, channel, n)
          select date('2026-01-01', '+' || d.i || ' days'), ${measure}, 'site-' || (m.i % 20), 'org-' || (m.i / 3), 'med-' || m.i, 'type-' || t.i, 'ch-' || c.i, ((d.i + m.i + t.i + c.i) % ${share + 1})
          from d, m, t, c`.execute(hub.db);
      }
      await sql`
        with recursive d(i) as (select 0 union all select i + 1 from d where i < 364),
        s(i) as (select 0 union all select i + 1 from s where i < 19),
        k(i) as (select 0 union all select i + 1 from k where i < 14)
        insert into daily_durations (court_day, measure, site_id, organisation_id, mediator, dispute_type, channel, days, n)
        select date('2026-01-01', '+' || d.i || ' days'), 'receipt_to_diversion', 'site-' || s.i, '', '', 'type-' || (k.i % 13), 'ch-0', k.i, 1 + (d.i % 4)
        from d, s, k`.execute(hub.db);
      for (const [daily, monthly, extra] of [
        ['daily_counts', 'monthly_counts', ''],
        ['daily_durations', 'monthly_durations', ', days'],
      ] as const) {
        await sql`insert into ${sql.table(monthly)} (month, measure, site_id, dispute_type, channel${sql.raw(extra)}, n)
          select substr(court_day, 1, 7), measure, site_id, dispute_type, channel${sql.raw(extra)}, sum(n) from ${sql.table(daily)}
          group by substr(court_day, 1, 7), measure, site_id, dispute_type, channel${sql.raw(extra)}`.execute(hub.db);
      }
      await sql`analyze`.execute(hub.db);
      const received = await sql<{ n: number }>`select sum(n) as n from daily_counts where measure = 'received'`.execute(hub.db);
      const rows = await sql<{ n: number }>`select count(*) as n from daily_counts`.execute(hub.db);
      ctx.note(
        `dashboard_query: ${Number(received.rows[0]!.n).toLocaleString('en')} disputes received in ${Number(rows.rows[0]!.n).toLocaleString('en')} daily_counts rows, filled in ${round((performance.now() - filled) / 1000, 1)} s`,
      );

      const year: DashboardQuery = { from: '2026-01-01', to: '2026-12-31' };
      const questions: Array<[string, () => Promise<unknown>]> = [
        ['court, year', () => indicatorInputs(hub, year, '2026-12-31')],
        ['site, year', () => indicatorInputs(hub, { ...year, siteId: 'site-3' }, '2026-12-31')],
        ['site, mid-month to mid-month', () => indicatorInputs(hub, { from: '2026-03-15', to: '2026-09-14', siteId: 'site-3' }, '2026-12-31')],
        ['mediator, year', () => indicatorInputs(hub, { ...year, mediator: 'med-7' }, '2026-12-31')],
        ['breakdown by site, year', () => breakdownInputs(hub, year, 'siteId', '2026-12-31')],
      ];
      const all: number[] = [];
      for (const [name, ask] of questions) {
        await ask();
        const times: number[] = [];
        for (let i = 0; i < REPEATS; i++) {
          const t0 = performance.now();
          await ask();
          times.push(performance.now() - t0);
        }
        all.push(...times);
        ctx.note(`dashboard_query: ${name} p50 ${round(percentile(times, 50), 1)} ms, p95 ${round(percentile(times, 95), 1)} ms`);
      }
      ctx.report('dashboard_query_p95_ms', percentile(all, 95), 1);
    } finally {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
