import { raw, Sql, sql } from "../database/sql";
import { AT_RISK_SLACK, ON_TRACK_SLACK } from "./progress";
import { KnownAt, recordTime, tableAt } from "../database/known-at";

/**
 * DOMAIN.md's weightedProgress over rows carrying `weight` and `clamped_ratio` (from
 * progressJoins): Σ wᵢ·clamp(rᵢ) / Σ wᵢ over those with data; NULL when none has data.
 * Shared by the value summaries and the re-prioritization signals.
 */
export const WEIGHTED_PROGRESS_SQL = raw("sum(weight * clamped_ratio) / nullif(sum(weight) FILTER (WHERE clamped_ratio IS NOT NULL), 0)");

/**
 * A measurement `m` counts unless it was retracted; the covering index is partial on the same
 * condition, so lookups that state it stay index-only.
 */
export const COUNTS = raw("m.retracted_at IS NULL");

/**
 * The measurements `m` as known at `k` (null: now): at a past k, `measurement_at(k)`, the
 * states that counted then; COUNTS holds for all of those.
 */
export function measurementsAt(k: KnownAt): Sql {
  return sql`${tableAt("measurement", k)} m`;
}

/** measurement_revision's column for each column of measurement (a revision is never a retracted state that counts). */
function asRevision(column: string): string {
  if (column === "id") return "m.measurement_id AS id";
  if (column === "retracted_at") return "NULL::timestamptz AS retracted_at";
  if (column === "retracted_by") return "NULL::text AS retracted_by";
  return `m.${column}`;
}

const LATEST_FIRST = "ORDER BY m.observed_at DESC, m.recorded_at DESC, m.id DESC LIMIT 1";

/** The instants a lookup is limited to (inclusive): it is walked quarter by quarter (see latestFirstByQuarter). */
export interface ObservedWindow {
  from: Sql;
  to: Sql;
}

/** Quarters walked one by one from the end of a window; anything older is one merged probe. */
const WALKED_QUARTERS = 8;

/**
 * The first row `probe(extra)` (a latest-first LIMIT 1 statement over `m`, with `extra`
 * added to its conditions) finds in `window`, trying the quarters (UTC) from the window's
 * last down, each as [lo, hi), for WALKED_QUARTERS quarters, then the rest at once.
 * Measurements are partitioned by quarter of observed_at (migration PartitionMeasurements), so
 * each try reads one partition's index and the walk stops at the first quarter with a row:
 * one or two index descents for a metric with recent data. One ORDER BY … LIMIT 1 over the
 * whole window instead merges the first row of every partition in it (the default partition
 * keeps the planner from reading them in order): one descent per quarter, which made a
 * portfolio rollup over two years of quarters three times slower. The bound keeps a window
 * of decades from costing a try per quarter.
 * Order is what the plan gives: generate_series' rows, kept by the nested loop a lateral
 * reference requires, then the UNION ALL branches in turn; LIMIT 1 takes the first row.
 */
function latestFirstByQuarter(window: ObservedWindow, probe: (extra: Sql) => Sql): Sql {
  const top = sql`date_trunc('quarter', ${window.to} AT TIME ZONE 'UTC')`;
  const edge = sql`(${top} - ${raw(`interval '${3 * (WALKED_QUARTERS - 1)} months'`)})`;
  return sql`SELECT * FROM (
      (SELECT w.* FROM generate_series(${top}, greatest(date_trunc('quarter', ${window.from} AT TIME ZONE 'UTC'), ${edge}), interval '-3 months') AS q(start)
        CROSS JOIN LATERAL (${probe(raw(" AND m.observed_at >= (q.start AT TIME ZONE 'UTC') AND m.observed_at < ((q.start + interval '3 months') AT TIME ZONE 'UTC')"))}) w
        LIMIT 1)
      UNION ALL
      (${probe(sql` AND m.observed_at < (${edge} AT TIME ZONE 'UTC')`)})
    ) w LIMIT 1`;
}

/**
 * The latest counted measurement (greatest observed_at, then recorded_at, then id) among
 * those matching `cond` (over alias `m`, on the natural key and retracted_at only), as known
 * at `k`, with `columns` of measurement. Now: one backward step of the partial covering
 * index. At a past k: the latest of each half of measurement_at(k) — the rows recorded by k
 * and the revisions current at k — each one backward index step, then the later of the two
 * (the planner sorts a plain UNION of the two halves whole, which is 15× slower). With a
 * `window` that `cond` limits observed_at to, each half is walked quarter by quarter.
 */
export function latestCounted(k: KnownAt, cond: Sql, columns: readonly string[], window?: ObservedWindow): Sql {
  const cols = raw(columns.map((c) => `m.${c}`).join(", "));
  const walked = (half: (extra: Sql) => Sql) => (window ? latestFirstByQuarter(window, half) : half(raw("")));
  const current = (since: Sql, extra: Sql) => sql`SELECT ${cols} FROM measurement m WHERE ${cond} AND ${COUNTS}${since}${extra} ${raw(LATEST_FIRST)}`;
  if (k === null) return walked((extra) => current(raw(""), extra));
  const revision = raw(columns.map(asRevision).join(", "));
  return sql`SELECT * FROM (
      (${walked((extra) => current(sql` AND m.recorded_at <= ${recordTime(k)}`, extra))})
      UNION ALL
      (${walked(
        (extra) => sql`SELECT ${revision} FROM measurement_revision m
          WHERE ${cond} AND ${COUNTS} AND m.recorded_at <= ${recordTime(k)} AND m.superseded_at > ${recordTime(k)}${extra}
          ORDER BY m.observed_at DESC, m.recorded_at DESC, m.measurement_id DESC LIMIT 1`,
      )})
    ) m ${raw(LATEST_FIRST)}`;
}

/** The measurements of hypothesis row `h` observed in [baselineAt, asOf] (those that count also satisfy COUNTS). */
function inWindow(asOf: Date | Sql, h: Sql): Sql {
  return sql`m.metric_id = ${h}.metric_id AND m.observed_at >= ${h}.baseline_at AND m.observed_at <= ${asOf}::timestamptz`;
}

/** inWindow's bounds, for the quarter walk. */
function windowOf(asOf: Date | Sql, h: Sql): ObservedWindow {
  return { from: sql`${h}.baseline_at`, to: sql`${asOf}::timestamptz` };
}

/**
 * Joins that add the progress of every row `h` (or `alias`: any relation with metric_id,
 * baseline, target, baseline_at and target_date) as of `asOf` (an instant, or a column of each
 * row such as a bucket's end), from the measurements known at `k`:
 *   cur.value, cur.observed_at                          the current measurement (or NULL),
 *   pr.ratio, pr.expected_ratio, pr.status              per DOMAIN.md's rules,
 *   pr.clamped_ratio                                    clamp(ratio, 0, 1), NULL without data.
 *
 * The current value is ONE backward step of measurement_metric_observed_idx
 * (metric_id, observed_at, recorded_at, id) INCLUDE (value): an index-only scan that stops
 * at the first row, so a rollup costs one index descent per hypothesis whatever the history.
 *
 * expectedRatio is computed on whole milliseconds converted exactly to float8, so it is the
 * same double a JS client computes from the same instants; ratio uses the same float8
 * operations as JS. Status thresholds therefore agree with JS to the last bit.
 */
export function progressJoins(asOf: Date | Sql, k: KnownAt, alias = "h"): Sql {
  const h = raw(alias);
  return sql`
    LEFT JOIN LATERAL (${latestCounted(k, inWindow(asOf, h), ["value", "observed_at", "recorded_at", "id"], windowOf(asOf, h))}) cur ON true
    CROSS JOIN LATERAL (
      SELECT (cur.value - ${h}.baseline) / (${h}.target - ${h}.baseline) AS ratio,
        greatest(0::float8, least(1::float8,
          ((extract(epoch FROM ${asOf}::timestamptz) - extract(epoch FROM ${h}.baseline_at)) * 1000)::float8
          / ((extract(epoch FROM ${h}.target_date) - extract(epoch FROM ${h}.baseline_at)) * 1000)::float8)) AS expected_ratio
      -- a fence: computed once per row, not re-inlined into every use of status (2× faster rollups)
      OFFSET 0
    ) r
    CROSS JOIN LATERAL (
      SELECT r.ratio, r.expected_ratio,
        -- not greatest/least alone: they skip NULLs, which would turn "no data" into 1
        CASE WHEN r.ratio IS NOT NULL THEN greatest(0::float8, least(1::float8, r.ratio)) END AS clamped_ratio,
        CASE
          WHEN cur.value IS NULL THEN 'NO_DATA'
          WHEN r.ratio >= 1 THEN 'ACHIEVED'
          WHEN ${asOf}::timestamptz > ${h}.target_date THEN 'MISSED'
          WHEN r.ratio >= r.expected_ratio - ${raw(String(ON_TRACK_SLACK))}::float8 THEN 'ON_TRACK'
          WHEN r.ratio >= r.expected_ratio - ${raw(String(AT_RISK_SLACK))}::float8 THEN 'AT_RISK'
          ELSE 'OFF_TRACK'
        END AS status
    ) pr`;
}

/**
 * Adds fit.distinct_times, fit.slope, fit.intercept, fit.x_target: ordinary least squares of
 * value on x = seconds since baselineAt over the same window. A forward range scan of the
 * same index (index-only), so only asked for when a forecast field is selected.
 */
export function fitJoin(asOf: Date, k: KnownAt, alias = "h"): Sql {
  const h = raw(alias);
  return sql`
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT m.observed_at)::int AS distinct_times,
        regr_slope(m.value, extract(epoch FROM m.observed_at - ${h}.baseline_at)::float8) AS slope,
        regr_intercept(m.value, extract(epoch FROM m.observed_at - ${h}.baseline_at)::float8) AS intercept,
        extract(epoch FROM ${h}.target_date - ${h}.baseline_at)::float8 AS x_target
      FROM ${measurementsAt(k)}
      WHERE ${inWindow(asOf, h)} AND ${COUNTS}
    ) fit`;
}
