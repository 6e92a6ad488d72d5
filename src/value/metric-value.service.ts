import DataLoader from "dataloader";
import { Context } from "../context";
import { hydrate, selectPrefixed } from "../database/hydrate";
import { raw, sql, Sql } from "../database/sql";
import { PageExtension } from "../common/page";
import { keepPrefetched, prefetched } from "../common/prefetch";
import { BadUserInputError } from "../errors";
import { Measurement } from "../measurement/measurement.entity";
import { Metric } from "../metric/metric.entity";
import { KnownAt, tableAt } from "../database/known-at";
import { bucketCount, isStale, MAX_SERIES_BUCKETS, SeriesInterval } from "./metric-value";
import { SeriesPoint } from "./metric-value.types";
import { COUNTS, latestCounted } from "./progress.sql";

/** date_trunc unit and generate_series step per interval (trusted constants, sent as parameters). */
const BUCKETS: Record<SeriesInterval, { unit: string; step: string }> = {
  DAY: { unit: "day", step: "1 day" },
  WEEK: { unit: "week", step: "1 week" }, // date_trunc('week') is the ISO Monday
  MONTH: { unit: "month", step: "1 month" },
  QUARTER: { unit: "quarter", step: "3 months" },
  YEAR: { unit: "year", step: "1 year" },
};

/** The counted measurement with the greatest observedAt per metric (ties: latest recorded, then id), as known at `k`. */
function latestSql(metricIds: readonly string[], k: KnownAt, columns: readonly string[]): Sql {
  return sql`SELECT m.* FROM unnest(${metricIds}::uuid[]) AS k(id) CROSS JOIN LATERAL (${latestCounted(k, sql`m.metric_id = k.id`, columns)}) m`;
}

/** What the latest-first order and the batching read of every row, whatever is selected. */
const LATEST_KEYS = ["id", "metric_id", "observed_at", "recorded_at"];

type LatestLoader = DataLoader<string, Measurement | null>;

/** The measurement columns a latest lookup reads for a selection that needs `columns` (null: all), and the set it then holds (null: all). */
function latestColumns(ctx: Context, columns: readonly string[] | null): { read: string[]; held: Set<string> | null } {
  if (!columns) return { read: ctx.dataSource.getMetadata(Measurement).columns.map((c) => c.databaseName), held: null };
  const read = [...new Set([...LATEST_KEYS, ...columns])];
  return { read, held: new Set(read) };
}

/** Whether columns `held` (null: all) cover what a selection needs (null: all). */
const covers = (held: Set<string> | null, need: readonly string[] | null) => held === null || (need !== null && need.every((c) => held.has(c)));

/**
 * The request's batched reader of `Metric.latest` as known at `k` that reads at least `need`
 * (null: every column): one already made if any reads enough (so `latest` and `stale` of
 * the same metrics share one statement), else a new one reading `make` (default `need`).
 */
function latestReader(ctx: Context, k: KnownAt, need: readonly string[] | null, make = need): LatestLoader {
  const at = k?.getTime() ?? "now";
  const made = ctx.memo.once(ctx.loaders, `value.metric.latest:${at}`, () => [] as Array<{ held: Set<string> | null; loader: LatestLoader }>);
  const enough = made.find((r) => covers(r.held, need));
  if (enough) return enough.loader;
  const { read, held } = latestColumns(ctx, make);
  const loader = ctx.loaders.get<string, Measurement | null>(`value.metric.latest:${at}:${read.join(",")}`, async (ids) => {
    const { text, values } = latestSql(ids, k, read).toQuery();
    const rows: Record<string, unknown>[] = await ctx.dataSource.query(text, values);
    const byMetric = new Map(rows.map((r) => [r.metric_id as string, hydrate(ctx.dataSource, Measurement, r)]));
    return ids.map((id) => byMetric.get(id) ?? null);
  });
  made.push({ held, loader });
  return loader;
}

/** A latest measurement a page statement read beside its metric, and the columns it read. */
interface JoinedLatest {
  held: Set<string> | null;
  value: Measurement | null;
}

const joinedKey = (k: KnownAt) => `latest:${k?.getTime() ?? "now"}`;

/**
 * `Metric.latest` as known at `k` computed in the page statement that joins the metric in as
 * `alias` (a dashboard's hypotheses with their metrics): one LATERAL lookup per row instead
 * of a statement of its own, reading `columns` (null: all) of the measurement.
 */
export function latestJoin(ctx: Context, k: KnownAt, columns: readonly string[] | null, alias: string): PageExtension<Metric> {
  const a = `${alias}_latest`;
  const { read, held } = latestColumns(ctx, columns);
  return {
    columns: selectPrefixed(ctx.dataSource, Measurement, a, `${a}__`, read),
    joins: sql`LEFT JOIN LATERAL (${latestCounted(k, sql`m.metric_id = ${raw(alias)}.id`, read)}) ${raw(a)} ON true`,
    attach: (metric, row) => {
      const value = row[`${a}__id`] == null ? null : hydrate(ctx.dataSource, Measurement, row, `${a}__`);
      keepPrefetched(metric, joinedKey(k), { held, value } satisfies JoinedLatest);
    },
  };
}

/**
 * `Metric.latest` as known at `k`, reading at least `columns` of the measurement (null: all
 * of them): what the page statement already read, when it joined it in with those columns,
 * else one statement for every metric of the request.
 */
export function latestMeasurement(
  ctx: Context,
  metric: Metric,
  k: KnownAt,
  columns: readonly string[] | null = null,
): Promise<Measurement | null> | Measurement | null {
  const joined = prefetched<JoinedLatest>(metric, joinedKey(k));
  if (joined && covers(joined.held, columns)) return joined.value;
  return latestReader(ctx, k, columns).load(metric.rowId);
}

/** `Metric.stale`, judged at the operation's knownAt (else the request's "now") from the same batched `latest`. */
export async function metricStale(ctx: Context, metric: Metric): Promise<boolean> {
  if (metric.cadence === null) return false;
  // the latest a page statement read beside the metric, or any reader of this request; a new
  // one reads every column, so that a `latest` resolved after it (whatever it selects) shares it
  const joined = prefetched<JoinedLatest>(metric, joinedKey(ctx.knownAt));
  const latest = joined ? joined.value : await latestReader(ctx, ctx.knownAt, LATEST_KEYS, null).load(metric.rowId);
  return isStale(metric.cadence, latest?.observedAt ?? null, ctx.knownAt ?? ctx.now);
}

/**
 * Buckets generated in SQL over UTC calendar boundaries and left-joined to the grouped
 * measurements of [from, to), so empty buckets come back as (null, 0). The measurements are
 * one index range scan per metric and quarter; LAST takes the greatest (observed_at,
 * recorded_at, id). SUM and AVERAGE add in that order too: float8 sums depend on it, and a
 * plan over several partitions (one metric or many, a cursor or not) may read rows in another.
 */
export function seriesSql(metricIds: readonly string[], from: Date, to: Date, interval: SeriesInterval, k: KnownAt = null): Sql {
  const { unit } = BUCKETS[interval];
  return sql`SELECT k.id AS metric_id, g.start AT TIME ZONE 'UTC' AS start, coalesce(a.n, 0)::int AS count, a.value
    FROM unnest(${metricIds}::uuid[]) AS k(id)
    CROSS JOIN ${bucketStarts(from, to, interval)}
    LEFT JOIN (
      SELECT m.metric_id, date_trunc(${unit}, m.observed_at AT TIME ZONE 'UTC') AS start, count(*) AS n,
        CASE mt.aggregation
          WHEN 'SUM' THEN sum(m.value ORDER BY m.observed_at, m.recorded_at, m.id)
          WHEN 'AVERAGE' THEN avg(m.value ORDER BY m.observed_at, m.recorded_at, m.id)
          WHEN 'MIN' THEN min(m.value)
          WHEN 'MAX' THEN max(m.value)
          ELSE (array_agg(m.value ORDER BY m.observed_at DESC, m.recorded_at DESC, m.id DESC))[1]
        END AS value
      -- only the asked metrics' aggregation (a plain join hashed the whole metric table per request)
      FROM ${tableAt("measurement", k)} m JOIN (SELECT id, aggregation FROM ${tableAt("metric", k)} x WHERE id = ANY(${metricIds}::uuid[])) mt ON mt.id = m.metric_id
      WHERE m.metric_id = ANY(${metricIds}::uuid[]) AND m.observed_at >= ${from}::timestamptz AND m.observed_at < ${to}::timestamptz AND ${COUNTS}
      GROUP BY m.metric_id, mt.aggregation, 2
    ) a ON a.metric_id = k.id AND a.start = g.start
    ORDER BY k.id, g.start`;
}

/**
 * The UTC calendar buckets that meet [from, to), as `g(start)` (timestamp without time zone,
 * UTC): the first is the one containing `from`. Shared by every series.
 */
export function bucketStarts(from: Date, to: Date, interval: SeriesInterval): Sql {
  const { unit, step } = BUCKETS[interval];
  return sql`generate_series(
      date_trunc(${unit}, ${from}::timestamptz AT TIME ZONE 'UTC'),
      date_trunc(${unit}, (${to}::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC'),
      ${step}::interval) AS g(start)`;
}

/** The length of a bucket, as a Postgres interval literal. */
export function bucketStep(interval: SeriesInterval): string {
  return BUCKETS[interval].step;
}

/** What every series checks first: `to` after `from`, at most MAX_SERIES_BUCKETS buckets. */
export function checkSeriesRange(from: Date, to: Date, interval: SeriesInterval): void {
  if (to.getTime() <= from.getTime()) throw new BadUserInputError("`to` must be after `from`", "to");
  const n = bucketCount(from, to, interval);
  if (n > MAX_SERIES_BUCKETS) {
    throw new BadUserInputError(
      `The series would have ${n} ${interval} buckets, more than ${MAX_SERIES_BUCKETS}: use a coarser interval or a shorter range`,
      "interval",
    );
  }
}

/** `Metric.series` as known at `k`: validated here, then one statement for every metric asking the same range. */
export function metricSeries(ctx: Context, metric: Metric, from: Date, to: Date, interval: SeriesInterval, k: KnownAt): Promise<SeriesPoint[]> {
  checkSeriesRange(from, to, interval);
  const name = `value.metric.series:${from.toISOString()}:${to.toISOString()}:${interval}:${k?.getTime() ?? "now"}`;
  return ctx.loaders
    .get<string, SeriesPoint[]>(name, async (ids) => {
      const { text, values } = seriesSql(ids, from, to, interval, k).toQuery();
      const rows: Array<{ metric_id: string; start: Date; count: number; value: number | null }> = await ctx.dataSource.query(text, values);
      const byMetric = new Map<string, SeriesPoint[]>(ids.map((id) => [id, []]));
      for (const r of rows) byMetric.get(r.metric_id)?.push({ start: r.start, value: r.value, count: r.count });
      return ids.map((id) => byMetric.get(id) ?? []);
    })
    .load(metric.rowId);
}
