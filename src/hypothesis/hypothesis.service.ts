import { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { Context } from "../context";
import { OrderDirection, PageArgs } from "../common/connection";
import { fetchPage, pageForParent, ListQuery, PageExtension } from "../common/keyset";
import { keepPrefetched, prefetched } from "../common/prefetch";
import { nodeFieldsNamed, oncePerField, subfieldNames } from "../common/lookahead";
import { pageColumns, projectedColumns } from "../common/projection";
import { hydrate, selectPrefixed } from "../database/hydrate";
import { raw, Sql, sql } from "../database/sql";
import { insertRow, lockForUpdate, updateRow } from "../database/rows";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../node/global-id";
import { initiativeLoader, requireInitiativeKey } from "../initiative/initiative.service";
import { PortfolioRole } from "../auth/auth.entity";
import { Metric, MetricDirection } from "../metric/metric.entity";
import { progressExtension, selectedProgress } from "../value/progress.service";
import { requireMetric } from "../metric/metric.service";
import { subtreeIds } from "../portfolio/portfolio.sql";
import { OutcomeHypothesis } from "./hypothesis.entity";
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

function listQuery(filter: OutcomeHypothesisFilter | null | undefined, order: OutcomeHypothesisOrder | null | undefined) {
  const conditions: Sql[] = [];
  if (filter?.initiativeId) conditions.push(sql`t.initiative_id = ${expectGlobalId(filter.initiativeId, "Initiative", "filter.initiativeId")}::uuid`);
  if (filter?.metricId) conditions.push(sql`t.metric_id = ${expectGlobalId(filter.metricId, "Metric", "filter.metricId")}::uuid`);
  if (filter?.portfolioId) {
    const key = expectGlobalId(filter.portfolioId, "Portfolio", "filter.portfolioId");
    conditions.push(sql`t.initiative_id IN (SELECT id FROM initiative WHERE portfolio_id IN ${subtreeIds(key)})`);
  }
  if (filter?.states?.length) conditions.push(sql`t.state = ANY(${filter.states}::text[])`);
  const q: ListQuery<OutcomeHypothesis> = {
    entity: OutcomeHypothesis,
    table: "outcome_hypothesis",
    conditions,
    sort: SORT[order?.field ?? OutcomeHypothesisOrderField.CREATED_AT],
    direction: order?.direction ?? OrderDirection.ASC,
  };
  return q;
}

export function listHypotheses(ctx: Context, filter: OutcomeHypothesisFilter | null, order: OutcomeHypothesisOrder | null, page: PageArgs, columns: string[] | null = null) {
  return fetchPage(ctx, listQuery(filter, order), page, columns);
}

/** What the page reads: its columns (null: all), and what the hypotheses' own fields would otherwise load. */
export interface HypothesisPageSelection {
  columns: string[] | null;
  progress: { asOf: Date; withForecast: boolean } | null;
  /** The metric, with the metric columns its selection needs (null: all). */
  metric: { columns: string[] | null } | null;
}

const METRIC = "metric";

/**
 * The metric of every hypothesis on a page, joined in. No visibility condition is needed:
 * a metric is visible wherever a visible hypothesis uses it (access.ts).
 */
function metricExtension(ctx: Context, columns: string[] | null): PageExtension<OutcomeHypothesis> {
  return {
    columns: selectPrefixed(ctx.dataSource, Metric, "hm", "hm__", columns),
    joins: raw("JOIN metric hm ON hm.id = x.metric_id"),
    attach: (node, row) => keepPrefetched(node, METRIC, hydrate(ctx.dataSource, Metric, row, "hm__")),
  };
}

/** The metric the page statement joined in, if it did. */
export function prefetchedMetric(h: OutcomeHypothesis): Metric | undefined {
  return prefetched<Metric>(h, METRIC);
}

/**
 * What a hypotheses page reads, from what its nodes select (once per request and field: every
 * initiative of a page asks the same).
 */
export function hypothesisPageSelection(ctx: Context, info: GraphQLResolveInfo): HypothesisPageSelection {
  return oncePerField(ctx, info, "hypothesisPage", () => {
    const metric = nodeFieldsNamed(info, "metric");
    const metricType = info.schema.getType("Metric") as GraphQLObjectType;
    return {
      columns: pageColumns(ctx, info, OutcomeHypothesis),
      progress: selectedProgress(ctx, info),
      metric: metric.length ? { columns: projectedColumns(ctx.dataSource, Metric, metricType, subfieldNames(info, metric)) } : null,
    };
  });
}

/**
 * `Initiative.hypotheses` for every initiative on the page in one statement, with the
 * progress and metric their nodes select computed in it (a dashboard's page of initiatives,
 * hypotheses, progress and metrics is then 3 statements, and nothing under a hypothesis
 * waits for a promise).
 */
export function hypothesesOf(
  ctx: Context,
  initiativeId: string,
  filter: OutcomeHypothesisFilter | null,
  order: OutcomeHypothesisOrder | null,
  page: PageArgs,
  selection: HypothesisPageSelection,
) {
  const { columns, progress, metric } = selection;
  const extensions = [
    ...(progress ? [progressExtension(progress.asOf, progress.withForecast)] : []),
    ...(metric ? [metricExtension(ctx, metric.columns)] : []),
  ];
  const args = [filter, order, page, progress, metric];
  return pageForParent(ctx, "Initiative.hypotheses", args, listQuery(filter, order), "initiative_id", initiativeId, page, { extensions, columns });
}

export function findHypothesis(ctx: Context, id: string) {
  return ctx.loaders.byId(OutcomeHypothesis, "outcome_hypothesis").load(expectGlobalId(id, "OutcomeHypothesis", "id"));
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
  return ctx.dataSource.transaction((em) =>
    insertRow(em, OutcomeHypothesis, "outcome_hypothesis", {
      initiativeId,
      metricId: metric.rowId,
      statement: input.statement,
      baseline: input.baseline,
      baselineAt: input.baselineAt,
      target: input.target,
      targetDate: input.targetDate,
      weight,
      expectedBenefit: input.expectedBenefit ?? undefined,
      state: input.state ?? undefined,
    }),
  );
}

export async function updateHypothesis(ctx: Context, input: UpdateOutcomeHypothesisInput): Promise<OutcomeHypothesis> {
  const id = expectGlobalId(input.id, "OutcomeHypothesis", "input.id");
  for (const field of ["metricId", "statement", "baseline", "baselineAt", "target", "targetDate", "weight", "expectedBenefit", "state"] as const) {
    if (input[field] === null) throw new BadUserInputError(`${field} cannot be null`, `input.${field}`);
  }
  // Every check that reads through the pool happens before the transaction takes its
  // connection: a transaction that waits for a second connection can starve the pool.
  const existing = await ctx.loaders.byId(OutcomeHypothesis, "outcome_hypothesis").load(id);
  if (!existing) throw new NotFoundError("OutcomeHypothesis not found", "input.id");
  const initiative = (await initiativeLoader(ctx).load(existing.initiativeId))!;
  await ctx.access.require(initiative.portfolioId, PortfolioRole.CONTRIBUTOR, "OutcomeHypothesis", "input.id");
  const newMetric = input.metricId ? await requireMetric(ctx, input.metricId, "input.metricId") : undefined;
  return ctx.dataSource.transaction(async (em) => {
    const current = await lockForUpdate(em, OutcomeHypothesis, "outcome_hypothesis", id, input.expectedVersion, "OutcomeHypothesis");
    // the direction as it is now, read on this transaction's own connection
    const [metric] = await em.query("SELECT direction FROM metric WHERE id = $1", [newMetric?.rowId ?? current.metricId]);
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
    return updateRow(em, OutcomeHypothesis, "outcome_hypothesis", id, {
      metricId: newMetric?.rowId,
      statement: input.statement,
      baseline: input.baseline,
      baselineAt: input.baselineAt,
      target: input.target,
      targetDate: input.targetDate,
      weight: input.weight,
      expectedBenefit: input.expectedBenefit,
      state: input.state,
    });
  });
}
