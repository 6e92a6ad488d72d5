/**
 * The bench dataset, built set-based in SQL (generate_series arithmetic, no randomness), so
 * every run at one scale holds exactly the same rows with the same ids (md5 of a label).
 *
 * - portfolios: a root "Enterprise", ~P/5 domains under it, programs under the domains;
 * - initiatives: spread evenly over the non-root portfolios, every stage, some without budget;
 * - metrics: both directions, every aggregation and cadence; one in twenty has no data;
 * - measurements: over two years (WINDOW_START … WINDOW_END), per metric a linear trend (most
 *   moving the better way, some the wrong way) plus bounded deterministic noise;
 * - hypotheses: spread over initiatives and metrics, baselines inside the first 600 days on
 *   the metric's trend line, targets 5–45 % away on the better side, due 0.6–1.6 times the rest of the window out, states
 *   mostly ACTIVE with some VALIDATED, INVALIDATED, DRAFT and ABANDONED. As of WINDOW_END
 *   this gives every progress status, NO_DATA included.
 */
import { DataSource } from "typeorm";
import { Scale } from "./args";

export const WINDOW_START = new Date("2024-01-01T00:00:00.000Z"); // a Monday
export const WINDOW_END = new Date("2026-01-01T00:00:00.000Z");
/** The instant every read scenario is evaluated at. */
export const AS_OF = WINDOW_END;
const SPAN_S = (WINDOW_END.getTime() - WINDOW_START.getTime()) / 1000;

/** Deterministic row ids: the same label gives the same uuid in SQL and here. */
export const idSql = (kind: string, n: string) => `md5('bench-${kind}-' || (${n})::text)::uuid`;

/** Per-metric trend, shared by measurements and hypothesis baselines (k = metric number). */
const BASE = (k: string) => `(100 + ((${k}) * 37) % 900)::float8`;
const DECREASE = (k: string) => `((${k}) % 3 = 2)`;
/** Value change per day: −10…+50 per 100,000 of the base, negated for DECREASE metrics. */
const SLOPE = (k: string) => `(${BASE(k)} * ((((${k}) * 53) % 61) - 10) / 100000.0 * CASE WHEN ${DECREASE(k)} THEN -1 ELSE 1 END)`;
/** One metric in twenty has no measurements at all. */
const HAS_DATA = (k: string) => `((${k}) % 20 <> 19)`;

export interface Fixtures {
  rootId: string;
  /** The portfolio the dashboard shows (the first program). */
  dashboardPortfolioId: string;
  /** The metric whose weekly series is charted (aggregation LAST, with data). */
  seriesMetricId: string;
  /** Every metric key and row id, index = metric number (ingestion names metrics by key). */
  metricKeys: string[];
  metricIds: string[];
  counts: Record<string, number>;
  buildSeconds: number;
}

export async function buildDataset(ds: DataSource, scale: Scale, log: (m: string) => void): Promise<Fixtures> {
  const { portfolios: P, initiatives: N, hypotheses: H, metrics: M, measurements: X } = scale;
  const D = Math.max(1, Math.round((P - 1) / 5));
  const start = WINDOW_START.toISOString();
  const t0 = performance.now();
  // one connection throughout, so the session settings below hold for every statement
  const runner = ds.createQueryRunner();
  await runner.connect();
  const step = async (label: string, text: string, params: unknown[] = []) => {
    const t = performance.now();
    await runner.query(text, params);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // committed asynchronously (this session only): a crash would just mean rebuilding
  await runner.query("SET synchronous_commit = off");
  await runner.query("SET maintenance_work_mem = '256MB'");
  {
    const q = step;
    await q(
      "portfolios",
      `INSERT INTO portfolio (id, name, description, owner, parent_id, budget, created_at, updated_at)
       SELECT ${idSql("portfolio", "n")},
         CASE WHEN n = 0 THEN 'Enterprise'
              WHEN n <= $2 THEN 'Domain ' || lpad(n::text, 2, '0')
              ELSE 'Program ' || lpad((1 + (n - $2 - 1) % $2)::text, 2, '0') || '.' || lpad(n::text, 3, '0') END,
         'Bench portfolio ' || n, 'owner-' || (n % 7),
         CASE WHEN n = 0 THEN NULL WHEN n <= $2 THEN ${idSql("portfolio", "0")} ELSE ${idSql("portfolio", "1 + (n - $2 - 1) % $2")} END,
         CASE WHEN n % 4 = 3 THEN NULL ELSE 1000000 * (1 + n % 9) END,
         $3::timestamptz + n * interval '1 hour', $3::timestamptz + n * interval '1 hour'
       FROM generate_series(0, $1 - 1) n`,
      [P, D, start],
    );
    await q(
      "initiatives",
      `INSERT INTO initiative (id, portfolio_id, name, description, owner, sponsor, stage, budget, actual_cost, start_date, target_date, tags, created_at, updated_at)
       SELECT ${idSql("initiative", "n")}, ${idSql("portfolio", "1 + n % ($2 - 1)")},
         'Initiative ' || lpad(n::text, 5, '0'), 'Bench initiative ' || n, 'owner-' || (n % 13), 'sponsor-' || (n % 5),
         (ARRAY['IDEA','PROPOSED','APPROVED','IN_DELIVERY','IN_DELIVERY','DELIVERED','DELIVERED','CLOSED','STOPPED'])[1 + n % 9],
         b.budget,
         CASE WHEN n % 9 < 2 OR b.budget IS NULL THEN NULL ELSE round(b.budget * ((n * 13) % 120) / 100.0, 2) END,
         ($3::date + (n % 365)), ($3::date + (n % 365) + 180 + (n * 7) % 540),
         ARRAY['bench', 'wave-' || (n % 4)] || CASE WHEN n % 5 = 0 THEN ARRAY['strategic'] ELSE ARRAY[]::text[] END,
         $3::timestamptz + n * interval '1 minute', $3::timestamptz + n * interval '1 minute'
       FROM generate_series(0, $1 - 1) n
       CROSS JOIN LATERAL (SELECT CASE WHEN n % 10 = 9 THEN NULL ELSE (50000 + (n::bigint * 7919) % 950000 + (n % 100) / 100.0)::numeric(18,2) END AS budget) b`,
      [N, P, start],
    );
    await q(
      "metrics",
      `INSERT INTO metric (id, key, name, description, unit, direction, aggregation, cadence, portfolio_id, created_at, updated_at)
       SELECT ${idSql("metric", "k")}, 'kpi.' || lpad(k::text, 5, '0'), 'KPI ' || lpad(k::text, 5, '0'), 'Bench metric ' || k,
         (ARRAY['USD','%','ms','count'])[1 + k % 4],
         CASE WHEN ${DECREASE("k")} THEN 'DECREASE' ELSE 'INCREASE' END,
         (ARRAY['LAST','LAST','AVERAGE','SUM','MIN','MAX'])[1 + k % 6],
         (ARRAY[NULL,'DAILY','WEEKLY','MONTHLY'])[1 + k % 4],
         ${idSql("portfolio", "k % $2")}, $3::timestamptz, $3::timestamptz
       FROM generate_series(0, $1 - 1) k`,
      [M, P, start],
    );
  }
  const withData = Array.from({ length: M }, (_, k) => k).filter((k) => k % 20 !== 19).length;
  const per = Math.floor(X / withData);
  const rem = X % withData;
  await step(
    `measurements (${X.toLocaleString("en-US")})`,
    `INSERT INTO measurement (metric_id, value, observed_at, source, recorded_at, recorded_by, created_at)
     SELECT d.id, ${BASE("d.k")} + ${SLOPE("d.k")} * x.t_s / 86400.0
            + ${BASE("d.k")} * 0.03 * (((x.g * 7919) % 1001) / 500.0 - 1),
       $3::timestamptz + x.t_s * interval '1 second', 'bench-seed',
       $3::timestamptz + (x.t_s + 3600) * interval '1 second', 'bench', $3::timestamptz + (x.t_s + 3600) * interval '1 second'
     FROM (SELECT k, ${idSql("metric", "k")} AS id, (row_number() OVER (ORDER BY k) - 1)::int AS r
           FROM generate_series(0, $1 - 1) k WHERE ${HAS_DATA("k")}) d
     CROSS JOIN LATERAL (SELECT $4::int + CASE WHEN d.r < $5 THEN 1 ELSE 0 END AS c) c
     CROSS JOIN LATERAL generate_series(0, c.c - 1) t
     CROSS JOIN LATERAL (SELECT d.r::bigint * 1000003 + t AS g,
       least($2::bigint - 1, floor(t * $2::float8 / c.c)::bigint + (d.k * 7919) % 3600) AS t_s) x
     ORDER BY d.id, x.t_s`,
    [M, SPAN_S, start, per, rem],
  );
  await step(
    "hypotheses",
    `INSERT INTO outcome_hypothesis (id, initiative_id, metric_id, statement, baseline, baseline_at, target, target_date,
       weight, expected_benefit, state, created_at, updated_at)
     SELECT ${idSql("hypothesis", "j")}, ${idSql("initiative", "a.n")}, ${idSql("metric", "a.k")},
       'We believe initiative ' || a.n || ' will move kpi ' || a.k,
       v.baseline, $4::timestamptz + a.b_s * interval '1 second',
       v.baseline + CASE WHEN ${DECREASE("a.k")} THEN -1 ELSE 1 END * ${BASE("a.k")} * (0.05 + ((j * 13) % 40) / 100.0),
       $4::timestamptz + (a.b_s + floor(($5 - a.b_s) * (0.6 + ((j * 17) % 100) / 100.0))) * interval '1 second',
       1 + j % 3, (1000 + (j::bigint * 7717) % 500000)::numeric(18,2),
       (ARRAY['ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE',
              'VALIDATED','VALIDATED','INVALIDATED','DRAFT','DRAFT','ABANDONED'])[1 + (j * 31) % 20],
       $4::timestamptz + j * interval '1 minute', $4::timestamptz + j * interval '1 minute'
     FROM generate_series(0, $1 - 1) j
     CROSS JOIN LATERAL (SELECT (j::bigint * $2 / $1)::int AS n, ((j::bigint * 7919 + j / 3) % $3)::int AS k,
       (j::bigint * 104729) % (600 * 86400) AS b_s) a
     CROSS JOIN LATERAL (SELECT ${BASE("a.k")} + ${SLOPE("a.k")} * a.b_s / 86400.0 AS baseline) v`,
    [H, N, M, start, SPAN_S],
  );
  await step("VACUUM ANALYZE", "VACUUM ANALYZE");
  await runner.query("RESET ALL");
  await runner.release();

  const counts: Record<string, number> = {};
  for (const table of ["portfolio", "initiative", "metric", "outcome_hypothesis", "measurement"]) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  const metrics: Array<{ id: string; key: string }> = await ds.query(`SELECT id, key FROM metric ORDER BY key`);
  const one = async (text: string) => ((await ds.query(text)) as Array<{ id: string }>)[0].id;
  return {
    rootId: await one(`SELECT ${idSql("portfolio", "0")} AS id`),
    dashboardPortfolioId: await one(`SELECT ${idSql("portfolio", String(Math.min(P - 1, D + 1)))} AS id`),
    seriesMetricId: await one(`SELECT ${idSql("metric", "0")} AS id`),
    metricKeys: metrics.map((m) => m.key),
    metricIds: metrics.map((m) => m.id),
    counts,
    buildSeconds: (performance.now() - t0) / 1000,
  };
}
