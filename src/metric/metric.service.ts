import { Context } from "../context";
import { KnownAt } from "../database/known-at";
import { OrderDirection } from "../common/connection";
import { containsPattern } from "../common/order";
import { fetchPage, fetchPageOfParent, ListQuery, PagePlan } from "../common/page";
import { Sql, sql } from "../database/sql";
import { changesFrom } from "../database/write";
import { hasSqlState, PG_UNIQUE_VIOLATION } from "../database/db-errors";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { requirePortfolioKey } from "../portfolio/portfolio.service";
import { subtreeIds, subtreeOf } from "../common/portfolio-tree";
import { Metric, METRIC_COLUMNS } from "./metric.entity";
import { PortfolioRole } from "../access/roles";
import { CreateMetricInput, MetricFilter, MetricOrder, MetricOrderField, UpdateMetricInput } from "./metric.inputs";

const SORT: Record<MetricOrderField, string> = {
  KEY: "t.key",
  NAME: "t.name",
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
};

function listQuery(k: KnownAt, filter: MetricFilter | null | undefined, order: MetricOrder | null | undefined): ListQuery<Metric> {
  const conditions: Sql[] = [];
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(filter.includeDescendants ? sql`t.portfolio_id IN ${subtreeIds(key, k)}` : sql`t.portfolio_id = ${key}::uuid`);
  }
  if (filter?.keys?.length) conditions.push(sql`t.key = ANY(${filter.keys}::text[])`);
  if (filter?.direction) conditions.push(sql`t.direction = ${filter.direction}`);
  if (filter?.search) {
    const p = containsPattern(filter.search);
    conditions.push(sql`(t.key ILIKE ${p} OR t.name ILIKE ${p})`);
  }
  return {
    entity: Metric,
    conditions,
    sort: SORT[order?.field ?? MetricOrderField.KEY],
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

export function listMetrics(ctx: Context, filter: MetricFilter | null, order: MetricOrder | null, plan: PagePlan<Metric>) {
  return fetchPage(ctx, listQuery(ctx.knownAt, filter, order), plan);
}

/** `Portfolio.metrics` for every portfolio on the page in one statement (its own, or its subtree's). */
export function metricsOf(ctx: Context, portfolioId: string, filter: MetricFilter | null, order: MetricOrder | null, plan: PagePlan<Metric>) {
  const own = filter ? { ...filter, portfolioId: null, includeDescendants: false } : null;
  const link = filter?.includeDescendants ? (p: Sql) => sql`t.portfolio_id IN ${subtreeOf(sql`ARRAY[${p}]`, ctx.knownAt)}` : "portfolio_id";
  return fetchPageOfParent(ctx, listQuery(ctx.knownAt, own, order), plan, link, portfolioId);
}

export function metricLoader(ctx: Context) {
  return ctx.loaders.byId(Metric);
}

export function findMetric(ctx: Context, id: string): Promise<Metric | null> {
  return metricLoader(ctx).load(expectGlobalId(id, "Metric", "id"));
}

/** Metrics by their script handle, batched like any relation. */
export function findMetricByKey(ctx: Context, key: string): Promise<Metric | null> {
  return ctx.loaders.byColumn(Metric, "key", "text").load(key);
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
    const changes = { ...changesFrom(METRIC_COLUMNS, input, {}, "create", "input"), portfolioId };
    return await ctx.write((tx) => tx.insert(Metric, changes));
  } catch (e) {
    if (hasSqlState(e, PG_UNIQUE_VIOLATION, "metric_key_unique")) {
      throw new ConflictError(`A metric with key "${input.key}" already exists`, "input.key");
    }
    throw e;
  }
}

export async function updateMetric(ctx: Context, input: UpdateMetricInput): Promise<Metric> {
  const id = expectGlobalId(input.id, "Metric", "input.id");
  if (input.portfolioId === null) throw new BadUserInputError("portfolioId cannot be null", "input.portfolioId");
  const changes = changesFrom(METRIC_COLUMNS, input, { id: true, expectedVersion: true }, "update", "input");
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await metricLoader(ctx).load(id);
  if (!existing) throw new NotFoundError("Metric not found", "input.id");
  await ctx.access.require(existing.portfolioId, PortfolioRole.OWNER, "Metric", "input.id", true);
  const portfolioId = input.portfolioId ? await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId") : undefined;
  if (portfolioId) await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  return ctx.write(async (tx) => {
    const current = await tx.lock(Metric, id, "input", input.expectedVersion);
    if (current.portfolioId !== existing.portfolioId) {
      await ctx.access.require(current.portfolioId, PortfolioRole.OWNER, "Metric", "input.id", true);
    }
    if (input.direction && input.direction !== current.direction) {
      const [{ used }] = await tx.query<{ used: boolean }>("SELECT EXISTS (SELECT 1 FROM outcome_hypothesis WHERE metric_id = $1) AS used", [id]);
      if (used) {
        throw new BadUserInputError("The direction of a metric that hypotheses use cannot change", "input.direction");
      }
    }
    return tx.update(Metric, current, { ...changes, portfolioId });
  });
}
