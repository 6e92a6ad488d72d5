import { Context } from "../context";
import { ConnectionResult, CursorValue, encodeCursor, PageArgs, pageWindow } from "../common/connection";
import { raw, Sql, sql, where } from "../database/sql";
import { BadUserInputError, NotFoundError } from "../errors";
import { COUNTED_STATES } from "../hypothesis/hypothesis.entity";
import { encodeGlobalId, expectGlobalId } from "../node/global-id";
import { resolveAsOf } from "./as-of";
import { progressJoins } from "./progress.sql";
import { ValueReportFilter, ValueReportRow } from "./report.types";

/**
 * Rows are ordered by portfolio name, initiative name, then hypothesis creation (ids break
 * ties), so a BI export reads grouped. The cursor holds that whole key, which is unique
 * and does not move when rows are added, so pages stay stable under inserts.
 */
const KEY = ["portfolio_name", "portfolio_id", "initiative_name", "initiative_id", "created_at", "hypothesis_id"];
const KEY_TYPES = ["", "::uuid", "", "::uuid", "::timestamptz", "::uuid"];
type Cursor = [string, string, string, string, string, string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** In the common [sort, id] cursor shape, so pageWindow validates page sizes and decodes it. */
function cursorOf(row: Record<string, any>): string {
  const sort = [row.portfolio_name, row.portfolio_id, row.initiative_name, row.initiative_id, row.created_at_key];
  return encodeCursor([JSON.stringify(sort), row.hypothesis_id]);
}

function parseCursor([sort, id]: CursorValue, field: string): Cursor {
  try {
    const v = [...JSON.parse(sort ?? ""), id];
    if (v.length === 6 && v.every((x) => typeof x === "string") && [1, 3, 5].every((i) => UUID.test(v[i])) && !Number.isNaN(Date.parse(v[4]))) {
      return v as Cursor;
    }
  } catch {
    // fall through to the typed error
  }
  throw new BadUserInputError(`${field} is not a valid cursor`, field);
}

function orderBy(alias: string, desc: boolean): Sql {
  return raw(`ORDER BY ${KEY.map((c) => `${alias}.${c} ${desc ? "DESC" : "ASC"}`).join(", ")}`);
}

function keyset(cursor: Cursor | null, backward: boolean): Sql | null {
  if (!cursor) return null;
  const values = cursor.map((v, i) => sql`${v}${raw(KEY_TYPES[i])}`);
  return sql`(${raw(KEY.map((c) => `h.${c}`).join(", "))}) ${raw(backward ? "<" : ">")} (${values.reduce((a, b) => sql`${a}, ${b}`)})`;
}

export interface ReportQuery {
  rootId: string;
  asOf: Date;
  conditions: Sql[];
  statuses: string[] | null;
}

function prepare(ctx: Context, portfolioId: string, asOf: Date | null | undefined, filter: ValueReportFilter | null | undefined): ReportQuery {
  const rootId = expectGlobalId(portfolioId, "Portfolio", "portfolioId");
  const conditions = [sql`h.state = ANY(${filter?.states ?? COUNTED_STATES}::text[])`];
  if (filter?.metricKey != null) conditions.push(sql`mt.key = ${filter.metricKey}`);
  if (filter?.initiativeId != null) conditions.push(sql`i.id = ${expectGlobalId(filter.initiativeId, "Initiative", "filter.initiativeId")}::uuid`);
  return { rootId, asOf: resolveAsOf(ctx, asOf), conditions, statuses: filter?.statuses ?? null };
}

/** The hypotheses of the subtree with their portfolio, initiative and metric, as CTE `base`. */
function baseCtes(q: ReportQuery): Sql {
  return sql`WITH RECURSIVE tree(id) AS (
      SELECT id FROM portfolio WHERE id = ${q.rootId}::uuid
      UNION SELECT c.id FROM portfolio c JOIN tree t ON c.parent_id = t.id
    ),
    base AS (
      SELECT p.id AS portfolio_id, p.name AS portfolio_name, i.id AS initiative_id, i.name AS initiative_name,
        h.id AS hypothesis_id, h.created_at, h.created_at::text AS created_at_key, h.state, h.weight, h.metric_id,
        h.baseline, h.baseline_at, h.target, h.target_date, h.expected_benefit, mt.key AS metric_key, mt.unit AS metric_unit
      FROM tree JOIN portfolio p ON p.id = tree.id
      JOIN initiative i ON i.portfolio_id = p.id
      JOIN outcome_hypothesis h ON h.initiative_id = i.id
      JOIN metric mt ON mt.id = h.metric_id
      ${where(q.conditions)}
    )`;
}

/**
 * One page in one statement. Without a status filter the page is cut from `base` first, so
 * progress (one index descent each) is computed for the page's rows only; with one, status
 * must be known before the cut, so it is computed for the subtree's rows (never a scan of
 * measurements). The outer EXISTS tells an empty page from a missing portfolio.
 */
export function reportPageSql(q: ReportQuery, cursor: Cursor | null, backward: boolean, limit: number): Sql {
  const ks = keyset(cursor, backward);
  const rows = q.statuses ? sql`base h` : sql`(SELECT * FROM base h ${where(ks ? [ks] : [])} ${orderBy("h", backward)} LIMIT ${limit}) h`;
  const conds = [...(ks ? [ks] : []), ...(q.statuses ? [sql`pr.status = ANY(${q.statuses}::text[])`] : [])];
  return sql`${baseCtes(q)},
    page AS (
      SELECT h.*, cur.value AS current, pr.ratio, pr.expected_ratio, pr.status,
        coalesce(h.expected_benefit::float8 * pr.clamped_ratio, 0) AS realized_benefit
      FROM ${rows} ${progressJoins(q.asOf)}
      ${where(conds)} ${orderBy("h", backward)} LIMIT ${limit}
    )
    SELECT found.ok AS root_found, page.*
    FROM (SELECT EXISTS (SELECT 1 FROM portfolio WHERE id = ${q.rootId}::uuid) AS ok) found
    LEFT JOIN page ON true
    ${orderBy("page", backward)}`;
}

export function reportCountSql(q: ReportQuery): Sql {
  const progress = q.statuses ? sql`${progressJoins(q.asOf)} WHERE pr.status = ANY(${q.statuses}::text[])` : raw("");
  return sql`${baseCtes(q)} SELECT count(*)::int AS n FROM base h ${progress}`;
}

function toRow(r: Record<string, any>, asOf: Date): ValueReportRow {
  return Object.assign(new ValueReportRow(), {
    asOf,
    portfolioId: encodeGlobalId("Portfolio", r.portfolio_id),
    portfolioName: r.portfolio_name,
    initiativeId: encodeGlobalId("Initiative", r.initiative_id),
    initiativeName: r.initiative_name,
    hypothesisId: encodeGlobalId("OutcomeHypothesis", r.hypothesis_id),
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
  asOf: Date | null | undefined,
  filter: ValueReportFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<ValueReportRow>> {
  const q = prepare(ctx, portfolioId, asOf, filter);
  // roles hold down the tree, so a visible root means every row below it is visible too
  if ((await ctx.access.rank(q.rootId)) === 0) throw new NotFoundError(`Portfolio ${portfolioId} not found`, "portfolioId");
  const w = pageWindow(page);
  const cursor = w.cursor ? parseCursor(w.cursor, w.backward ? "before" : "after") : null;
  const { text, values } = reportPageSql(q, cursor, w.backward, w.limit + 1).toQuery();
  const result: Record<string, any>[] = await ctx.dataSource.query(text, values);
  if (!result[0]?.root_found) throw new NotFoundError(`Portfolio ${portfolioId} not found`, "portfolioId");
  const rows = result.filter((r) => r.hypothesis_id != null);
  const more = rows.length > w.limit;
  const pageRows = rows.slice(0, w.limit);
  if (w.backward) pageRows.reverse();
  const edges = pageRows.map((r) => ({ cursor: cursorOf(r), node: toRow(r, q.asOf) }));
  let count: Promise<number> | undefined;
  return new ConnectionResult(
    edges,
    {
      hasNextPage: w.backward ? w.cursor !== null : more,
      hasPreviousPage: w.backward ? more : w.cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    () =>
      (count ??= (async () => {
        const c = reportCountSql(q).toQuery();
        const [{ n }] = await ctx.dataSource.query(c.text, c.values);
        return n as number;
      })()),
  );
}
