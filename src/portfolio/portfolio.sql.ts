import { Sql, sql } from "../database/sql";

/** A subquery of the ids of `rootId` and every portfolio below it. */
export function subtreeIds(rootId: string): Sql {
  return sql`(WITH RECURSIVE sub(id) AS (
      SELECT id FROM portfolio WHERE id = ${rootId}::uuid
      UNION ALL SELECT p.id FROM portfolio p JOIN sub ON p.parent_id = sub.id
    ) SELECT id FROM sub)`;
}
