import { DataSource } from "typeorm";
import { hydrate } from "../database/hydrate";
import { Sql, join, raw, sql, where } from "../database/sql";
import { BadUserInputError } from "../errors";
import { sqlStateOf } from "../database/db-errors";
import { Access, ScopedTable } from "../auth/access";
import type { Loaders } from "./loaders";
import { ConnectionResult, CursorValue, Edge, OrderDirection, PageArgs, PageWindow, encodeCursor, pageWindow } from "./connection";

/** What a list query needs of the request: where to run it and who is asking. */
export interface ListScope {
  dataSource: DataSource;
  access: Access;
}

const SCOPED_TABLES = new Set<string>([
  "portfolio",
  "initiative",
  "metric",
  "outcome_hypothesis",
  "measurement",
  "portfolio_member",
  "scoring_model",
  "scenario",
]);

/** A list as the API exposes it: one table, filter conditions and one sort column. */
export interface ListQuery<T> {
  entity: new () => T;
  /** Table name (trusted); rows are aliased `t`. */
  table: string;
  /** Filter conditions over alias `t`. */
  conditions: Sql[];
  /** Sort expression over alias `t` (trusted, non-null); `t.id` breaks ties. */
  sort: string;
  direction: OrderDirection;
}

function keysetCondition(q: ListQuery<unknown>, w: PageWindow): Sql | null {
  if (!w.cursor) return null;
  const ascending = (q.direction === OrderDirection.ASC) !== w.backward;
  const [sortValue, id] = w.cursor;
  return sql`(${raw(q.sort)}, t.id) ${raw(ascending ? ">" : "<")} (${sortValue}, ${id})`;
}

/**
 * Runs a page statement. A cursor is client input: one that decodes but whose values do not
 * fit the sort column (made up, or taken from a list sorted by another field) fails in
 * Postgres with a data exception (SQLSTATE class 22); that is the client's mistake, so it
 * is BAD_USER_INPUT on the cursor argument rather than INTERNAL_SERVER_ERROR.
 */
async function queryPage(dataSource: DataSource, w: PageWindow, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  try {
    return await dataSource.query(text, values);
  } catch (e) {
    if (w.cursor && sqlStateOf(e)?.startsWith("22")) {
      const field = w.backward ? "before" : "after";
      throw new BadUserInputError(`${field} is not a valid cursor for this list and order`, field);
    }
    throw e;
  }
}

function orderClause(q: ListQuery<unknown>, w: PageWindow): Sql {
  const dir = (q.direction === OrderDirection.ASC) !== w.backward ? "ASC" : "DESC";
  return raw(`ORDER BY ${q.sort} ${dir}, t.id ${dir}`);
}

/**
 * What a nested page computes alongside each row, in the same statement: columns over
 * the page row `x` and the joins they need, and what to keep of them on each node. A
 * connection resolver that sees its nodes select a computed field or a relation (see
 * lookahead.ts) asks for it here, so the page and what hangs off it cost one statement
 * and the node's field resolves without a promise.
 */
export interface PageExtension<T> {
  columns: Sql;
  joins: Sql;
  attach(node: T, row: Record<string, unknown>): void;
}

/** An edge whose cursor is encoded only if the client asks for it. */
class KeysetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly key: CursorValue,
  ) {}

  get cursor(): string {
    return encodeCursor(this.key);
  }
}

function toConnection<T>(
  dataSource: DataSource,
  q: ListQuery<T>,
  w: PageWindow,
  rows: Record<string, unknown>[],
  count: () => Promise<number>,
  extensions: readonly PageExtension<T>[] = [],
): ConnectionResult<T> {
  const more = rows.length > w.limit;
  const page = rows.slice(0, w.limit);
  if (w.backward) page.reverse();
  const edges = page.map((row) => {
    const node = hydrate(dataSource, q.entity, row);
    for (const e of extensions) e.attach(node, row);
    return new KeysetEdge(node, [row.__sort as string | null, String(row.id)]);
  });
  return new ConnectionResult(
    edges,
    {
      hasNextPage: w.backward ? w.cursor !== null : more,
      hasPreviousPage: w.backward ? more : w.cursor !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    count,
  );
}

/** `alias.*`, or the projected columns (projection.ts; trusted names from metadata) and those paging needs. */
function ownColumns(alias: string, columns: readonly string[] | null, needed: string[]): Sql {
  return raw(columns ? [...new Set([...needed, ...columns])].map((c) => `${alias}.${c}`).join(", ") : `${alias}.*`);
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

/**
 * One page of a root list: one statement, plus one more only if `totalCount` is asked for.
 * Rows the caller may not see are left out here, so no root list can forget it. `columns`:
 * the table's columns to read (projection.ts), or null for all.
 */
export async function fetchPage<T>(scope: ListScope, q: ListQuery<T>, args: PageArgs, columns: readonly string[] | null = null): Promise<ConnectionResult<T>> {
  const { dataSource } = scope;
  const w = pageWindow(args);
  const visible = SCOPED_TABLES.has(q.table) ? await scope.access.condition(q.table as ScopedTable) : null;
  const filtered = visible ? [...q.conditions, visible] : q.conditions;
  const keyset = keysetCondition(q, w);
  const conds = keyset ? [...filtered, keyset] : filtered;
  const { text, values } = sql`SELECT ${ownColumns("t", columns, ["id"])}, (${raw(q.sort)})::text AS __sort FROM ${raw(q.table)} t ${where(conds)} ${orderClause(q, w)} LIMIT ${w.limit + 1}`.toQuery();
  const rows = w.limit === 0 ? [] : await queryPage(dataSource, w, text, values);
  const count = memo(async () => {
    const c = sql`SELECT count(*)::int AS n FROM ${raw(q.table)} t ${where(filtered)}`.toQuery();
    const [{ n }] = await dataSource.query(c.text, c.values);
    return n as number;
  });
  return toConnection(dataSource, q, w, rows, count);
}

/**
 * The same page of a nested list for many parents at once (one LATERAL statement, so a
 * page of parents costs the same number of statements as one parent). `parentColumn`
 * is the foreign key on alias `t`. Counts, when asked for, are one grouped statement.
 * No visibility filter: every nested list hangs off a parent the caller can already see,
 * and roles hold for everything below a portfolio, so its children are visible too.
 */
export async function fetchPagesByParent<T>(
  { dataSource }: ListScope,
  q: ListQuery<T>,
  parentColumn: string,
  parentIds: readonly string[],
  args: PageArgs,
  { extensions = [], columns = null }: NestedPageOptions<T> = {},
): Promise<ConnectionResult<T>[]> {
  const w = pageWindow(args);
  const keyset = keysetCondition(q, w);
  const conds = [sql`t.${raw(parentColumn)} = p.id`, ...q.conditions, ...(keyset ? [keyset] : [])];
  const pageOf = sql`SELECT t.*, (${raw(q.sort)})::text AS __sort FROM ${raw(q.table)} t ${where(conds)} ${orderClause(q, w)} LIMIT ${w.limit + 1}`;
  const own = ownColumns("x", columns, ["id", parentColumn, "__sort"]);
  // Joins may reorder rows, so with extensions each row carries its page position.
  const { text, values } = extensions.length
    ? sql`SELECT ${own}${join(extensions.map((e) => sql`, ${e.columns}`), "")}
        FROM unnest(${parentIds}::uuid[]) WITH ORDINALITY AS p(id, ord)
        CROSS JOIN LATERAL (SELECT s.*, row_number() OVER () AS __pos FROM (${pageOf}) s) x
        ${join(extensions.map((e) => e.joins), " ")}
        ORDER BY p.ord, x.__pos`.toQuery()
    : sql`SELECT ${own} FROM unnest(${parentIds}::uuid[]) AS p(id) CROSS JOIN LATERAL (${pageOf}) x`.toQuery();
  const rows: Record<string, unknown>[] = w.limit === 0 ? [] : await queryPage(dataSource, w, text, values);
  const byParent = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = row[parentColumn] as string;
    const list = byParent.get(key);
    if (list) list.push(row);
    else byParent.set(key, [row]);
  }
  const counts = memo(async () => {
    const c = sql`SELECT t.${raw(parentColumn)} AS parent, count(*)::int AS n FROM ${raw(q.table)} t
      ${where([sql`t.${raw(parentColumn)} = ANY(${parentIds}::uuid[])`, ...q.conditions])} GROUP BY 1`.toQuery();
    const result: Array<{ parent: string; n: number }> = await dataSource.query(c.text, c.values);
    return new Map(result.map((r) => [r.parent, r.n]));
  });
  return parentIds.map((id) =>
    toConnection(dataSource, q, w, byParent.get(id) ?? [], async () => (await counts()).get(id) ?? 0, extensions),
  );
}

/** What a nested page reads beyond its filter and order. */
export interface NestedPageOptions<T> {
  /** Computed alongside each row in the same statement. */
  extensions?: readonly PageExtension<T>[];
  /** The table's columns to read (projection.ts), or null for all. */
  columns?: readonly string[] | null;
}

/**
 * One parent's page of a nested list (`Portfolio.children`, `Initiative.hypotheses`, …).
 * Every parent in the request asking for the same list — same `name` and `args` (filter,
 * order, page, and whatever selects the extensions), same columns — is served by one
 * fetchPagesByParent statement through a DataLoader.
 */
export function pageForParent<T>(
  scope: ListScope & { loaders: Loaders },
  name: string,
  args: unknown,
  q: ListQuery<T>,
  parentColumn: string,
  parentId: string,
  page: PageArgs,
  options: NestedPageOptions<T> = {},
): Promise<ConnectionResult<T>> {
  const key = `${name}:${JSON.stringify(args)}:${options.columns?.join(",") ?? "*"}`;
  return scope.loaders.get<string, ConnectionResult<T>>(key, (ids) => fetchPagesByParent(scope, q, parentColumn, ids, page, options)).load(parentId);
}
