import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPage, ListQuery, PageExtension, PagePlan } from "../common/page";
import { belowCte } from "../common/portfolio-tree";
import { raw, Sql, sql, where } from "../database/sql";
import { NotFoundError } from "../errors";
import { COUNTED_STATES } from "../hypothesis/hypothesis.entity";
import { encodeGlobalId, expectGlobalId } from "../common/global-id";
import { ValueTime } from "./as-of";
import { tableAt } from "../database/known-at";
import { progressJoins } from "./progress.sql";
import { ValueReportFilter, ValueReportRow } from "./report.types";

/**
 * Rows are ordered by portfolio name, initiative name, then hypothesis creation (ids break
 * ties), so a BI export reads grouped. The keyset holds that whole key, which is unique and
 * does not move when rows are added, so pages stay stable under inserts.
 */
const SORT = ["t.portfolio_name", "t.portfolio_id", "t.initiative_name", "t.initiative_id", "t.created_at"];

interface ReportQuery {
  rootId: string;
  time: ValueTime;
  conditions: Sql[];
  statuses: string[] | null;
}

function prepare(portfolioId: string, time: ValueTime, filter: ValueReportFilter | null | undefined): ReportQuery {
  const rootId = expectGlobalId(portfolioId, "Portfolio", "portfolioId");
  const conditions = [sql`h.state = ANY(${filter?.states ?? COUNTED_STATES}::text[])`];
  if (filter?.metricKey != null) conditions.push(sql`mt.key = ${filter.metricKey}`);
  if (filter?.initiativeId != null) conditions.push(sql`i.id = ${expectGlobalId(filter.initiativeId, "Initiative", "filter.initiativeId")}::uuid`);
  return { rootId, time, conditions, statuses: filter?.statuses ?? null };
}

/** The progress columns of a report row `alias`, from progressJoins over it. */
function progressColumns(alias: string): Sql {
  return raw(`cur.value AS current, pr.ratio, pr.expected_ratio, pr.status,
    coalesce(${alias}.expected_benefit::float8 * pr.clamped_ratio, 0) AS realized_benefit`);
}

/**
 * The report's rows, alias `h`, id = the hypothesis: its portfolio, initiative and metric.
 * With a status filter, status must be known before the page is cut, so progress is
 * computed here for the subtree's rows (one index descent each, never a scan of
 * measurements); without one it is a page extension, computed for the page's rows only.
 */
function rowsOf(q: ReportQuery): Sql {
  const k = q.time.knownAt;
  const progress = q.statuses ? sql`, ${progressColumns("h")}` : raw("");
  const conditions = q.statuses ? [...q.conditions, sql`pr.status = ANY(${q.statuses}::text[])`] : q.conditions;
  return sql`(WITH RECURSIVE ${belowCte("tree", sql`SELECT ${q.rootId}::uuid`, [], undefined, k)}
    SELECT h.id, p.id AS portfolio_id, p.name AS portfolio_name, i.id AS initiative_id, i.name AS initiative_name,
      h.created_at, h.state, h.weight, h.metric_id, h.baseline, h.baseline_at, h.target, h.target_date, h.expected_benefit,
      mt.key AS metric_key, mt.unit AS metric_unit${progress}
    FROM tree JOIN ${tableAt("portfolio", k)} p ON p.id = tree.id
    JOIN ${tableAt("initiative", k)} i ON i.portfolio_id = p.id
    JOIN ${tableAt("outcome_hypothesis", k)} h ON h.initiative_id = i.id
    JOIN ${tableAt("metric", k)} mt ON mt.id = h.metric_id
    ${q.statuses ? progressJoins(q.time.asOf, k) : raw("")}
    ${where(conditions)})`;
}

/** Progress computed for the page's rows only (no status filter). */
function progressOfPage(t: ValueTime): PageExtension<ValueReportRow> {
  return { columns: progressColumns("x"), joins: progressJoins(t.asOf, t.knownAt, "x"), attach: () => undefined };
}

function toRow(r: Record<string, any>, t: ValueTime): ValueReportRow {
  return Object.assign(new ValueReportRow(), {
    asOf: t.asOf,
    knownAt: t.reported,
    portfolioId: encodeGlobalId("Portfolio", r.portfolio_id),
    portfolioName: r.portfolio_name,
    initiativeId: encodeGlobalId("Initiative", r.initiative_id),
    initiativeName: r.initiative_name,
    hypothesisId: encodeGlobalId("OutcomeHypothesis", r.id),
    state: r.state,
    weight: r.weight,
    metricKey: r.metric_key,
    metricUnit: r.metric_unit,
    baseline: r.baseline,
    baselineAt: r.baseline_at,
    target: r.target,
    targetDate: r.target_date,
    current: r.current,
    ratio: r.ratio,
    expectedRatio: r.expected_ratio,
    status: r.status,
    expectedBenefit: r.expected_benefit,
    realizedBenefit: r.realized_benefit,
  });
}

/** `valueReport`: one statement per page, plus one for `totalCount` only when it is selected. */
export async function valueReport(
  ctx: Context,
  portfolioId: string,
  time: ValueTime,
  filter: ValueReportFilter | null | undefined,
  plan: PagePlan<ValueReportRow>,
): Promise<ConnectionResult<ValueReportRow>> {
  const q = prepare(portfolioId, time, filter);
  const notFound = () => new NotFoundError(`Portfolio ${portfolioId} not found`, "portfolioId");
  // roles hold down the tree, so a visible root means every row below it is visible too
  if ((await ctx.access.rank(q.rootId)) === 0) throw notFound();
  const list: ListQuery<ValueReportRow> = {
    entity: ValueReportRow,
    from: rowsOf(q),
    conditions: [],
    sort: SORT,
    direction: OrderDirection.ASC,
    toNode: (row) => toRow(row, q.time),
    // an empty page and a missing portfolio look alike; the same statement tells them apart
    guard: { holds: sql`EXISTS (SELECT 1 FROM ${tableAt("portfolio", q.time.knownAt)} p WHERE id = ${q.rootId}::uuid)`, error: notFound },
  };
  const extensions = q.statuses ? plan.extensions : [...plan.extensions, progressOfPage(q.time)];
  return fetchPage(ctx, list, { ...plan, columns: null, extensions });
}
