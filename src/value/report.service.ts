import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPage, ListQuery, PageExtension, PagePlan } from "../common/page";
import { raw, Sql, sql, where } from "../database/sql";
import { NotFoundError } from "../errors";
import { COUNTED_STATES } from "../hypothesis/hypothesis.entity";
import { encodeGlobalId, expectGlobalId } from "../common/global-id";
import { ValueTime } from "./as-of";
import { tableAt } from "../database/known-at";
import { FIT_COLUMNS, fittedForecast, progressFrom, ProgressRow } from "./progress.service";
import { ValueReportFilter, ValueReportRow } from "./report.types";

/**
 * Rows are ordered by portfolio name, initiative name, then hypothesis creation (ids break
 * ties), so a BI export reads grouped. The keyset holds that whole key, which is unique and
 * does not move when rows are added, so pages stay stable under inserts.
 */
const SORT = ["t.portfolio_name", "t.portfolio_id", "t.initiative_name", "t.initiative_id", "t.created_at"];

interface ReportQuery {
  /** The portfolio whose subtree is reported; null: every portfolio the caller sees. */
  rootId: string | null;
  time: ValueTime;
  conditions: Sql[];
  statuses: string[] | null;
}

function prepare(portfolioId: string | null | undefined, time: ValueTime, filter: ValueReportFilter | null | undefined): ReportQuery {
  const rootId = portfolioId == null ? null : expectGlobalId(portfolioId, "Portfolio", "portfolioId");
  const conditions = [sql`h.state = ANY(${filter?.states ?? COUNTED_STATES}::text[])`];
  if (filter?.metricKey != null) conditions.push(sql`mt.key = ${filter.metricKey}`);
  if (filter?.initiativeId != null) conditions.push(sql`i.id = ${expectGlobalId(filter.initiativeId, "Initiative", "filter.initiativeId")}::uuid`);
  return { rootId, time, conditions, statuses: filter?.statuses ?? null };
}

/** The progress columns of a report row `alias`, from progressJoins over it (and the line fit, from fitJoin). */
function progressColumns(alias: string, withForecast: boolean): Sql {
  const columns = raw(`cur.value AS current, pr.ratio, pr.expected_ratio, pr.status,
    coalesce(${alias}.expected_benefit::float8 * pr.clamped_ratio, 0) AS realized_benefit`);
  return withForecast ? sql`${columns}, ${FIT_COLUMNS}` : columns;
}

/**
 * Where the report starts: the portfolio asked for, or every top-most portfolio the caller
 * sees (the roots, for an admin), and the visible set rows must stay in (null: everything).
 * Roles hold down today's tree; a report known at an earlier instant walks that instant's
 * tree, so rows are also kept to the portfolios visible today.
 */
async function scopeOf(ctx: Context, q: ReportQuery): Promise<{ seed: Sql; visible: string[] | null }> {
  const portfolio = tableAt("portfolio", q.time.knownAt);
  const visible = await ctx.access.portfolioIds();
  if (q.rootId !== null) return { seed: sql`SELECT s.id FROM ${portfolio} s WHERE s.id = ${q.rootId}::uuid`, visible };
  if (visible === null) return { seed: sql`SELECT s.id FROM ${portfolio} s WHERE s.parent_id IS NULL`, visible };
  return {
    seed: sql`SELECT s.id FROM ${portfolio} s WHERE s.id = ANY(${visible}::uuid[]) AND (s.parent_id IS NULL OR NOT s.parent_id = ANY(${visible}::uuid[]))`,
    visible,
  };
}

/**
 * The report's rows, alias `h`, id = the hypothesis: its portfolio (with its path from the
 * root), initiative and metric. With a status filter, or for an export, progress is computed
 * here (one index descent per row, never a scan of measurements); otherwise it is a page
 * extension, computed for the page's rows only.
 */
function rowsOf(q: ReportQuery, scope: { seed: Sql; visible: string[] | null }, withProgress: boolean, withForecast: boolean): Sql {
  const k = q.time.knownAt;
  const portfolio = tableAt("portfolio", k);
  const progress = withProgress ? sql`, ${progressColumns("h", withForecast)}` : raw("");
  const conditions = [...q.conditions];
  if (q.statuses) conditions.push(sql`pr.status = ANY(${q.statuses}::text[])`);
  if (scope.visible !== null) conditions.push(sql`p.id = ANY(${scope.visible}::uuid[])`);
  return sql`(WITH RECURSIVE tree(id, path) AS (
      SELECT seed.id, (WITH RECURSIVE up(id, parent_id, name, d) AS (
          SELECT a.id, a.parent_id, a.name, 0 FROM ${portfolio} a WHERE a.id = seed.id
          UNION ALL SELECT a.id, a.parent_id, a.name, up.d + 1 FROM ${portfolio} a JOIN up ON a.id = up.parent_id
        ) SELECT string_agg(up.name, ' / ' ORDER BY up.d DESC) FROM up)
      FROM (${scope.seed}) seed
      UNION ALL SELECT p.id, (w.path || ' / ' || p.name)::text FROM ${portfolio} p JOIN tree w ON p.parent_id = w.id
    )
    SELECT h.id, p.id AS portfolio_id, p.name AS portfolio_name, tree.path AS portfolio_path,
      i.id AS initiative_id, i.name AS initiative_name, i.stage, i.tags, i.budget::float8 AS budget, i.actual_cost::float8 AS actual_cost,
      h.created_at, h.statement, h.state, h.weight, h.metric_id, h.baseline, h.baseline_at, h.target, h.target_date, h.expected_benefit,
      mt.key AS metric_key, mt.name AS metric_name, mt.unit AS metric_unit${progress}
    FROM tree JOIN ${portfolio} p ON p.id = tree.id
    JOIN ${tableAt("initiative", k)} i ON i.portfolio_id = p.id
    JOIN ${tableAt("outcome_hypothesis", k)} h ON h.initiative_id = i.id
    JOIN ${tableAt("metric", k)} mt ON mt.id = h.metric_id
    ${withProgress ? progressFrom(q.time, withForecast, "h") : raw("")}
    ${where(conditions)})`;
}

/** Progress (and the forecast, when selected) computed for the page's rows only (no status filter). */
function progressOfPage(t: ValueTime, withForecast: boolean): PageExtension<ValueReportRow> {
  return { columns: progressColumns("x", withForecast), joins: progressFrom(t, withForecast, "x"), attach: () => undefined };
}

function toRow(r: Record<string, any>, t: ValueTime): ValueReportRow {
  return Object.assign(new ValueReportRow(), {
    asOf: t.asOf,
    knownAt: t.reported,
    portfolioId: encodeGlobalId("Portfolio", r.portfolio_id),
    portfolioName: r.portfolio_name,
    portfolioPath: r.portfolio_path,
    initiativeId: encodeGlobalId("Initiative", r.initiative_id),
    initiativeName: r.initiative_name,
    stage: r.stage,
    tags: r.tags,
    budget: r.budget,
    actualCost: r.actual_cost,
    hypothesisId: encodeGlobalId("OutcomeHypothesis", r.id),
    statement: r.statement,
    state: r.state,
    weight: r.weight,
    metricKey: r.metric_key,
    metricName: r.metric_name,
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
    ...fittedForecast(r as ProgressRow),
  });
}

/** NOT_FOUND for a portfolio the caller cannot see (roles hold down the tree, so its rows are all visible). */
async function requireRoot(ctx: Context, q: ReportQuery, portfolioId: string | null | undefined): Promise<void> {
  if (q.rootId !== null && (await ctx.access.rank(q.rootId)) === 0) throw notFound(portfolioId!);
}

const notFound = (portfolioId: string) => new NotFoundError(`Portfolio ${portfolioId} not found`, "portfolioId");

/** `valueReport`: one statement per page, plus one for `totalCount` only when it is selected. */
export async function valueReport(
  ctx: Context,
  portfolioId: string | null | undefined,
  time: ValueTime,
  filter: ValueReportFilter | null | undefined,
  plan: PagePlan<ValueReportRow>,
  withForecast: boolean,
): Promise<ConnectionResult<ValueReportRow>> {
  const q = prepare(portfolioId, time, filter);
  await requireRoot(ctx, q, portfolioId);
  const inline = q.statuses !== null;
  const list: ListQuery<ValueReportRow> = {
    entity: ValueReportRow,
    from: rowsOf(q, await scopeOf(ctx, q), inline, withForecast),
    conditions: [],
    sort: SORT,
    direction: OrderDirection.ASC,
    toNode: (row) => toRow(row, q.time),
    // an empty page and a missing portfolio look alike; the same statement tells them apart
    guard:
      q.rootId === null
        ? undefined
        : {
            holds: sql`EXISTS (SELECT 1 FROM ${tableAt("portfolio", q.time.knownAt)} p WHERE id = ${q.rootId}::uuid)`,
            error: () => notFound(portfolioId!),
          },
  };
  const extensions = inline ? plan.extensions : [...plan.extensions, progressOfPage(q.time, withForecast)];
  return fetchPage(ctx, list, { ...plan, columns: null, extensions });
}

/**
 * The whole report as one ordered statement (for an export that streams it) and the row
 * builder: the same rows, columns and order as every page of `valueReport` put together.
 */
export async function valueReportStatement(
  ctx: Context,
  portfolioId: string | null | undefined,
  time: ValueTime,
  filter: ValueReportFilter | null | undefined,
): Promise<{ statement: Sql; toRow: (row: Record<string, any>) => ValueReportRow }> {
  const q = prepare(portfolioId, time, filter);
  await requireRoot(ctx, q, portfolioId);
  const order = raw([...SORT, "t.id"].join(", "));
  const statement = sql`SELECT t.* FROM ${rowsOf(q, await scopeOf(ctx, q), true, true)} t ORDER BY ${order}`;
  return { statement, toRow: (row) => toRow(row, q.time) };
}
