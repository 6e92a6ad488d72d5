import { DataSource } from "typeorm";
import { Context } from "../context";
import { raw, Sql, sql } from "../database/sql";
import { belowCte } from "../common/portfolio-tree";
import { PROGRESS_STATUSES } from "./progress";
import { progressJoins, WEIGHTED_PROGRESS_SQL } from "./progress.sql";
import { COUNTED_STATES_SQL } from "../hypothesis/hypothesis.entity";
import { ValueSummary } from "./summary.types";
import { KnownAt, tableAt } from "../database/known-at";
import { timeKey, ValueTime } from "./as-of";

/** The initiatives each key covers: rows (ord, id, budget, actual_cost) of CTE `scope`, keyed by `keys.ord`. */
export function initiativeScope(ids: readonly string[], k: KnownAt): Sql {
  return sql`keys AS (SELECT k.id, k.ord FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS k(id, ord)),
    scope AS (SELECT keys.ord, i.id, i.budget, i.actual_cost FROM keys JOIN ${tableAt("initiative", k)} i ON i.id = keys.id)`;
}

/** A portfolio's own initiatives, or (deep) those of its whole subtree, archived portfolios included (tree and initiatives as known at `k`). */
export function portfolioScope(ids: readonly string[], deep: readonly boolean[], k: KnownAt): Sql {
  return sql`keys AS (SELECT k.id, k.deep, k.ord FROM unnest(${ids}::uuid[], ${deep}::bool[]) WITH ORDINALITY AS k(id, deep, ord)),
    ${belowCte("tree", sql`SELECT keys.id, keys.ord, keys.deep FROM keys`, ["ord", "deep"], "deep", k)},
    scope AS (SELECT t.ord, i.id, i.budget, i.actual_cost FROM tree t JOIN ${tableAt("initiative", k)} i ON i.portfolio_id = t.id)`;
}

const statusColumns = raw(PROGRESS_STATUSES.map((s) => `count(*) FILTER (WHERE status = '${s}')::int AS "n_${s}"`).join(",\n      "));

/** One statement for a batch of scopes: every figure is aggregated in SQL, one row per key. */
export function summarySql(scope: Sql, t: ValueTime): Sql {
  return sql`WITH RECURSIVE ${scope},
    money AS (SELECT ord, sum(actual_cost) AS investment, sum(budget) AS planned FROM scope GROUP BY ord),
    hyp AS (
      SELECT s.ord, h.weight, h.expected_benefit, pr.clamped_ratio, pr.status
      FROM scope s JOIN ${tableAt("outcome_hypothesis", t.knownAt)} h ON h.initiative_id = s.id
      ${progressJoins(t.asOf, t.knownAt)}
      WHERE h.state IN ${COUNTED_STATES_SQL}
    ),
    agg AS (
      SELECT ord, count(*)::int AS hypothesis_count,
      ${statusColumns},
      ${WEIGHTED_PROGRESS_SQL} AS weighted_progress,
      sum(expected_benefit) AS expected_benefit,
      sum(expected_benefit::float8 * coalesce(clamped_ratio, 0)) AS realized_benefit
      FROM hyp GROUP BY ord
    )
    SELECT a.*, coalesce(m.investment, 0) AS investment, coalesce(m.planned, 0) AS planned,
      coalesce(a.realized_benefit, 0) / nullif(m.investment, 0)::float8 AS benefit_cost_ratio
    FROM keys LEFT JOIN money m ON m.ord = keys.ord LEFT JOIN agg a ON a.ord = keys.ord
    ORDER BY keys.ord`;
}

/** A ValueSummary from a row of summarySql. */
export function toSummary(row: Record<string, any>, t: ValueTime): ValueSummary {
  return Object.assign(new ValueSummary(), {
    asOf: t.asOf,
    knownAt: t.reported,
    hypothesisCount: row.hypothesis_count ?? 0,
    statusCounts: PROGRESS_STATUSES.map((status) => ({ status, count: row[`n_${status}`] ?? 0 })),
    weightedProgress: row.weighted_progress ?? null,
    expectedBenefit: row.expected_benefit ?? 0,
    realizedBenefit: row.realized_benefit ?? 0,
    investment: row.investment,
    plannedInvestment: row.planned,
    benefitCostRatio: row.benefit_cost_ratio ?? null,
  });
}

async function run(dataSource: DataSource, query: Sql, t: ValueTime): Promise<ValueSummary[]> {
  const { text, values } = query.toQuery();
  const rows: Record<string, unknown>[] = await dataSource.query(text, values);
  return rows.map((r) => toSummary(r, t));
}

/** `Initiative.valueSummary`: one statement per batch of initiatives. */
export function initiativeSummary(ctx: Context, initiativeId: string, t: ValueTime): Promise<ValueSummary> {
  return ctx.loaders
    .get<string, ValueSummary>(`value.summary.initiative:${timeKey(t)}`, (ids) =>
      run(ctx.dataSource, summarySql(initiativeScope(ids, t.knownAt), t), t),
    )
    .load(initiativeId);
}

/** `Portfolio.valueSummary`: one statement per batch of (portfolio, includeDescendants) keys. */
export function portfolioSummary(ctx: Context, portfolioId: string, includeDescendants: boolean, t: ValueTime): Promise<ValueSummary> {
  return ctx.loaders
    .get<string, ValueSummary>(`value.summary.portfolio:${timeKey(t)}`, (keys) => {
      const parsed = keys.map((k) => k.split("|"));
      const scope = portfolioScope(
        parsed.map(([id]) => id),
        parsed.map(([, deep]) => deep === "1"),
        t.knownAt,
      );
      return run(ctx.dataSource, summarySql(scope, t), t);
    })
    .load(`${portfolioId}|${includeDescendants ? "1" : "0"}`);
}
