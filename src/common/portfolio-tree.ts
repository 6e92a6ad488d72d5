import { raw, Sql, sql } from "../database/sql";
import { KnownAt, tableAt } from "../database/known-at";

/**
 * The portfolio tree in SQL, in one place: every walk down or up the tree is one of these.
 * The tree is acyclic (updatePortfolio refuses a move under its own subtree), so the walks
 * end, and UNION ALL never repeats a row for one seed.
 */

/**
 * A recursive CTE `name(id, …carried)`: the rows of `seed` (its columns: id, then
 * `carried`), then every portfolio below each of them, carrying the seed row's values.
 * `downWhile`: a boolean column among `carried`; rows where it is false are not descended.
 * `k`: walk the tree as it was known then (null: now). Use it after `WITH RECURSIVE`.
 */
export function belowCte(name: string, seed: Sql, carried: readonly string[] = [], downWhile?: string, k: KnownAt = null): Sql {
  const cols = ["id", ...carried].join(", ");
  const carry = carried.map((c) => `, w.${c}`).join("");
  const cond = downWhile ? ` WHERE w.${downWhile}` : "";
  return sql`${raw(name)}(${raw(cols)}) AS (
      ${seed}
      UNION ALL SELECT p.id${raw(carry)} FROM ${tableAt("portfolio", k)} p JOIN ${raw(name)} w ON p.parent_id = w.id${raw(cond)}
    )`;
}

/** A subquery of the ids of the portfolios in `roots` (a uuid[] expression) and every portfolio below them (as known at `k`). */
export function subtreeOf(roots: Sql, k: KnownAt = null): Sql {
  const seed = sql`SELECT id FROM ${tableAt("portfolio", k)} root WHERE id = ANY(${roots})`;
  return sql`(WITH RECURSIVE ${belowCte("sub", seed, [], undefined, k)} SELECT id FROM sub)`;
}

/** A subquery of the ids of `rootId` and every portfolio below it (as known at `k`). */
export function subtreeIds(rootId: string, k: KnownAt = null): Sql {
  return subtreeOf(sql`ARRAY[${rootId}::uuid]`, k);
}

/** A subquery of the ids of `id` and every portfolio above it, up to its root (as known at `k`). */
export function ancestorsOf(id: string | Sql, k: KnownAt = null): Sql {
  const portfolio = tableAt("portfolio", k);
  return sql`(WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM ${portfolio} self WHERE id = ${id}::uuid
      UNION ALL SELECT p.id, p.parent_id FROM ${portfolio} p JOIN up ON p.id = up.parent_id
    ) SELECT id FROM up)`;
}
