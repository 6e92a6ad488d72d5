import { EntityManager } from "typeorm";
import { ConflictError, NotFoundError } from "../errors";
import { hydrate } from "./hydrate";

/** A property-keyed change set; undefined values are left out (so "not sent" means "keep"). */
export type Changes = Record<string, unknown>;

function columnsOf(em: EntityManager, entity: Function, changes: Changes): Array<[string, unknown]> {
  const meta = em.connection.getMetadata(entity);
  return Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([property, value]) => {
      const column = meta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${meta.name} has no column for ${property}`);
      return [column.databaseName, value];
    });
}

/** INSERT … RETURNING *, as an entity instance. */
export async function insertRow<T>(em: EntityManager, entity: new () => T, table: string, values: Changes): Promise<T> {
  const cols = columnsOf(em, entity, values);
  const text = `INSERT INTO ${table} (${cols.map(([c]) => c).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`;
  const rows = await em.query(text, cols.map(([, v]) => v));
  return hydrate(em.connection, entity, rows[0]);
}

/**
 * Locks a versioned row for the rest of the transaction and checks `expectedVersion`
 * (STACK.md: TypeORM's @VersionColumn does not guard UPDATEs, so we do).
 */
export async function lockForUpdate<T extends { version: number }>(
  em: EntityManager,
  entity: new () => T,
  table: string,
  id: string,
  expectedVersion: number | null | undefined,
  label: string,
): Promise<T> {
  const rows = await em.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows.length) throw new NotFoundError(`${label} not found`, "input.id");
  const current = hydrate(em.connection, entity, rows[0]);
  if (expectedVersion != null && expectedVersion !== current.version) {
    throw new ConflictError(
      `${label} was changed by someone else: expected version ${expectedVersion}, it is now ${current.version}`,
      "input.expectedVersion",
    );
  }
  return current;
}

/** UPDATE … RETURNING *, bumping `version` and `updated_at`. */
export async function updateRow<T>(em: EntityManager, entity: new () => T, table: string, id: string, changes: Changes): Promise<T> {
  const cols = columnsOf(em, entity, changes);
  const sets = cols.map(([c], i) => `${c} = $${i + 2}`);
  sets.push("version = version + 1", "updated_at = now()");
  // wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE
  const rows = await em.query(`WITH u AS (UPDATE ${table} SET ${sets.join(", ")} WHERE id = $1 RETURNING *) SELECT * FROM u`, [
    id,
    ...cols.map(([, v]) => v),
  ]);
  return hydrate(em.connection, entity, rows[0]);
}
