import { DataSource, EntityManager, TableColumn } from "typeorm";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { hydrate } from "./hydrate";

/**
 * The one write path. Every insert, update and delete of every entity goes through a `Tx`:
 * it turns a typed change set into SQL, bumps `version` and `updated_at`, checks
 * `expectedVersion`, and hands every change to the change hooks in the same transaction
 * (history and events attach there). See docs/architecture.md, "Write path".
 */

export type EntityClass<T> = new () => T;

/** Keys no change set may name: the keys and the columns the write path (or the history trigger: knownFrom) keeps itself. */
type Managed = "id" | "rowId" | "version" | "createdAt" | "updatedAt" | "knownFrom";

/** The column properties of an entity (relations end in `Relation`; getters are excluded by name). */
export type ColumnKey<T> = Exclude<
  { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string,
  Managed | `${string}Relation`
>;

/** A typed change set: the columns to write; an absent key (or undefined) keeps the value. */
export type ChangeSet<T> = { [K in ColumnKey<T>]?: T[K] };

/**
 * How each column is written, declared once per entity next to its class
 * (`const X_COLUMNS: WritableColumns<X> = {…}`, so a new column that is not classified fails
 * to compile):
 * - "input": copied by name from create and update inputs (`changesFrom`); null clears it;
 * - "required": copied too, but null is refused on update (and means "the default" on create);
 * - `{ onNull: value }`: copied; null writes `value` instead (e.g. tags: null → []);
 * - "system": never copied from an input; the service sets it (foreign keys behind global
 *   IDs, timestamps of state changes, who created it).
 */
export type ColumnRule = "input" | "required" | "system" | { readonly onNull: unknown };
declare const ENTITY: unique symbol;
export type WritableColumns<T> = { readonly [K in ColumnKey<T>]: ColumnRule } & { readonly [ENTITY]?: T };

/**
 * The change set an input asks for: every "input", "required" and "resets" column present in
 * it. `elsewhere` must name every other field of the input (the compiler checks it covers
 * them all), so a field added to an input is either written or consciously handled. `at`:
 * where the input sits in the request (`input`), for the errors' field.
 */
export function changesFrom<T, I extends object>(
  columns: WritableColumns<T>,
  input: I,
  elsewhere: Record<Exclude<keyof I & string, ColumnKey<T>>, true>,
  mode: "create" | "update",
  at: string,
): ChangeSet<T> {
  void elsewhere; // a compile-time list
  const changes: Record<string, unknown> = {};
  const values = input as Record<string, unknown>;
  for (const [key, rule] of Object.entries(columns) as Array<[string, ColumnRule]>) {
    if (rule === "system") continue;
    const value = values[key];
    if (value === undefined) continue;
    if (value === null && rule === "required") {
      if (mode === "update") throw new BadUserInputError(`${key} cannot be null`, `${at}.${key}`);
      continue;
    }
    changes[key] = value === null && typeof rule === "object" ? rule.onNull : value;
  }
  return changes as ChangeSet<T>;
}

/** Who is writing: recorded with every change. */
export interface Actor {
  /** PERSON, TOKEN (an API token's id in `id`), BOOTSTRAP, LOCAL_ADMIN or DEV. */
  kind: string;
  /** A person's subject, an API token's row id, or the bootstrap/local admin name. */
  id: string;
  requestId: string;
}

export type Operation = "CREATE" | "UPDATE" | "ARCHIVE" | "RESTORE" | "DELETE" | "RECORD" | "RETRACT";

/** One change, as the hooks receive it. */
export interface EntityChange {
  /** The entity class name (the GraphQL type name), e.g. "Initiative". */
  entity: string;
  table: string;
  /** The row key. */
  id: string;
  operation: Operation;
  /** The version the change produced (null for unversioned entities). */
  version: number | null;
  /** Column values before and after, by property name: only the columns that changed (all on CREATE/DELETE). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Bulk writes (measurements): what the call did, instead of per-row values. */
  summary?: Record<string, unknown>;
}

/**
 * A change hook: `row` is the whole row as the change left it (as it was, for a DELETE), by
 * property name, for hooks that need more than the changed fields (e.g. the owning portfolio);
 * null for set-based changes.
 */
export type ChangeHook = (tx: Tx, change: EntityChange, row: Record<string, unknown> | null) => Promise<void> | void;
const hooks: ChangeHook[] = [];

/** Registers a hook that receives every change, inside the transaction that made it. Returns its removal. */
export function onChange(hook: ChangeHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

interface ColumnInfo {
  property: string;
  column: string;
  /** The column's SQL type (`numeric(18,2)`, `text array` …), to compare values as stored. */
  type: string;
}

interface TableInfo {
  name: string;
  table: string;
  columns: ColumnInfo[];
  byProperty: Map<string, string>;
  types: Map<string, string>;
  /** json/jsonb columns: their values are sent as JSON text (pg would send a JS array as a Postgres array). */
  json: Set<string>;
  versioned: boolean;
  updatedAt: boolean;
  key: string;
}

const tableInfo = new WeakMap<Function, TableInfo>();

function infoOf(dataSource: DataSource, entity: Function): TableInfo {
  let info = tableInfo.get(entity);
  if (!info) {
    const meta = dataSource.getMetadata(entity);
    const columns = meta.columns.map((c) => ({
      property: c.propertyName,
      column: c.databaseName,
      type: dataSource.driver.createFullType(c as unknown as TableColumn),
    }));
    const byProperty = new Map(columns.map((c) => [c.property, c.column]));
    info = {
      name: meta.targetName,
      table: meta.tableName,
      columns,
      byProperty,
      types: new Map(columns.map((c) => [c.property, c.type])),
      json: new Set(meta.columns.filter((c) => c.type === "json" || c.type === "jsonb").map((c) => c.propertyName)),
      versioned: byProperty.get("version") === "version",
      updatedAt: byProperty.has("updatedAt"),
      key: meta.primaryColumns[0].propertyName,
    };
    tableInfo.set(entity, info);
  }
  return info;
}

/** Property-keyed values of a row, for change records (Dates as ISO text, so they compare and serialise). */
function valuesOf(info: TableInfo, row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { property } of info.columns) {
    // the history trigger's bookkeeping: always the change's own time
    if (property === "knownFrom") continue;
    const v = (row as Record<string, unknown>)[property];
    if (v !== undefined) out[property] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A transaction on the one write path; services get one from `ctx.write(tx => …)`. */
export class Tx {
  /** Every change made in this transaction, in order. */
  readonly changes: EntityChange[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
  ) {}

  /** Runs a statement on the transaction's connection (rows back). */
  query<R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.em.query(text, values);
  }

  private async emit(change: EntityChange, row: Record<string, unknown> | null = null): Promise<void> {
    this.changes.push(change);
    for (const hook of hooks) await hook(this, change, row);
  }

  /**
   * Records a change made by a set-based statement (bulk measurement writes). `scope`: facts
   * the hooks need beyond the public change (e.g. the row keys of the metrics it touched).
   */
  recordChange(change: EntityChange, scope: Record<string, unknown> | null = null): Promise<void> {
    return this.emit(change, scope);
  }

  private setList(info: TableInfo, changes: object, from: number): { sets: string[]; values: unknown[] } {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [property, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const column = info.byProperty.get(property);
      if (!column) throw new Error(`${info.name} has no column for ${property}`);
      values.push(info.json.has(property) ? JSON.stringify(value) : value);
      sets.push(`${column} = $${from + values.length}`);
    }
    return { sets, values };
  }

  /**
   * INSERT … RETURNING *: the new row as an entity; a CREATE change. `version` may be given
   * only where it is data (a snapshot row such as scoring_model_version); versioned rows start at 1.
   * `key`: the new row's primary key, when other rows written first must name it (a decision
   * and the tranches it releases); otherwise the database makes one.
   */
  async insert<T extends object>(entity: EntityClass<T>, values: ChangeSet<T> & { version?: number }, key?: string): Promise<T> {
    const info = infoOf(this.em.connection, entity);
    const { sets, values: params } = this.setList(info, key === undefined ? values : { ...values, [info.key]: key }, 0);
    const columns = sets.map((s) => s.slice(0, s.indexOf(" = ")));
    const placeholders = sets.map((s) => s.slice(s.indexOf(" = ") + 3));
    const text = columns.length
      ? `INSERT INTO ${info.table} (${columns.join(", ")}) VALUES (${placeholders.join(", ")}) RETURNING *`
      : `INSERT INTO ${info.table} DEFAULT VALUES RETURNING *`;
    const [row] = await this.em.query(text, params);
    const created = hydrate(this.em.connection, entity, row);
    const stored = valuesOf(info, created);
    await this.emit(this.changeOf(info, created, "CREATE", null, stored), stored);
    return created;
  }

  /**
   * Locks the row for the rest of the transaction and checks `expectedVersion` (STACK.md:
   * TypeORM's @VersionColumn does not guard updates). NOT_FOUND when it is gone. `at`: the
   * caller's input object the key and version came from (`input`), for the errors' field.
   */
  async lock<T extends object>(entity: EntityClass<T>, key: string, at: string, expectedVersion?: number | null): Promise<T> {
    const info = infoOf(this.em.connection, entity);
    const [row] = await this.em.query(`SELECT * FROM ${info.table} WHERE id = $1 FOR UPDATE`, [key]);
    if (!row) throw new NotFoundError(`${info.name} not found`, `${at}.id`);
    const current = hydrate(this.em.connection, entity, row);
    const version = (current as { version?: number }).version;
    if (expectedVersion != null && info.versioned && expectedVersion !== version) {
      throw new ConflictError(
        `${info.name} was changed by someone else: expected version ${expectedVersion}, it is now ${version}`,
        `${at}.expectedVersion`,
      );
    }
    return current;
  }

  /**
   * UPDATE of a row locked by `lock`: writes the change set, bumps `version` and
   * `updated_at`, and records an UPDATE (or `operation`) change with the fields that
   * changed. A change set that changes nothing as stored (equal values, or values the
   * column rounds to the stored ones) writes nothing and returns `current`.
   */
  async update<T extends object>(entity: EntityClass<T>, current: T, changes: ChangeSet<T>, operation: Operation = "UPDATE"): Promise<T> {
    const info = infoOf(this.em.connection, entity);
    const row = current as Record<string, unknown>;
    const effective: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(changes)) {
      if (value !== undefined && !same(row[property], value)) effective[property] = value;
    }
    if (Object.keys(effective).length === 0) return current;
    const { sets, values } = this.setList(info, effective, 1);
    // compared in SQL as the columns store them, so a value the column rounds is no change
    const cols = Object.keys(effective).map((p) => info.byProperty.get(p)!);
    const params = Object.keys(effective).map((p, i) => `$${i + 2}::${info.types.get(p)}`);
    const differs = `(${cols.join(", ")}) IS DISTINCT FROM (${params.join(", ")})`;
    if (info.versioned) sets.push("version = version + 1");
    if (info.updatedAt) sets.push("updated_at = now()");
    // wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE
    const rows = await this.em.query(
      `WITH u AS (UPDATE ${info.table} SET ${sets.join(", ")} WHERE id = $1 AND ${differs} RETURNING *) SELECT * FROM u`,
      [row[info.key], ...values],
    );
    if (!rows.length) return current;
    const updated = hydrate(this.em.connection, entity, rows[0]);
    const before = valuesOf(info, current);
    const after = valuesOf(info, updated);
    const changed = Object.keys(after).filter((p) => p !== "version" && p !== "updatedAt" && !same(before[p], after[p]));
    await this.emit(
      this.changeOf(
        info,
        updated,
        operation,
        Object.fromEntries(changed.map((p) => [p, before[p] ?? null])),
        Object.fromEntries(changed.map((p) => [p, after[p] ?? null])),
      ),
      after,
    );
    return updated;
  }

  /** DELETE of a row (read or locked first); a DELETE change with its last values. */
  async delete<T extends object>(entity: EntityClass<T>, current: T): Promise<void> {
    const info = infoOf(this.em.connection, entity);
    const key = (current as Record<string, unknown>)[info.key];
    await this.em.query(`DELETE FROM ${info.table} WHERE id = $1`, [key]);
    const values = valuesOf(info, current);
    await this.emit(this.changeOf(info, current, "DELETE", values, null), values);
  }

  private changeOf(info: TableInfo, row: object, operation: Operation, before: EntityChange["before"], after: EntityChange["after"]): EntityChange {
    const r = row as Record<string, unknown>;
    return {
      entity: info.name,
      table: info.table,
      id: String(r[info.key]),
      operation,
      version: info.versioned ? (r.version as number) : null,
      before,
      after,
    };
  }
}

/** Runs `work` in one transaction on the write path. */
export function writeTransaction<R>(dataSource: DataSource, actor: Actor, work: (tx: Tx) => Promise<R>): Promise<R> {
  return dataSource.transaction((em) => work(new Tx(em, actor)));
}
