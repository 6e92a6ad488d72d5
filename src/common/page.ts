import { DataSource } from "typeorm";
import { hydrate } from "../database/hydrate";
import { Sql, join, raw, sql, where } from "../database/sql";
import { sqlStateOf } from "../database/db-errors";
import { BadUserInputError } from "../errors";
import type { Loaders } from "./loaders";
import { tableOf } from "./node-registry";
import { Visibility } from "./visibility";
import { KnownAt, tableAt } from "../database/known-at";
import { ConnectionResult, CursorValue, Edge, OrderDirection, PageWindow, encodeCursor } from "./connection";

/**
 * The one connection builder: every list the API exposes, root or nested, is one `ListQuery`
 * (what to list) read through one `PagePlan` (how much of it, worked out at the resolver edge
 * by src/graphql/page-plan.ts). Same keyset, projection, look-ahead and batching rules for all.
 * See docs/architecture.md, "Read path".
 */

/** What a list query needs of the request: where to run it, who is asking, its loaders. */
export interface ReadScope {
  dataSource: DataSource;
  access: Visibility;
  loaders: Loaders;
  /** Read every row as known at this instant (null: now): the operation's `@knownAt`. */
  knownAt: KnownAt;
}

/** A list as the API exposes it: rows (alias `t`), filter conditions, and a sort key. */
export interface ListQuery<T> {
  /** The entity each row becomes (hydrated), unless `toNode` says otherwise. */
  entity: new () => T;
  /**
   * Where rows come from, aliased `t`; default: the entity's table, with the caller's
   * visibility condition added (access.ts). A computed list (the value report, a ranking)
   * passes its own relation, already limited to what the caller may see, with an `id` column.
   */
  from?: Sql;
  /** Filter conditions over alias `t`. */
  conditions: Sql[];
  /** Sort expressions over alias `t` (trusted, non-null); `t.id` breaks ties. */
  sort: string | readonly string[];
  direction: OrderDirection;
  /** Builds a node from a row (default: hydrate `entity`). */
  toNode?: (row: Record<string, unknown>) => T;
  /** A condition the statement also reports (root lists only); false → `guard.error()` (e.g. the root portfolio is gone). */
  guard?: { holds: Sql; error: () => Error };
}

/**
 * What a page computes beside each row in the same statement: columns over the page row `x`
 * and the joins they need, and what to keep of them on each node. The resolver edge asks
 * for one when the nodes select a field that registered an extension (prefetch.ts), so the
 * page and what hangs off it cost one statement and the field resolves without a promise.
 */
export interface PageExtension<T> {
  columns: Sql;
  joins: Sql;
  attach(node: T, row: Record<string, unknown>): void;
}

/** How much of a list to read: the window, the columns (null: all), and the extensions. */
export interface PagePlan<T> {
  window: PageWindow;
  columns: readonly string[] | null;
  extensions: readonly PageExtension<T>[];
  /**
   * Whether the client reads cursors (`edges.cursor`, `pageInfo.startCursor`/`endCursor`);
   * default true. Without them no row carries its sort key as text.
   */
  cursors?: boolean;
}

function sortOf(q: ListQuery<unknown>): readonly string[] {
  return typeof q.sort === "string" ? [q.sort] : q.sort;
}

function ascending(q: ListQuery<unknown>, w: PageWindow): boolean {
  return (q.direction === OrderDirection.ASC) !== w.backward;
}

function keysetCondition(q: ListQuery<unknown>, w: PageWindow): Sql | null {
  if (!w.cursor) return null;
  const sort = sortOf(q);
  const field = w.backward ? "before" : "after";
  if (w.cursor.length !== sort.length + 1) throw new BadUserInputError(`${field} is not a valid cursor for this list and order`, field);
  const values = join(
    w.cursor.map((v) => sql`${v}`),
    ", ",
  );
  return sql`(${raw(sort.join(", "))}, t.id) ${raw(ascending(q, w) ? ">" : "<")} (${values})`;
}

function orderClause(q: ListQuery<unknown>, w: PageWindow): Sql {
  const dir = ascending(q, w) ? "ASC" : "DESC";
  return raw(`ORDER BY ${[...sortOf(q), "t.id"].map((s) => `${s} ${dir}`).join(", ")}`);
}

/** Whether the plan's rows carry their sort keys (for cursors). */
const keyed = <T>(plan: PagePlan<T>) => plan.cursors !== false;

/** `, (sort)::text AS __sort0, …` when the rows carry their sort keys; nothing otherwise. */
function sortColumns(q: ListQuery<unknown>, withKeys: boolean): Sql {
  if (!withKeys) return raw("");
  return raw(
    sortOf(q)
      .map((s, i) => `, (${s})::text AS __sort${i}`)
      .join(""),
  );
}

function sortKey(q: ListQuery<unknown>, withKeys: boolean, row: Record<string, unknown>): CursorValue | null {
  if (!withKeys) return null;
  return [...sortOf(q).map((_, i) => row[`__sort${i}`] as string | null), String(row.id)];
}

/**
 * Runs a page statement. A cursor is client input: one that decodes but whose values do not
 * fit the sort columns (made up, or taken from a list sorted by another field) fails in
 * Postgres with a data exception (SQLSTATE class 22); that is the client's mistake, so it
 * is BAD_USER_INPUT on the cursor argument rather than INTERNAL_SERVER_ERROR.
 */
async function queryPage(dataSource: DataSource, w: PageWindow, statement: Sql): Promise<Record<string, unknown>[]> {
  const { text, values } = statement.toQuery();
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

/** An edge whose cursor is encoded only if the client asks for it (no key: the plan said it would not). */
class KeysetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly key: CursorValue | null,
  ) {}

  get cursor(): string {
    if (!this.key) throw new Error("A cursor was read from a page planned without cursors");
    return encodeCursor(this.key);
  }
}

function toConnection<T>(
  dataSource: DataSource,
  q: ListQuery<T>,
  plan: PagePlan<T>,
  rows: Record<string, unknown>[],
  count: () => Promise<number>,
): ConnectionResult<T> {
  const w = plan.window;
  const more = rows.length > w.limit;
  const page = rows.slice(0, w.limit);
  if (w.backward) page.reverse();
  const toNode = q.toNode ?? ((row: Record<string, unknown>) => hydrate(dataSource, q.entity, row));
  const withKeys = keyed(plan);
  const edges = page.map((row) => {
    const node = toNode(row);
    for (const e of plan.extensions) e.attach(node, row);
    return new KeysetEdge(node, sortKey(q, withKeys, row));
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

/** `alias.*`, or the projected columns (trusted names from metadata) and those paging needs. */
function ownColumns(alias: string, columns: readonly string[] | null, needed: string[]): Sql {
  return raw(columns ? [...new Set([...needed, ...columns])].map((c) => `${alias}.${c}`).join(", ") : `${alias}.*`);
}

function sortNames(q: ListQuery<unknown>, withKeys: boolean): string[] {
  return withKeys ? sortOf(q).map((_, i) => `__sort${i}`) : [];
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

/** The rows of `q` (alias `t`), with the caller's visibility applied when they come from the entity's table. */
async function source(scope: ReadScope, q: ListQuery<unknown>): Promise<{ from: Sql; visible: Sql | null }> {
  if (q.from) return { from: sql`${q.from} t`, visible: null };
  const table = tableOf(q.entity);
  return { from: sql`${tableAt(table, scope.knownAt)} t`, visible: await scope.access.condition(table) };
}

/** The extensions' columns and joins around a page subquery `x` (rows keep their page position). */
function extended<T>(own: Sql, plan: PagePlan<T>, inner: Sql, order: Sql): Sql {
  return sql`SELECT ${own}${join(
    plan.extensions.map((e) => sql`, ${e.columns}`),
    "",
  )} FROM ${inner} ${join(
    plan.extensions.map((e) => e.joins),
    " ",
  )} ${order}`;
}

/**
 * One page of a root list: one statement, plus one more only if `totalCount` is asked for.
 * Rows the caller may not see are left out here, so no root list can forget it.
 */
export async function fetchPage<T>(scope: ReadScope, q: ListQuery<T>, plan: PagePlan<T>): Promise<ConnectionResult<T>> {
  const { dataSource } = scope;
  const w = plan.window;
  const { from, visible } = await source(scope, q);
  const filtered = visible ? [...q.conditions, visible] : q.conditions;
  const keyset = keysetCondition(q, w);
  const conds = keyset ? [...filtered, keyset] : filtered;
  // extensions read the row's other columns (x.metric_id …), so with them the page keeps t.*
  const inner = plan.extensions.length ? raw("t.*") : ownColumns("t", plan.columns, ["id"]);
  const withKeys = keyed(plan);
  const pageSql = sql`SELECT ${inner}${sortColumns(q, withKeys)} FROM ${from} ${where(conds)} ${orderClause(q, w)} LIMIT ${w.limit + 1}`;
  const own = ownColumns("x", plan.columns, ["id", ...sortNames(q, withKeys)]);
  let statement = plan.extensions.length
    ? extended(own, plan, sql`(SELECT s.*, row_number() OVER () AS __pos FROM (${pageSql}) s) x`, raw("ORDER BY x.__pos"))
    : pageSql;
  if (q.guard) {
    statement = sql`SELECT g.ok AS __guard, p.* FROM (SELECT ${q.guard.holds} AS ok) g LEFT JOIN LATERAL (${statement}) p ON true`;
  }
  let rows = w.limit === 0 && !q.guard ? [] : await queryPage(dataSource, w, statement);
  if (q.guard) {
    if (!rows[0]?.__guard) throw q.guard.error();
    rows = w.limit === 0 ? [] : rows.filter((r) => r.id != null);
  }
  const count = memo(async () => {
    const c = sql`SELECT count(*)::int AS n FROM ${from} ${where(filtered)}`.toQuery();
    const [{ n }] = await dataSource.query(c.text, c.values);
    return n as number;
  });
  return toConnection(dataSource, q, plan, rows, count);
}

/**
 * How a nested list's rows hang off their parent: a foreign key column on alias `t`, or a
 * condition over the parent's id (e.g. "in the parent's subtree").
 */
export type ParentLink = string | ((parentId: Sql) => Sql);

function linkCondition(link: ParentLink, parentId: Sql): Sql {
  return typeof link === "string" ? sql`t.${raw(link)} = ${parentId}` : link(parentId);
}

/** The statement of a nested page for many parents at once (one LATERAL statement); rows carry `__parent`. */
function nestedPageSql<T>(q: ListQuery<T>, plan: PagePlan<T>, table: Sql, link: ParentLink, parentIds: readonly string[]): Sql {
  const w = plan.window;
  const keyset = keysetCondition(q, w);
  const conds = [linkCondition(link, raw("p.id")), ...q.conditions, ...(keyset ? [keyset] : [])];
  const withKeys = keyed(plan);
  const pageOf = sql`SELECT t.*${sortColumns(q, withKeys)} FROM ${table} t ${where(conds)} ${orderClause(q, w)} LIMIT ${w.limit + 1}`;
  const own = sql`p.id AS __parent, ${ownColumns("x", plan.columns, ["id", ...sortNames(q, withKeys)])}`;
  // joins may reorder rows, so with extensions each row carries its page position
  return plan.extensions.length
    ? extended(
        own,
        plan,
        sql`unnest(${parentIds}::uuid[]) WITH ORDINALITY AS p(id, ord)
        CROSS JOIN LATERAL (SELECT s.*, row_number() OVER () AS __pos FROM (${pageOf}) s) x`,
        raw("ORDER BY p.ord, x.__pos"),
      )
    : sql`SELECT ${own} FROM unnest(${parentIds}::uuid[]) AS p(id) CROSS JOIN LATERAL (${pageOf}) x`;
}

/**
 * The same page of a nested list for many parents at once: one statement whatever the
 * number of parents. Counts, when asked for, are one more statement. No visibility filter:
 * every nested list hangs off a parent the caller can already see, and roles hold for
 * everything below a portfolio, so its children are visible too.
 */
async function fetchPagesByParent<T>(
  scope: ReadScope,
  q: ListQuery<T>,
  plan: PagePlan<T>,
  link: ParentLink,
  parentIds: readonly string[],
): Promise<ConnectionResult<T>[]> {
  const { dataSource } = scope;
  const table = tableAt(tableOf(q.entity), scope.knownAt);
  const w = plan.window;
  const rows = w.limit === 0 ? [] : await queryPage(dataSource, w, nestedPageSql(q, plan, table, link, parentIds));
  const byParent = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = row.__parent as string;
    const list = byParent.get(key);
    if (list) list.push(row);
    else byParent.set(key, [row]);
  }
  const counts = memo(async () => {
    const c = sql`SELECT p.id AS parent, (SELECT count(*)::int FROM ${table} t ${where([linkCondition(link, raw("p.id")), ...q.conditions])}) AS n
      FROM unnest(${parentIds}::uuid[]) AS p(id)`.toQuery();
    const result: Array<{ parent: string; n: number }> = await dataSource.query(c.text, c.values);
    return new Map(result.map((r) => [r.parent, r.n]));
  });
  return parentIds.map((id) => toConnection(dataSource, q, plan, byParent.get(id) ?? [], async () => (await counts()).get(id) ?? 0));
}

/**
 * One parent's page of a nested list (`Portfolio.children`, `Initiative.hypotheses`, …).
 * Every parent in the request whose page is the same statement is served by one batched
 * statement: the batch key is that statement itself (text and values, without the parent
 * ids), so two different pages can never share one.
 */
export function fetchPageOfParent<T>(
  scope: ReadScope,
  q: ListQuery<T>,
  plan: PagePlan<T>,
  link: ParentLink,
  parentId: string,
): Promise<ConnectionResult<T>> {
  const shape = nestedPageSql(q, plan, tableAt(tableOf(q.entity), scope.knownAt), link, []).toQuery();
  const key = `page:${shape.text}:${JSON.stringify(shape.values)}`;
  return scope.loaders.get<string, ConnectionResult<T>>(key, (ids) => fetchPagesByParent(scope, q, plan, link, ids)).load(parentId);
}
