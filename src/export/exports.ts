import { Context } from "../context";
import { Sql, sql, where } from "../database/sql";
import { pastOnly, tableAt } from "../database/known-at";
import { encodeGlobalId } from "../common/global-id";
import { BadUserInputError, NotFoundError } from "../errors";
import { HypothesisState } from "../hypothesis/hypothesis.entity";
import { ProgressStatus } from "../value/progress";
import { valueTime } from "../value/as-of";
import { valueReportStatement } from "../value/report.service";
import { ValueReportRow } from "../value/report.types";
import { metricSeries } from "../value/metric-value.service";
import { SeriesInterval } from "../value/metric-value";
import { findMetricByKey } from "../metric/metric.service";
import { measurementConditions } from "../measurement/measurement.service";
import { Column } from "./format";
import { Params } from "./params";

/** What an export reads: a statement streamed from a cursor, or rows computed at once (small, bounded exports). */
export type ExportSource<T> = { statement: Sql; toRow: (row: Record<string, any>) => T } | { rows: T[] };

export interface ExportDefinition<T> {
  /** The GraphQL field the export mirrors, for the docs and error messages. */
  mirrors: string;
  columns: readonly Column<T>[];
  open(ctx: Context, params: Params): Promise<ExportSource<T>>;
}

const col = <T>(name: keyof T & string): Column<T> => ({ name, value: (row) => row[name] as never });

/** `valueReport`: the same rows, columns and order as its pages, with the same arguments. */
const valueReport: ExportDefinition<ValueReportRow> = {
  mirrors: "valueReport",
  columns: (
    [
      "asOf",
      "knownAt",
      "portfolioId",
      "portfolioName",
      "portfolioPath",
      "initiativeId",
      "initiativeName",
      "stage",
      "tags",
      "budget",
      "actualCost",
      "hypothesisId",
      "statement",
      "state",
      "weight",
      "metricKey",
      "metricName",
      "metricUnit",
      "baseline",
      "baselineAt",
      "target",
      "targetDate",
      "current",
      "ratio",
      "expectedRatio",
      "status",
      "expectedBenefit",
      "realizedBenefit",
      "forecastAtTarget",
      "forecastRatio",
      "forecastAchievedAt",
    ] as const
  ).map((name) => col<ValueReportRow>(name)),
  async open(ctx, p) {
    const portfolioId = p.string("portfolioId");
    const time = valueTime(ctx, p.date("asOf"), p.date("knownAt"));
    const filter = {
      states: p.listOf("states", HypothesisState),
      statuses: p.listOf("statuses", ProgressStatus),
      metricKey: p.string("metricKey"),
      initiativeId: p.string("initiativeId"),
    };
    p.rejectUnknown();
    return valueReportStatement(ctx, portfolioId, time, filter);
  },
};

/** A measurement as exported: the Measurement fields, with its metric's key. */
export interface MeasurementRow {
  id: string;
  metricKey: string;
  observedAt: Date;
  value: number;
  source: string;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  retractedAt: Date | null;
  retractedBy: string | null;
}

/**
 * `Metric.measurements` over one or many metrics (every visible one when `metricKey` is not
 * given), ordered by metric key, then observedAt, recordedAt: each metric is one range scan
 * of its index, already in order, so nothing is sorted in memory.
 */
const measurements: ExportDefinition<MeasurementRow> = {
  mirrors: "Metric.measurements",
  columns: (["id", "metricKey", "observedAt", "value", "source", "note", "recordedAt", "recordedBy", "retractedAt", "retractedBy"] as const).map(
    (name) => col<MeasurementRow>(name),
  ),
  async open(ctx, p) {
    const keys = p.list("metricKey");
    const filter = {
      from: p.date("from"),
      to: p.date("to"),
      sources: p.list("sources"),
      includeRetracted: p.bool("includeRetracted", false),
      corrected: p.bool("corrected", null),
    };
    const k = pastOnly(p.date("knownAt"), ctx.now);
    p.rejectUnknown();
    const metricConditions: Sql[] = [];
    const visible = await ctx.access.condition("metric", "mt");
    if (visible) metricConditions.push(visible);
    if (keys) metricConditions.push(sql`mt.key = ANY(${keys}::text[])`);
    // the same filter as Metric.measurements; parameters are named without the `filter.` prefix
    const conditions: Sql[] = [sql`m.metric_id = mt.id`, ...measurementConditions(filter, "m", "")];
    const statement = sql`SELECT m.id, mt.key AS metric_key, m.observed_at, m.value, m.source, m.note, m.recorded_at, m.recorded_by,
        m.retracted_at, m.retracted_by
      FROM (SELECT mt.id, mt.key FROM ${tableAt("metric", k)} mt ${where(metricConditions)}) mt
      CROSS JOIN LATERAL (
        SELECT * FROM ${tableAt("measurement", k)} m ${where(conditions)} ORDER BY m.observed_at, m.recorded_at, m.id
      ) m
      ORDER BY mt.key, m.observed_at, m.recorded_at, m.id`;
    return {
      statement,
      toRow: (r) => ({
        id: encodeGlobalId("Measurement", String(r.id)),
        metricKey: r.metric_key,
        observedAt: r.observed_at,
        value: r.value,
        source: r.source,
        note: r.note,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        retractedAt: r.retracted_at,
        retractedBy: r.retracted_by,
      }),
    };
  },
};

/** A bucket of a metric's series, with the metric's key. */
export interface SeriesRow {
  metricKey: string;
  start: Date;
  value: number | null;
  count: number;
}

/** `Metric.series` for one or more metrics: the same buckets, limits and errors. */
const series: ExportDefinition<SeriesRow> = {
  mirrors: "Metric.series",
  columns: (["metricKey", "start", "value", "count"] as const).map((name) => col<SeriesRow>(name)),
  async open(ctx, p) {
    const keys = p.list("metricKey");
    const from = p.date("from");
    const to = p.date("to");
    const interval = p.oneOf("interval", SeriesInterval);
    const k = valueTime(ctx, null, p.date("knownAt")).knownAt;
    p.rejectUnknown();
    if (!keys?.length) throw new BadUserInputError("metricKey is required", "metricKey");
    if (!from) throw new BadUserInputError("from is required", "from");
    if (!to) throw new BadUserInputError("to is required", "to");
    if (!interval) throw new BadUserInputError("interval is required", "interval");
    const rows: SeriesRow[] = [];
    for (const key of keys) {
      const metric = await findMetricByKey(ctx, key);
      if (!metric) throw new NotFoundError(`Metric ${key} not found`, "metricKey");
      for (const point of await metricSeries(ctx, metric, from, to, interval, k)) rows.push({ metricKey: key, ...point });
    }
    return { rows };
  },
};

export const EXPORTS: Record<string, ExportDefinition<any>> = {
  "value-report": valueReport,
  measurements,
  series,
};
