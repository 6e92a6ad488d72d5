import { DataSource } from "typeorm";
import { raw, Sql } from "./sql";

type Columns = Array<[property: string, column: string]>;
const cache = new WeakMap<Function, Map<string, Columns>>();

/** The entity's [property, column] pairs, each column name preceded by `prefix`. */
function columnsOf(dataSource: DataSource, entity: Function, prefix: string): Columns {
  let byPrefix = cache.get(entity);
  if (!byPrefix) cache.set(entity, (byPrefix = new Map()));
  let columns = byPrefix.get(prefix);
  if (!columns) {
    columns = dataSource.getMetadata(entity).columns.map((c) => [c.propertyName, prefix + c.databaseName]);
    byPrefix.set(prefix, columns);
  }
  return columns;
}

/**
 * Turns a raw row (`SELECT t.*`) into an entity instance, so getters such as the global
 * `id` work on rows read with hand-written SQL. Column types are already converted by pg.
 * With a `prefix`, reads the columns `selectPrefixed` named (a joined row beside another).
 */
export function hydrate<T>(dataSource: DataSource, entity: new () => T, row: Record<string, unknown>, prefix = ""): T {
  const obj = new entity() as Record<string, unknown>;
  for (const [property, column] of columnsOf(dataSource, entity, prefix)) {
    if (column in row) obj[property] = row[column];
  }
  return obj as T;
}

export function hydrateAll<T>(dataSource: DataSource, entity: new () => T, rows: Record<string, unknown>[]): T[] {
  return rows.map((r) => hydrate(dataSource, entity, r));
}

/** `alias.col AS <prefix>col, …` for `columns`, or every column of the entity (trusted names only). */
export function selectPrefixed(dataSource: DataSource, entity: Function, alias: string, prefix: string, columns?: readonly string[] | null): Sql {
  const names = columns ?? columnsOf(dataSource, entity, "").map(([, column]) => column);
  return raw(names.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(", "));
}
