import { DataSource } from "typeorm";

type Columns = Array<[property: string, column: string]>;
const cache = new WeakMap<Function, Columns>();

/**
 * Turns a raw row (`SELECT t.*`) into an entity instance, so getters such as the global
 * `id` work on rows read with hand-written SQL. Column types are already converted by pg.
 */
export function hydrate<T>(dataSource: DataSource, entity: new () => T, row: Record<string, unknown>): T {
  let columns = cache.get(entity);
  if (!columns) {
    columns = dataSource.getMetadata(entity).columns.map((c) => [c.propertyName, c.databaseName]);
    cache.set(entity, columns);
  }
  const obj = new entity() as Record<string, unknown>;
  for (const [property, column] of columns) {
    if (column in row) obj[property] = row[column];
  }
  return obj as T;
}

export function hydrateAll<T>(dataSource: DataSource, entity: new () => T, rows: Record<string, unknown>[]): T[] {
  return rows.map((r) => hydrate(dataSource, entity, r));
}
