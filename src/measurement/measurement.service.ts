import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { hydrateAll } from "../database/hydrate";
import { raw, Sql, sql } from "../database/sql";
import { BadUserInputError } from "../errors";
import { Measurement, MeasurementRevision } from "./measurement.entity";
import { MeasurementFilter, MeasurementOrder, MeasurementOrderField } from "./measurement.inputs";

const SORT: Record<MeasurementOrderField, string> = {
  OBSERVED_AT: "t.observed_at",
  RECORDED_AT: "t.recorded_at",
};

/**
 * The conditions of a MeasurementFilter over measurement rows `alias`: Metric.measurements
 * and the measurements export apply the same ones. `field` prefixes the names in errors.
 */
export function measurementConditions(filter: MeasurementFilter | null, alias: string, field = "filter."): Sql[] {
  const t = raw(alias);
  const conditions: Sql[] = [];
  if (filter?.from && filter?.to && filter.to <= filter.from) {
    throw new BadUserInputError(`${field}to must be after ${field}from`, `${field}to`);
  }
  if (filter?.from) conditions.push(sql`${t}.observed_at >= ${filter.from}`);
  if (filter?.to) conditions.push(sql`${t}.observed_at < ${filter.to}`);
  if (filter?.sources?.length) conditions.push(sql`${t}.source = ANY(${filter.sources}::text[])`);
  if (!filter?.includeRetracted) conditions.push(sql`${t}.retracted_at IS NULL`);
  if (typeof filter?.corrected === "boolean") {
    // a revision has its measurement's observed_at: naming it reads one quarter's partition, not all
    const revised = sql`EXISTS (SELECT 1 FROM measurement_revision r WHERE r.measurement_id = ${t}.id AND r.observed_at = ${t}.observed_at)`;
    conditions.push(filter.corrected ? revised : sql`NOT ${revised}`);
  }
  return conditions;
}

function listQuery(filter: MeasurementFilter | null, order: MeasurementOrder | null): ListQuery<Measurement> {
  const conditions = measurementConditions(filter, "t");
  return {
    entity: Measurement,
    conditions,
    sort: SORT[order?.field ?? MeasurementOrderField.OBSERVED_AT],
    // newest first unless asked otherwise
    direction: order?.direction ?? OrderDirection.DESC,
  };
}

/** `Metric.measurements` for every metric on the page in one statement. */
export function measurementsOf(
  ctx: Context,
  metricId: string,
  filter: MeasurementFilter | null,
  order: MeasurementOrder | null,
  plan: PagePlan<Measurement>,
): Promise<ConnectionResult<Measurement>> {
  return fetchPageOfParent(ctx, listQuery(filter, order), plan, "metric_id", metricId);
}

/** Superseded values of a measurement, oldest first, batched over the page. */
export function revisionsOf(ctx: Context, measurementId: number): Promise<MeasurementRevision[]> {
  return ctx.loaders
    .get<number, MeasurementRevision[]>("Measurement.revisions", async (ids) => {
      const rows: Record<string, unknown>[] = await ctx.dataSource.query(
        "SELECT * FROM measurement_revision WHERE measurement_id = ANY($1::bigint[]) ORDER BY measurement_id, superseded_at, id",
        [ids],
      );
      const byId = new Map<number, MeasurementRevision[]>();
      for (const r of hydrateAll(ctx.dataSource, MeasurementRevision, rows)) {
        byId.set(r.measurementId, [...(byId.get(r.measurementId) ?? []), r]);
      }
      return ids.map((id) => byId.get(Number(id)) ?? []);
    })
    .load(measurementId);
}
