import { DataSource } from "typeorm";
import { Context } from "../context";
import { raw, Sql, sql } from "../database/sql";
import { NotFoundError } from "../errors";
import { forecast, NO_FORECAST, ProgressStatus } from "./progress";
import { fitJoin, progressJoins } from "./progress.sql";
import { HypothesisProgress } from "./progress.types";

/** Fields that need the least-squares fit; without them the range scan is skipped. */
export const FORECAST_FIELDS = ["forecastAtTarget", "forecastRatio", "forecastAchievedAt"] as const;

interface ProgressRow {
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

/** One statement for a whole batch of hypotheses: one row per id found. */
export function progressSql(ids: readonly string[], asOf: Date, withForecast: boolean): Sql {
  return sql`SELECT h.id, h.baseline, h.target, h.baseline_at,
      cur.value AS current, cur.observed_at AS current_observed_at, pr.ratio, pr.expected_ratio, pr.status
      ${withForecast ? raw(", fit.distinct_times, fit.slope, fit.intercept, fit.x_target") : raw("")}
    FROM unnest(${ids}::uuid[]) AS k(id)
    JOIN outcome_hypothesis h ON h.id = k.id
    ${progressJoins(asOf)}
    ${withForecast ? fitJoin(asOf) : raw("")}`;
}

function toProgress(row: ProgressRow, asOf: Date, withForecast: boolean): HypothesisProgress {
  const f =
    withForecast && row.x_target !== undefined
      ? forecast(
          { baseline: row.baseline, target: row.target, baselineAt: row.baseline_at },
          { distinctTimes: row.distinct_times ?? 0, slope: row.slope ?? null, intercept: row.intercept ?? null, xTarget: row.x_target },
        )
      : NO_FORECAST;
  return Object.assign(new HypothesisProgress(), {
    asOf,
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
  asOf: Date,
  withForecast: boolean,
): Promise<Array<HypothesisProgress | Error>> {
  const { text, values } = progressSql(ids, asOf, withForecast).toQuery();
  const rows: ProgressRow[] = await dataSource.query(text, values);
  const byId = new Map(rows.map((r) => [r.id, toProgress(r, asOf, withForecast)]));
  return ids.map((id) => byId.get(id) ?? new NotFoundError("Outcome hypothesis not found"));
}

/**
 * `OutcomeHypothesis.progress`: batched per request, asOf and forecast need, so a page of
 * hypotheses costs one statement.
 */
export function hypothesisProgress(ctx: Context, hypothesisId: string, asOf: Date, withForecast: boolean): Promise<HypothesisProgress> {
  const loader = ctx.loaders.get<string, HypothesisProgress>(`value.progress:${asOf.toISOString()}:${withForecast}`, (ids) =>
    loadProgress(ctx.dataSource, ids, asOf, withForecast),
  );
  return loader.load(hypothesisId);
}
