/**
 * The floor: for each read scenario ONE hand-written statement that builds the whole JSON
 * response in Postgres (json_build_object / json_agg), answering exactly what the GraphQL
 * operation in scenarios.ts asks. It reuses only the progress fragment (progressJoins), so it
 * measures everything except the GraphQL layer: the same rules, the same database.
 *
 * Shapes the API guarantees and the floor reproduces: global IDs are base64url of
 * `Type:uuid` (src/common/global-id.ts); DateTime is ISO 8601 UTC with milliseconds and `Z`;
 * LocalDate is YYYY-MM-DD; money (numeric) is a JSON number; report cursors are base64url of
 * JSON.stringify([portfolioName, portfolioId, initiativeName, initiativeId, created_at::text,
 * hypothesisId]) (the keyset of src/common/page.ts over the report's sort key).
 */
import { raw, Sql, sql } from "../src/database/sql";
import { PROGRESS_STATUSES } from "../src/value/progress";
import { progressJoins } from "../src/value/progress.sql";
import { DASHBOARD_HYPOTHESES, DASHBOARD_INITIATIVES, REPORT_PAGE_SIZE, ScenarioParams } from "./scenarios";

/** base64url without padding, as Node's Buffer#toString("base64url"); Postgres wraps base64 at 76 chars. */
const b64url = (text: string) => `rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
const gid = (type: string, column: string) => b64url(`'${type}:' || ${column}::text`);
/** Date#toISOString of a timestamptz (or of a UTC timestamp without time zone). */
const iso = (expr: string, utc = false) => `to_char(${utc ? expr : `(${expr}) AT TIME ZONE 'UTC'`}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** JSON.stringify of one string, as text. */
const jstr = (expr: string) => `to_json((${expr})::text)::text`;
const COUNTED = raw(`('ACTIVE', 'VALIDATED', 'INVALIDATED')`);

export type FloorStatement = (after: string | null) => { text: string; values: unknown[] };

function dashboard(p: ScenarioParams): Sql {
  const asOf = new Date(p.asOf);
  return sql`SELECT json_build_object('data', json_build_object('portfolio', json_build_object(
      'id', ${raw(gid("Portfolio", "pf.id"))},
      'name', pf.name,
      'initiatives', json_build_object('nodes', coalesce((
        SELECT json_agg(json_build_object(
          'id', ${raw(gid("Initiative", "i.id"))}, 'name', i.name, 'stage', i.stage, 'budget', i.budget,
          'actualCost', i.actual_cost, 'targetDate', i.target_date,
          'hypotheses', json_build_object('nodes', coalesce((
            SELECT json_agg(json_build_object(
              'id', ${raw(gid("OutcomeHypothesis", "h.id"))}, 'statement', h.statement, 'state', h.state,
              'baseline', h.baseline, 'target', h.target, 'targetDate', ${raw(iso("h.target_date"))},
              'progress', json_build_object('current', cur.value, 'ratio', pr.ratio, 'expectedRatio', pr.expected_ratio, 'status', pr.status),
              'metric', json_build_object('id', ${raw(gid("Metric", "mt.id"))}, 'key', mt.key, 'name', mt.name, 'unit', mt.unit, 'direction', mt.direction)
            ) ORDER BY h.created_at, h.id)
            FROM (SELECT * FROM outcome_hypothesis x WHERE x.initiative_id = i.id ORDER BY x.created_at, x.id LIMIT ${DASHBOARD_HYPOTHESES}) h
            JOIN metric mt ON mt.id = h.metric_id
            ${progressJoins(asOf, null)}
          ), '[]'::json))
        ) ORDER BY i.name, i.id)
        FROM (SELECT * FROM initiative y WHERE y.portfolio_id = pf.id ORDER BY y.name, y.id LIMIT ${DASHBOARD_INITIATIVES}) i
      ), '[]'::json))
    )))::text AS body
    FROM portfolio pf WHERE pf.id = ${p.dashboardPortfolioId}::uuid`;
}

function rollup(p: ScenarioParams): Sql {
  const counts = PROGRESS_STATUSES.map((s) => `json_build_object('status', '${s}', 'count', count(*) FILTER (WHERE status = '${s}'))`);
  return sql`WITH RECURSIVE tree(id) AS (
      SELECT ${p.rootId}::uuid UNION ALL SELECT c.id FROM portfolio c JOIN tree t ON c.parent_id = t.id
    ),
    inits AS (SELECT i.id, i.budget, i.actual_cost FROM initiative i WHERE i.portfolio_id IN (SELECT id FROM tree)),
    hyp AS (
      SELECT h.weight, h.expected_benefit, pr.clamped_ratio, pr.status
      FROM inits i JOIN outcome_hypothesis h ON h.initiative_id = i.id
      ${progressJoins(new Date(p.asOf), null)}
      WHERE h.state IN ${COUNTED}
    ),
    agg AS (
      SELECT count(*) AS n, json_build_array(${raw(counts.join(", "))}) AS status_counts,
        sum(weight * clamped_ratio) / nullif(sum(weight) FILTER (WHERE clamped_ratio IS NOT NULL), 0) AS weighted_progress,
        coalesce(sum(expected_benefit), 0) AS expected_benefit,
        coalesce(sum(expected_benefit::float8 * coalesce(clamped_ratio, 0)), 0) AS realized_benefit
      FROM hyp
    ),
    money AS (SELECT coalesce(sum(actual_cost), 0) AS investment, coalesce(sum(budget), 0) AS planned FROM inits)
    SELECT json_build_object('data', json_build_object('portfolio', json_build_object('valueSummary', json_build_object(
      'hypothesisCount', a.n, 'statusCounts', a.status_counts, 'weightedProgress', a.weighted_progress,
      'expectedBenefit', a.expected_benefit, 'realizedBenefit', a.realized_benefit,
      'investment', m.investment, 'plannedInvestment', m.planned,
      'benefitCostRatio', a.realized_benefit / nullif(m.investment, 0)::float8
    ))))::text AS body
    FROM agg a, money m`;
}

function series(p: ScenarioParams): Sql {
  const from = sql`${p.seriesFrom}::timestamptz`;
  const to = sql`${p.seriesTo}::timestamptz`;
  return sql`WITH agg AS (
      SELECT date_trunc('week', m.observed_at AT TIME ZONE 'UTC') AS start, count(*) AS n,
        CASE mt.aggregation
          WHEN 'SUM' THEN sum(m.value) WHEN 'AVERAGE' THEN avg(m.value) WHEN 'MIN' THEN min(m.value) WHEN 'MAX' THEN max(m.value)
          ELSE (array_agg(m.value ORDER BY m.observed_at DESC, m.recorded_at DESC, m.id DESC))[1]
        END AS value
      FROM measurement m JOIN metric mt ON mt.id = m.metric_id
      WHERE m.metric_id = ${p.seriesMetricId}::uuid AND m.observed_at >= ${from} AND m.observed_at < ${to} AND m.retracted_at IS NULL
      GROUP BY 1, mt.aggregation
    )
    SELECT json_build_object('data', json_build_object('metric', json_build_object(
      'id', ${raw(gid("Metric", "mt.id"))}, 'key', mt.key,
      'series', (
        SELECT json_agg(json_build_object('start', ${raw(iso("g.start", true))}, 'value', agg.value, 'count', coalesce(agg.n, 0)) ORDER BY g.start)
        FROM generate_series(date_trunc('week', ${from} AT TIME ZONE 'UTC'),
                             date_trunc('week', (${to} - interval '1 microsecond') AT TIME ZONE 'UTC'), interval '1 week') AS g(start)
        LEFT JOIN agg ON agg.start = g.start
      )
    )))::text AS body
    FROM metric mt WHERE mt.id = ${p.seriesMetricId}::uuid`;
}

/** $1 is the `after` cursor (or null); the page is cut by the same keyset the API uses. */
function report(p: ScenarioParams): Sql {
  const keys = ["r.portfolio_name", "r.portfolio_id", "r.initiative_name", "r.initiative_id", "r.created_at", "r.hypothesis_id"];
  const cursor = b64url(`'[' || ${keys.map(jstr).join(" || ',' || ")} || ']'`);
  return sql`WITH RECURSIVE tree(id) AS (
      SELECT ${p.rootId}::uuid UNION ALL SELECT c.id FROM portfolio c JOIN tree t ON c.parent_id = t.id
    ),
    cur_key AS (
      SELECT d AS k, d->>5 AS hid
      FROM (SELECT convert_from(decode(translate($1::text, '-_', '+/') || repeat('=', (4 - length($1::text) % 4) % 4), 'base64'), 'UTF8')::json AS d
            WHERE $1::text IS NOT NULL) x
    ),
    page AS (
      SELECT p.id AS portfolio_id, p.name AS portfolio_name, i.id AS initiative_id, i.name AS initiative_name,
        h.id AS hypothesis_id, h.created_at, h.state, h.weight, h.metric_id, h.baseline, h.baseline_at, h.target, h.target_date,
        h.expected_benefit, mt.key AS metric_key, mt.unit AS metric_unit
      FROM tree JOIN portfolio p ON p.id = tree.id
      JOIN initiative i ON i.portfolio_id = p.id
      JOIN outcome_hypothesis h ON h.initiative_id = i.id
      JOIN metric mt ON mt.id = h.metric_id
      WHERE h.state IN ${COUNTED}
        AND (NOT EXISTS (SELECT 1 FROM cur_key) OR (p.name, p.id, i.name, i.id, h.created_at, h.id) >
          (SELECT k->>0, (k->>1)::uuid, k->>2, (k->>3)::uuid, (k->>4)::timestamptz, hid::uuid FROM cur_key))
      ORDER BY p.name, p.id, i.name, i.id, h.created_at, h.id
      LIMIT ${REPORT_PAGE_SIZE + 1}
    ),
    rows AS (
      SELECT h.*, row_number() OVER (ORDER BY h.portfolio_name, h.portfolio_id, h.initiative_name, h.initiative_id, h.created_at, h.hypothesis_id) AS rn,
        cur.value AS current, pr.ratio, pr.expected_ratio, pr.status,
        coalesce(h.expected_benefit::float8 * pr.clamped_ratio, 0) AS realized_benefit
      FROM page h ${progressJoins(new Date(p.asOf), null)}
    )
    SELECT json_build_object('data', json_build_object('valueReport', json_build_object(
      'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > ${REPORT_PAGE_SIZE} FROM rows),
        'endCursor', (SELECT ${raw(cursor)} FROM rows r WHERE r.rn <= ${REPORT_PAGE_SIZE} ORDER BY r.rn DESC LIMIT 1)),
      'nodes', (SELECT coalesce(json_agg(json_build_object(
        'asOf', ${p.asOf}::text, 'portfolioId', ${raw(gid("Portfolio", "r.portfolio_id"))}, 'portfolioName', r.portfolio_name,
        'initiativeId', ${raw(gid("Initiative", "r.initiative_id"))}, 'initiativeName', r.initiative_name,
        'hypothesisId', ${raw(gid("OutcomeHypothesis", "r.hypothesis_id"))}, 'state', r.state, 'weight', r.weight,
        'metricKey', r.metric_key, 'metricUnit', r.metric_unit, 'baseline', r.baseline, 'baselineAt', ${raw(iso("r.baseline_at"))},
        'target', r.target, 'targetDate', ${raw(iso("r.target_date"))}, 'current', r.current, 'ratio', r.ratio,
        'expectedRatio', r.expected_ratio, 'status', r.status, 'expectedBenefit', r.expected_benefit, 'realizedBenefit', r.realized_benefit
      ) ORDER BY r.rn), '[]'::json) FROM rows r WHERE r.rn <= ${REPORT_PAGE_SIZE})
    )))::text AS body`;
}

/**
 * The statements, rendered once. The report's cursor is always $1 (the other values follow),
 * so one rendering serves every page.
 */
export function floorStatements(p: ScenarioParams): Record<string, FloorStatement> {
  const fixed = (q: Sql): FloorStatement => {
    const { text, values } = q.toQuery();
    return () => ({ text, values });
  };
  const rendered = report(p).toQuery(1);
  return {
    dashboard: fixed(dashboard(p)),
    rollup: fixed(rollup(p)),
    series: fixed(series(p)),
    report: (after) => ({ text: rendered.text, values: [after, ...rendered.values] }),
  };
}
