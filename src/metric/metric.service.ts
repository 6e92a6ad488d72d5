import { Context } from "../context";
import { OrderDirection, PageArgs } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, pageForParent, ListQuery } from "../common/keyset";
import { Sql, sql } from "../database/sql";
import { insertRow, lockForUpdate, updateRow } from "../database/rows";
import { hasSqlState, PG_UNIQUE_VIOLATION } from "../database/db-errors";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { expectGlobalId } from "../node/global-id";
import { requirePortfolioKey } from "../portfolio/portfolio.service";
import { subtreeIds } from "../portfolio/portfolio.sql";
import { Metric } from "./metric.entity";
import { PortfolioRole } from "../auth/auth.entity";
import { CreateMetricInput, MetricFilter, MetricOrder, MetricOrderField, UpdateMetricInput } from "./metric.inputs";

const SORT: Record<MetricOrderField, string> = {
  KEY: "t.key",
  NAME: "t.name",
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
};

function listQuery(filter: MetricFilter | null | undefined, order: MetricOrder | null | undefined): ListQuery<Metric> {
  const conditions: Sql[] = [];
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(filter.includeDescendants ? sql`t.portfolio_id IN ${subtreeIds(key)}` : sql`t.portfolio_id = ${key}::uuid`);
  }
  if (filter?.keys?.length) conditions.push(sql`t.key = ANY(${filter.keys}::text[])`);
  if (filter?.direction) conditions.push(sql`t.direction = ${filter.direction}`);
  if (filter?.search) {
    const p = containsPattern(filter.search);
    conditions.push(sql`(t.key ILIKE ${p} OR t.name ILIKE ${p})`);
  }
  return {
    entity: Metric,
    table: "metric",
    conditions,
    sort: SORT[order?.field ?? MetricOrderField.KEY],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listMetrics(ctx: Context, filter: MetricFilter | null, order: MetricOrder | null, page: PageArgs, columns: string[] | null = null) {
  return fetchPage(ctx, listQuery(filter, order), page, columns);
}

/** `Portfolio.metrics` for every portfolio on the page in one statement. */
export function metricsOf(ctx: Context, portfolioId: string, filter: MetricFilter | null, order: MetricOrder | null, page: PageArgs) {
  return pageForParent(ctx, "Portfolio.metrics", [filter, order, page], listQuery(filter, order), "portfolio_id", portfolioId, page);
}

export function metricLoader(ctx: Context) {
  return ctx.loaders.byId(Metric, "metric");
}

export function findMetric(ctx: Context, id: string): Promise<Metric | null> {
  return metricLoader(ctx).load(expectGlobalId(id, "Metric", "id"));
}

/** Metrics by their script handle, batched like any relation. */
export function findMetricByKey(ctx: Context, key: string): Promise<Metric | null> {
  return ctx.loaders.byColumn(Metric, "metric", "key", "text").load(key);
}

/** Row key of a referenced metric that must exist; NOT_FOUND names the input field. */
export async function requireMetric(ctx: Context, id: string, field: string): Promise<Metric> {
  const metric = await metricLoader(ctx).load(expectGlobalId(id, "Metric", field));
  if (!metric) throw new NotFoundError(`Metric ${id} not found`, field);
  return metric;
}

export async function createMetric(ctx: Context, input: CreateMetricInput): Promise<Metric> {
  const portfolioId = await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId");
  await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  try {
    return await ctx.dataSource.transaction((em) =>
      insertRow(em, Metric, "metric", {
        key: input.key,
        name: input.name,
        description: input.description,
        unit: input.unit,
        direction: input.direction,
        aggregation: input.aggregation ?? undefined,
        cadence: input.cadence,
        portfolioId,
      }),
    );
  } catch (e) {
    if (hasSqlState(e, PG_UNIQUE_VIOLATION, "metric_key_unique")) {
      throw new ConflictError(`A metric with key "${input.key}" already exists`, "input.key");
    }
    throw e;
  }
}

export async function updateMetric(ctx: Context, input: UpdateMetricInput): Promise<Metric> {
  const id = expectGlobalId(input.id, "Metric", "input.id");
  for (const field of ["name", "direction", "aggregation", "portfolioId"] as const) {
    if (input[field] === null) throw new BadUserInputError(`${field} cannot be null`, `input.${field}`);
  }
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await metricLoader(ctx).load(id);
  if (!existing) throw new NotFoundError("Metric not found", "input.id");
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Metric", "input.id", true);
  const portfolioId = input.portfolioId ? await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId") : undefined;
  if (portfolioId) await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  return ctx.dataSource.transaction(async (em) => {
    const current = await lockForUpdate(em, Metric, "metric", id, input.expectedVersion, "Metric");
    if (current.portfolioId !== existing.portfolioId) {
      await ctx.access.require(current.portfolioId, PortfolioRole.OWNER, "Metric", "input.id", true);
    }
    if (input.direction && input.direction !== current.direction) {
      const [{ used }] = await em.query("SELECT EXISTS (SELECT 1 FROM outcome_hypothesis WHERE metric_id = $1) AS used", [id]);
      if (used) {
        throw new BadUserInputError("The direction of a metric that hypotheses use cannot change", "input.direction");
      }
    }
    return updateRow(em, Metric, "metric", id, {
      name: input.name,
      description: input.description,
      unit: input.unit,
      direction: input.direction,
      aggregation: input.aggregation,
      cadence: input.cadence,
      portfolioId,
    });
  });
}
