import { DataSource } from "typeorm";
import { Context } from "../context";
import { PageExtension } from "../common/page";
import { keepPrefetched, prefetched } from "../common/prefetch";
import { COUNTED_STATES_SQL, OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { raw, Sql, sql } from "../database/sql";
import { NotFoundError } from "../errors";
import { Forecast, forecast, NO_FORECAST, ProgressStatus } from "./progress";
import { fitJoin, progressJoins } from "./progress.sql";
import { HypothesisProgress } from "./progress.types";
import { tableAt } from "../database/known-at";
import { timeKey, ValueTime } from "./as-of";

/** Fields that need the least-squares fit; without them the range scan is skipped. */
const FORECAST_FIELDS = ["forecastAtTarget", "forecastRatio", "forecastAchievedAt"] as const;

/** Whether a `progress` selection (the names of its fields) asks for a forecast field. */
export function selectsForecast(fields: ReadonlySet<string>): boolean {
  return FORECAST_FIELDS.some((f) => fields.has(f));
}

export interface ProgressRow {
  id: string;
  baseline: number;
  target: number;
  baseline_at: Date;
  current: number | null;
  current_observed_at: Date | null;
  ratio: number | null;
  expected_ratio: number;
  status: ProgressStatus;
  distinct_times?: number;
  slope?: number | null;
  intercept?: number | null;
  x_target?: number;
}

/** The line fit's columns, from fitJoin (read by fittedForecast). */
export const FIT_COLUMNS = raw("fit.distinct_times, fit.slope, fit.intercept, fit.x_target");

/** The columns of a ProgressRow beyond the hypothesis's own, from progressJoins (and fitJoin). */
function progressColumns(withForecast: boolean): Sql {
  const columns = raw("cur.value AS current, cur.observed_at AS current_observed_at, pr.ratio, pr.expected_ratio, pr.status");
  return withForecast ? sql`${columns}, ${FIT_COLUMNS}` : columns;
}

/** The joins that give rows `alias` their progress as of `t` (progressJoins), and the line fit when a forecast is asked for. */
export function progressFrom(t: ValueTime, withForecast: boolean, alias: string): Sql {
  return sql`${progressJoins(t.asOf, t.knownAt, alias)} ${withForecast ? fitJoin(t.asOf, t.knownAt, alias) : raw("")}`;
}

/** The forecast of a row with the hypothesis's baseline, target, baseline_at and FIT_COLUMNS; none without the fit. */
export function fittedForecast(
  row: Pick<ProgressRow, "baseline" | "target" | "baseline_at" | "distinct_times" | "slope" | "intercept" | "x_target">,
): Forecast {
  if (row.x_target === undefined) return NO_FORECAST;
  return forecast(
    { baseline: row.baseline, target: row.target, baselineAt: row.baseline_at },
    { distinctTimes: row.distinct_times ?? 0, slope: row.slope ?? null, intercept: row.intercept ?? null, xTarget: row.x_target },
  );
}

/** The counted hypotheses of one initiative with their progress and forecast, in creation order (a decision's evidence). */
export function countedProgressSql(initiativeId: string, t: ValueTime): Sql {
  return sql`SELECT h.id, h.statement, h.baseline, h.target, h.baseline_at, ${progressColumns(true)}
    FROM ${tableAt("outcome_hypothesis", t.knownAt)} h
    ${progressFrom(t, true, "h")}
    WHERE h.initiative_id = ${initiativeId}::uuid AND h.state IN ${COUNTED_STATES_SQL}
    ORDER BY h.created_at, h.id`;
}

/** One statement for a whole batch of hypotheses: one row per id found. */
function progressSql(ids: readonly string[], t: ValueTime, withForecast: boolean): Sql {
  return sql`SELECT h.id, h.baseline, h.target, h.baseline_at, ${progressColumns(withForecast)}
    FROM unnest(${ids}::uuid[]) AS k(id)
    JOIN ${tableAt("outcome_hypothesis", t.knownAt)} h ON h.id = k.id
    ${progressFrom(t, withForecast, "h")}`;
}

function prefetchKey(t: ValueTime, withForecast: boolean): string {
  return `progress:${timeKey(t)}:${withForecast}`;
}

/** A HypothesisProgress from a row of progress columns (and the hypothesis's baseline, target, baseline_at). */
export function toProgress(row: ProgressRow, t: ValueTime, withForecast: boolean): HypothesisProgress {
  const f = withForecast ? fittedForecast(row) : NO_FORECAST;
  return Object.assign(new HypothesisProgress(), {
    asOf: t.asOf,
    knownAt: t.reported,
    current: row.current,
    currentObservedAt: row.current_observed_at,
    ratio: row.ratio,
    expectedRatio: row.expected_ratio,
    status: row.status,
    ...f,
  });
}

async function loadProgress(
  dataSource: DataSource,
  ids: readonly string[],
  t: ValueTime,
  withForecast: boolean,
): Promise<Array<HypothesisProgress | Error>> {
  const { text, values } = progressSql(ids, t, withForecast).toQuery();
  const rows: ProgressRow[] = await dataSource.query(text, values);
  const byId = new Map(rows.map((r) => [r.id, toProgress(r, t, withForecast)]));
  return ids.map((id) => byId.get(id) ?? new NotFoundError("Outcome hypothesis not found"));
}

/**
 * `OutcomeHypothesis.progress`: computed by the page statement that loaded the hypothesis
 * when its connection saw the field selected (progressExtension), otherwise batched per
 * request, asOf and forecast need, so a page of hypotheses costs one more statement.
 */
export function hypothesisProgress(
  ctx: Context,
  hypothesis: OutcomeHypothesis,
  t: ValueTime,
  withForecast: boolean,
): HypothesisProgress | Promise<HypothesisProgress> {
  const known = prefetched<HypothesisProgress>(hypothesis, prefetchKey(t, withForecast));
  if (known) return known;
  const loader = ctx.loaders.get<string, HypothesisProgress>(`value.progress:${timeKey(t)}:${withForecast}`, (ids) =>
    loadProgress(ctx.dataSource, ids, t, withForecast),
  );
  return loader.load(hypothesis.rowId);
}

/** The same progress computed inside a page of hypotheses (alias `x`), kept on each node. */
export function progressExtension(t: ValueTime, withForecast: boolean): PageExtension<OutcomeHypothesis> {
  const key = prefetchKey(t, withForecast);
  return {
    // the forecast also reads the hypothesis's own numbers, which the page may not select
    columns: withForecast ? sql`${progressColumns(true)}, x.baseline, x.target, x.baseline_at` : progressColumns(false),
    joins: progressFrom(t, withForecast, "x"),
    attach: (node, row) => keepPrefetched(node, key, toProgress(row as unknown as ProgressRow, t, withForecast)),
  };
}
