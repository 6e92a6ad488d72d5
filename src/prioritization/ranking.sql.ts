import { raw, Sql, sql } from "../database/sql";
import { belowCte } from "../common/portfolio-tree";
import { COUNTED_STATES_SQL } from "../hypothesis/hypothesis.entity";
import { RankingModel } from "./prioritization.types";
import { Criterion } from "./scoring";
import { KnownAt, tableAt } from "../database/known-at";

/** What to rank: a portfolio (and its subtree), the stages that take part, and the model. */
export interface RankingScope {
  rootId: string;
  deep: boolean;
  stages: readonly string[];
  model: RankingModel;
  /** Rank what was known at this instant (null: now). */
  knownAt: KnownAt;
  /** CUSTOM only: the model row and the criteria of the version used. */
  custom?: { modelId: string; criteria: readonly Criterion[] };
}

/** Stages a ranking covers: all but CLOSED and STOPPED. */
export const RANKED_STAGES = ["IDEA", "PROPOSED", "APPROVED", "IN_DELIVERY", "ON_HOLD", "DELIVERED"];

/**
 * The score of candidate `c` under the model, in the same float8 operations and order as
 * src/prioritization/scoring.ts, so SQL and the pure reference agree to the last bit.
 * NULL when an input is missing.
 */
function scoreExpr(scope: RankingScope): Sql {
  switch (scope.model) {
    case RankingModel.WSJF:
      return raw(`((c.business_value + c.time_criticality + c.risk_reduction)::float8 / c.job_size::float8)`);
    case RankingModel.RICE:
      return raw(`((c.reach * c.impact * c.confidence) / c.effort)`);
    case RankingModel.VALUE_PER_COST:
      return raw(`(b.expected_benefit / nullif(c.budget, 0)::float8)`);
    case RankingModel.CUSTOM:
      return raw(`cs.score`);
  }
}

/** CUSTOM: Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ in criteria order; NULL unless every criterion has a value. */
function customCte(scope: RankingScope): Sql {
  if (!scope.custom) return raw("");
  const criteria = JSON.stringify(scope.custom.criteria.map(({ key, weight, min, max }) => ({ key, weight, min, max })));
  return sql`, crit AS (
      SELECT x.ord, x.c->>'key' AS key, (x.c->>'weight')::float8 AS weight, (x.c->>'min')::float8 AS min, (x.c->>'max')::float8 AS max
      FROM jsonb_array_elements(${criteria}::jsonb) WITH ORDINALITY AS x(c, ord)
    ),
    cs AS (
      SELECT c.id,
        CASE WHEN count(s.value) = (SELECT count(*) FROM crit)
          THEN sum((k.weight * (s.value - k.min)) / (k.max - k.min) ORDER BY k.ord) / sum(k.weight ORDER BY k.ord) END AS score,
        jsonb_object_agg(k.key, s.value ORDER BY k.ord) AS values
      FROM cand c CROSS JOIN crit k
      LEFT JOIN ${tableAt("initiative_criterion_score", scope.knownAt)} s
        ON s.initiative_id = c.id AND s.model_id = ${scope.custom.modelId}::uuid AND s.criterion_key = k.key
      GROUP BY c.id
    )`;
}

/**
 * `WITH RECURSIVE … ranked AS (…)`: every candidate of the scope with its expected benefit,
 * score, position (pos) and rank — score descending, then greater expected benefit, then
 * name and id in code-point order (COLLATE "C"); unscored last by name. One statement.
 */
export function rankedCte(scope: RankingScope): Sql {
  const k = scope.knownAt;
  return sql`WITH RECURSIVE ${belowCte("tree", sql`SELECT ${scope.rootId}::uuid, ${scope.deep}::boolean`, ["deep"], "deep", k)},
    cand AS (SELECT i.* FROM ${tableAt("initiative", k)} i WHERE i.portfolio_id IN (SELECT id FROM tree) AND i.stage = ANY(${scope.stages}::text[])),
    b AS (
      SELECT c.id, coalesce(sum(h.expected_benefit) FILTER (WHERE h.state IN ${COUNTED_STATES_SQL}), 0)::float8 AS expected_benefit
      FROM cand c LEFT JOIN ${tableAt("outcome_hypothesis", k)} h ON h.initiative_id = c.id GROUP BY c.id
    )${customCte(scope)},
    scored AS (
      SELECT c.*, b.expected_benefit, ${scoreExpr(scope)} AS score${raw(scope.custom ? ", cs.values AS custom_values" : ", NULL::jsonb AS custom_values")}
      FROM cand c JOIN b ON b.id = c.id${raw(scope.custom ? " JOIN cs ON cs.id = c.id" : "")}
    ),
    ranked AS (
      SELECT s.*,
        row_number() OVER (ORDER BY s.score IS NULL, s.score DESC,
          CASE WHEN s.score IS NOT NULL THEN s.expected_benefit END DESC, s.name COLLATE "C", s.id)::int AS pos,
        (count(*) FILTER (WHERE s.score IS NOT NULL) OVER ())::int AS n_scored,
        (count(*) OVER ())::int AS n_total
      FROM scored s
    )`;
}
