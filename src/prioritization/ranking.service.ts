import { Context } from "../context";
import { OrderDirection } from "../common/connection";
import { fetchPage, ListQuery, PagePlan } from "../common/page";
import { ancestorsOf } from "../common/portfolio-tree";
import { hydrate } from "../database/hydrate";
import { sql } from "../database/sql";
import { BadUserInputError } from "../errors";
import { Initiative } from "../initiative/initiative.entity";
import { Portfolio } from "../portfolio/portfolio.entity";
import { progressJoins, WEIGHTED_PROGRESS_SQL } from "../value/progress.sql";
import { COUNTED_STATES_SQL } from "../hypothesis/hypothesis.entity";
import { RankingConnection, RankingEntry, RankingModel, Signal, SignalState } from "./prioritization.types";
import { RANKED_STAGES, rankedCte, RankingScope } from "./ranking.sql";
import { requireScoringModel } from "./scoring-model.service";
import { signalsFor } from "./signals";
import { KnownAt, tableAt } from "../database/known-at";
import { ValueTime } from "../value/as-of";

export interface RankingArgs {
  model: RankingModel;
  scoringModelId?: string | null;
  includeDescendants: boolean;
  /** Rank what was known at this instant (null: now). */
  knownAt: KnownAt;
}

const INPUTS: Record<Exclude<RankingModel, RankingModel.CUSTOM>, string[]> = {
  WSJF: ["businessValue", "timeCriticality", "riskReduction", "jobSize"],
  RICE: ["reach", "impact", "confidence", "effort"],
  VALUE_PER_COST: ["expectedBenefit", "budget"],
};

/** The scope of a ranking over `portfolio`; CUSTOM needs a visible scoring model (its current version). */
export async function rankingScope(
  ctx: Context,
  portfolio: Portfolio,
  args: RankingArgs,
  stages: readonly string[] = RANKED_STAGES,
  field = "scoringModelId",
): Promise<{ scope: RankingScope; version: number | null }> {
  const { model, knownAt } = args;
  const base = { rootId: portfolio.rowId, deep: args.includeDescendants, stages, model, knownAt };
  if (model !== RankingModel.CUSTOM) return { scope: base, version: null };
  if (!args.scoringModelId) throw new BadUserInputError("The CUSTOM model needs scoringModelId", field);
  // the model as known then: the criteria of the version current at knownAt
  const m = await requireScoringModel(ctx, args.scoringModelId, field, knownAt);
  // a portfolio is ranked by its own models or those of a portfolio above it
  const check = sql`SELECT ${m.portfolioId}::uuid IN ${ancestorsOf(portfolio.rowId, knownAt)} AS applies`.toQuery();
  const [{ applies }] = await ctx.dataSource.query(check.text, check.values);
  if (!applies) throw new BadUserInputError("The scoring model belongs to a portfolio that is not this one or above it", field);
  return { scope: { ...base, custom: { modelId: m.rowId, criteria: m.criteria } }, version: m.version };
}

function toEntry(ctx: Context, scope: RankingScope, row: Record<string, any>): RankingEntry {
  const initiative = hydrate(ctx.dataSource, Initiative, row);
  const inputs =
    scope.model === RankingModel.CUSTOM
      ? scope.custom!.criteria.map((c) => ({ name: c.key, value: row.custom_values?.[c.key] ?? null }))
      : INPUTS[scope.model].map((name) => ({ name, value: name === "expectedBenefit" ? row.expected_benefit : (initiative as any)[name] }));
  const missingInputs =
    scope.model === RankingModel.VALUE_PER_COST ? (row.score === null ? ["budget"] : []) : inputs.filter((i) => i.value === null).map((i) => i.name);
  return { rank: row.score === null ? null : row.pos, score: row.score, initiative, expectedBenefit: row.expected_benefit, inputs, missingInputs };
}

/**
 * `Portfolio.ranking`: one statement per page, a ListQuery over the ranked relation sorted by
 * position. Every row carries the ranking's totals, so totalCount and scoredCount cost a
 * statement only on a page past the end.
 */
export async function ranking(ctx: Context, portfolio: Portfolio, args: RankingArgs, plan: PagePlan<RankingEntry>): Promise<RankingConnection> {
  const { scope, version } = await rankingScope(ctx, portfolio, args);
  let totals: { total: number; scored: number } | null = null;
  const list: ListQuery<RankingEntry> = {
    entity: RankingEntry,
    from: sql`(${rankedCte(scope)} SELECT * FROM ranked)`,
    conditions: [],
    sort: "t.pos",
    direction: OrderDirection.ASC,
    toNode: (row) => {
      totals ??= { total: row.n_total as number, scored: row.n_scored as number };
      return toEntry(ctx, scope, row);
    },
  };
  const page = await fetchPage(ctx, list, { ...plan, columns: null });
  // asked for only when selected, once: a page's rows already carry them, so this runs past the end only
  let counting: Promise<{ total: number; scored: number }> | undefined;
  const counted = () =>
    (counting ??= totals
      ? Promise.resolve(totals)
      : (async () => {
          const q = sql`${rankedCte(scope)} SELECT count(*)::int AS total, count(score)::int AS scored FROM ranked`.toQuery();
          const [row] = await ctx.dataSource.query(q.text, q.values);
          return row as { total: number; scored: number };
        })());
  const connection = Object.assign(new RankingConnection(), {
    model: args.model,
    scoringModelVersion: version,
    edges: page.edges,
    nodes: page.nodes,
    pageInfo: page.pageInfo,
  });
  return Object.defineProperties(connection, {
    totalCount: { get: () => counted().then((t) => t.total) },
    scoredCount: { get: () => counted().then((t) => t.scored) },
  });
}

/** Runs a statement (the pool, or a transaction's connection) and returns its rows. */
export type Query = (text: string, values: unknown[]) => Promise<Record<string, any>[]>;

/** `Portfolio.signals`: the facts per initiative in one statement, the rules in signals.ts. */
export async function signals(ctx: Context, portfolio: Portfolio, time: ValueTime, args: RankingArgs): Promise<Signal[]> {
  const { scope } = await rankingScope(ctx, portfolio, args);
  return signalsIn(ctx, (text, values) => ctx.dataSource.query(text, values), scope, time);
}

/** The signals of a ranking scope as of `time`, read through `query` (a decision reads them in its transaction). */
export async function signalsIn(ctx: Context, query: Query, scope: RankingScope, time: ValueTime): Promise<Signal[]> {
  const { asOf, knownAt } = time;
  const q = sql`${rankedCte(scope)},
    hyp AS (
      SELECT h.initiative_id, h.weight, h.baseline_at, pr.status, pr.clamped_ratio
      FROM ranked rk JOIN ${tableAt("outcome_hypothesis", knownAt)} h ON h.initiative_id = rk.id
      ${progressJoins(asOf, knownAt)}
      WHERE h.state IN ${COUNTED_STATES_SQL}
    ),
    facts AS (
      SELECT initiative_id, count(*)::int AS hypotheses,
        count(*) FILTER (WHERE status <> 'NO_DATA')::int AS with_data,
        count(*) FILTER (WHERE status NOT IN ('NO_DATA', 'ON_TRACK', 'ACHIEVED'))::int AS with_data_not_good,
        sum(weight) AS total_weight,
        coalesce(sum(weight) FILTER (WHERE status IN ('OFF_TRACK', 'MISSED')), 0) AS bad_weight,
        min(baseline_at) AS earliest,
        ${WEIGHTED_PROGRESS_SQL} AS weighted_progress
      FROM hyp GROUP BY initiative_id
    )
    SELECT rk.*, f.hypotheses, f.with_data, f.with_data_not_good, f.total_weight, f.bad_weight, f.earliest, f.weighted_progress,
      (SELECT d.review_by::text FROM ${tableAt("decision", knownAt)} d WHERE d.initiative_id = rk.id AND d.decided_at < ${asOf}::timestamptz
        ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS latest_review_by,
      (SELECT jsonb_object_agg(a.kind, a.decision) FROM (
        SELECT DISTINCT ON (ack.kind) ack.kind, to_jsonb(d) AS decision FROM ${tableAt("decision", knownAt)} d CROSS JOIN unnest(d.acknowledges) AS ack(kind)
        WHERE d.initiative_id = rk.id AND d.decided_at < ${asOf}::timestamptz
          AND (d.review_by IS NULL OR d.review_by >= (${asOf}::timestamptz AT TIME ZONE 'UTC')::date)
          AND (d.evidence_canonical::jsonb -> 'signals') @> jsonb_build_array(jsonb_build_object('kind', ack.kind))
        ORDER BY ack.kind, d.decided_at DESC, d.id DESC) a) AS acknowledged,
      (SELECT jsonb_object_agg(z.kind, jsonb_build_object('until', z.until, 'reason', z.reason)) FROM (
        SELECT DISTINCT ON (s.kind) s.kind, s.until, s.reason FROM ${tableAt("signal_snooze", knownAt)} s
        WHERE s.initiative_id = rk.id AND s.created_at <= ${asOf}::timestamptz AND s.until > (${asOf}::timestamptz AT TIME ZONE 'UTC')::date
        ORDER BY s.kind, s.created_at DESC, s.id DESC) z) AS snoozed,
      (SELECT count(*) FROM ${tableAt("funding_tranche", knownAt)} t WHERE t.initiative_id = rk.id AND t.state <> 'CANCELLED')::int AS tranches,
      rk.released_funding
    FROM ranked rk LEFT JOIN facts f ON f.initiative_id = rk.id ORDER BY rk.pos`.toQuery();
  const rows = await query(q.text, q.values);
  return rows.flatMap((r) => {
    const initiative = hydrate(ctx.dataSource, Initiative, r);
    return signalsFor(
      {
        stage: r.stage,
        budget: r.budget,
        actualCost: r.actual_cost,
        hypotheses: r.hypotheses ?? 0,
        withData: r.with_data ?? 0,
        withDataNotGood: r.with_data_not_good ?? 0,
        totalWeight: r.total_weight ?? 0,
        badWeight: r.bad_weight ?? 0,
        earliestBaselineAt: r.earliest,
        weightedProgress: r.weighted_progress,
        rank: r.score === null ? null : r.pos,
        scored: r.n_scored,
        latestReviewBy: r.latest_review_by,
        tranches: r.tranches,
        releasedFunding: r.released_funding as number,
      },
      asOf,
    ).map((s) => {
      // a snooze is explicit and wins; an acknowledgement needs a decision taken while the signal was raised
      const snooze = (r.snoozed as Record<string, { until: string; reason: string }> | null)?.[s.kind];
      // the acknowledging decision's row, so `acknowledgedBy` costs no statement of its own
      const ack = (r.acknowledged as Record<string, Record<string, unknown>> | null)?.[s.kind] ?? null;
      const state = snooze ? SignalState.SNOOZED : ack ? SignalState.ACKNOWLEDGED : SignalState.OPEN;
      return Object.assign(new Signal(), {
        ...s,
        initiative,
        state,
        acknowledgedByRow: state === SignalState.ACKNOWLEDGED ? ack : null,
        snoozedUntil: snooze?.until ?? null,
        snoozeReason: snooze?.reason ?? null,
      });
    });
  });
}
