import { Context } from "../context";
import { KnownAt, tableAt } from "../database/known-at";
import { OrderDirection } from "../common/connection";
import { fetchPage, fetchPageOfParent, ListQuery, PageExtension, PagePlan } from "../common/page";
import { keepPrefetched, prefetched } from "../common/prefetch";
import { hydrate, selectPrefixed } from "../database/hydrate";
import { join, Sql, sql } from "../database/sql";
import { changesFrom } from "../database/write";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { initiativeLoader, requireInitiativeKey } from "../initiative/initiative.service";
import { PortfolioRole } from "../access/roles";
import { Metric, MetricDirection } from "../metric/metric.entity";
import { requireMetric } from "../metric/metric.service";
import { subtreeIds } from "../common/portfolio-tree";
import { HYPOTHESIS_COLUMNS, OutcomeHypothesis } from "./hypothesis.entity";
import {
  CreateOutcomeHypothesisInput,
  OutcomeHypothesisFilter,
  OutcomeHypothesisOrder,
  OutcomeHypothesisOrderField,
  UpdateOutcomeHypothesisInput,
} from "./hypothesis.inputs";

const SORT: Record<OutcomeHypothesisOrderField, string> = {
  CREATED_AT: "t.created_at",
  UPDATED_AT: "t.updated_at",
  TARGET_DATE: "t.target_date",
};

function listQuery(k: KnownAt, filter: OutcomeHypothesisFilter | null | undefined, order: OutcomeHypothesisOrder | null | undefined) {
  const conditions: Sql[] = [];
  if (filter?.initiativeId) conditions.push(sql`t.initiative_id = ${expectGlobalId(filter.initiativeId, "Initiative", "filter.initiativeId")}::uuid`);
  if (filter?.metricId) conditions.push(sql`t.metric_id = ${expectGlobalId(filter.metricId, "Metric", "filter.metricId")}::uuid`);
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(sql`t.initiative_id IN (SELECT id FROM ${tableAt("initiative", k)} i WHERE portfolio_id IN ${subtreeIds(key, k)})`);
  }
  if (filter?.states?.length) conditions.push(sql`t.state = ANY(${filter.states}::text[])`);
  const q: ListQuery<OutcomeHypothesis> = {
    entity: OutcomeHypothesis,
    conditions,
    sort: SORT[order?.field ?? OutcomeHypothesisOrderField.CREATED_AT],
    direction: order?.direction ?? OrderDirection.ASC,
  };
  return q;
}

export function listHypotheses(
  ctx: Context,
  filter: OutcomeHypothesisFilter | null,
  order: OutcomeHypothesisOrder | null,
  plan: PagePlan<OutcomeHypothesis>,
) {
  return fetchPage(ctx, listQuery(ctx.knownAt, filter, order), plan);
}

const METRIC = "metric";

/**
 * The metric of every hypothesis on a page, joined into the page statement (the edge asks
 * for it when the page's nodes select `metric`; `columns`: what their selection reads;
 * `nested`: what the metric's selected fields compute over the join `hm`, e.g. latest). No
 * visibility condition is needed: a metric is visible wherever a visible hypothesis uses it.
 */
export function metricExtension(ctx: Context, columns: string[] | null, nested: readonly PageExtension<Metric>[]): PageExtension<OutcomeHypothesis> {
  return {
    columns: join([selectPrefixed(ctx.dataSource, Metric, "hm", "hm__", columns), ...nested.map((e) => e.columns)], ", "),
    joins: join([sql`JOIN ${tableAt("metric", ctx.knownAt)} hm ON hm.id = x.metric_id`, ...nested.map((e) => e.joins)], " "),
    attach: (node, row) => {
      const metric = hydrate(ctx.dataSource, Metric, row, "hm__");
      for (const e of nested) e.attach(metric, row);
      keepPrefetched(node, METRIC, metric);
    },
  };
}

/** The metric the page statement joined in, if it did. */
export function prefetchedMetric(h: OutcomeHypothesis): Metric | undefined {
  return prefetched<Metric>(h, METRIC);
}

/**
 * `Initiative.hypotheses` for every initiative on the page in one statement, with what the
 * plan computes beside each row (progress, metric): a dashboard's page of initiatives,
 * hypotheses, progress and metrics is then 2 statements.
 */
export function hypothesesOf(
  ctx: Context,
  initiativeId: string,
  filter: OutcomeHypothesisFilter | null,
  order: OutcomeHypothesisOrder | null,
  plan: PagePlan<OutcomeHypothesis>,
) {
  const own = filter ? { ...filter, initiativeId: null } : null;
  return fetchPageOfParent(ctx, listQuery(ctx.knownAt, own, order), plan, "initiative_id", initiativeId);
}

export function findHypothesis(ctx: Context, id: string) {
  return ctx.loaders.byId(OutcomeHypothesis).load(expectGlobalId(id, "OutcomeHypothesis", "id"));
}

interface Shape {
  baseline: number;
  target: number;
  baselineAt: Date;
  targetDate: Date;
  weight: number;
}

/** The rules the database cannot hold alone (the target side depends on the metric). */
function checkShape(h: Shape, direction: MetricDirection) {
  if (!(h.targetDate.getTime() > h.baselineAt.getTime())) {
    throw new BadUserInputError("targetDate must be after baselineAt", "input.targetDate");
  }
  const better = direction === MetricDirection.INCREASE ? h.target > h.baseline : h.target < h.baseline;
  if (!better) {
    const side = direction === MetricDirection.INCREASE ? "above" : "below";
    throw new BadUserInputError(`The metric's direction is ${direction}: target must be ${side} the baseline`, "input.target");
  }
  if (!(h.weight > 0) || !Number.isFinite(h.weight)) throw new BadUserInputError("weight must be greater than 0", "input.weight");
}

export async function createHypothesis(ctx: Context, input: CreateOutcomeHypothesisInput): Promise<OutcomeHypothesis> {
  const initiativeId = await requireInitiativeKey(ctx, input.initiativeId, "input.initiativeId");
  const initiative = await initiativeLoader(ctx).load(initiativeId);
  await ctx.access.require(initiative!.portfolioId, PortfolioRole.CONTRIBUTOR, "Initiative", "input.initiativeId");
  const metric = await requireMetric(ctx, input.metricId, "input.metricId");
  const weight = input.weight ?? 1;
  checkShape({ ...input, weight }, metric.direction);
  const changes = { ...changesFrom(HYPOTHESIS_COLUMNS, input, {}, "create", "input"), weight, initiativeId, metricId: metric.rowId };
  return ctx.write((tx) => tx.insert(OutcomeHypothesis, changes));
}

export async function updateHypothesis(ctx: Context, input: UpdateOutcomeHypothesisInput): Promise<OutcomeHypothesis> {
  const id = expectGlobalId(input.id, "OutcomeHypothesis", "input.id");
  if (input.metricId === null) throw new BadUserInputError("metricId cannot be null", "input.metricId");
  const changes = changesFrom(HYPOTHESIS_COLUMNS, input, { id: true, expectedVersion: true }, "update", "input");
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await ctx.loaders.byId(OutcomeHypothesis).load(id);
  if (!existing) throw new NotFoundError("OutcomeHypothesis not found", "input.id");
  const initiative = (await initiativeLoader(ctx).load(existing.initiativeId))!;
  await ctx.access.require(initiative.portfolioId, PortfolioRole.CONTRIBUTOR, "OutcomeHypothesis", "input.id");
  const newMetric = input.metricId ? await requireMetric(ctx, input.metricId, "input.metricId") : undefined;
  return ctx.write(async (tx) => {
    const current = await tx.lock(OutcomeHypothesis, id, "input", input.expectedVersion);
    // the direction as it is now, read on this transaction's own connection
    const [metric] = await tx.query<{ direction: MetricDirection }>("SELECT direction FROM metric WHERE id = $1", [
      newMetric?.rowId ?? current.metricId,
    ]);
    checkShape(
      {
        baseline: input.baseline ?? current.baseline,
        target: input.target ?? current.target,
        baselineAt: input.baselineAt ?? current.baselineAt,
        targetDate: input.targetDate ?? current.targetDate,
        weight: input.weight ?? current.weight,
      },
      metric.direction,
    );
    return tx.update(OutcomeHypothesis, current, { ...changes, metricId: newMetric?.rowId });
  });
}
