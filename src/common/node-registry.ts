import { getMetadataArgsStorage } from "typeorm";

/**
 * Every Node type, read from the TypeORM entity metadata rather than listed by hand: an
 * entity is a Node when its primary key is the `rowId` property (column `id`), and its
 * GraphQL type name is its class name. Global IDs (global-id.ts), `node(id:)`, by-id
 * loaders and page statements all ask here for tables and key formats.
 */
export interface NodeType {
  name: string;
  entity: Function;
  table: string;
  /** How the row key looks in a global ID (uuid, or a positive integer for bigint keys). */
  keyFormat: "uuid" | "int";
}

let byName = new Map<string, NodeType>();
let tables = new Map<Function, string>();
let builtFrom = -1;

/** (Re)reads the metadata when entity modules were loaded since the last look. */
function refresh(): void {
  const storage = getMetadataArgsStorage();
  if (storage.tables.length === builtFrom) return;
  builtFrom = storage.tables.length;
  tables = new Map(storage.tables.map((t) => [t.target as Function, t.name ?? (t.target as Function).name]));
  byName = new Map();
  for (const column of storage.columns) {
    if (column.propertyName !== "rowId" || !column.options.primary) continue;
    const entity = column.target as Function;
    const table = tables.get(entity);
    if (!table) continue;
    const keyFormat = column.options.type === "uuid" ? "uuid" : "int";
    byName.set(entity.name, { name: entity.name, entity, table, keyFormat });
  }
  for (const generated of storage.generations) {
    const type = byName.get((generated.target as Function).name);
    if (type && generated.propertyName === "rowId") type.keyFormat = generated.strategy === "uuid" ? "uuid" : "int";
  }
}

/** The Node type called `name`, or undefined. */
export function nodeType(name: string): NodeType | undefined {
  refresh();
  return byName.get(name);
}

/** The table of an entity class, from its @Entity metadata. */
export function tableOf(entity: Function): string {
  let table = tables.get(entity);
  if (table === undefined) {
    builtFrom = -1;
    refresh();
    table = tables.get(entity);
  }
  if (table === undefined) throw new Error(`${entity.name} is not an entity`);
  return table;
}
