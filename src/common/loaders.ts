import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { hydrate } from "../database/hydrate";
import { sql, raw } from "../database/sql";
import { tableOf } from "./node-registry";
import { Visibility } from "./visibility";
import { KnownAt, tableAt } from "../database/known-at";

/**
 * The request's DataLoaders, created lazily by name so every relation a field resolver
 * follows is one batched statement per request tick, never one per parent row.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly dataSource: DataSource,
    readonly access: Visibility,
  ) {}

  /** The record time rows are read at: the operation's `@knownAt` (context.ts, `readAsKnownAt`); null: now. */
  knownAt: KnownAt = null;

  /** A loader cached under `name` for this request. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Visible rows of an entity by primary key (null when absent or hidden from the caller), as known at `k` (default: the operation's knownAt). */
  byId<T>(entity: new () => T, k: KnownAt = this.knownAt): DataLoader<string, T | null> {
    const meta = this.dataSource.getMetadata(entity);
    const type = meta.primaryColumns[0].type === "uuid" || meta.primaryColumns[0].generationStrategy === "uuid" ? "uuid" : "bigint";
    return this.byColumn(entity, "id", type, k);
  }

  /** Visible rows of an entity by a unique column (`metric.key`), null when absent or hidden; as known at the operation's knownAt. */
  byColumn<T>(entity: new () => T, column: string, type: "uuid" | "bigint" | "text", k: KnownAt = this.knownAt): DataLoader<string, T | null> {
    const table = tableOf(entity);
    return this.get<string, T | null>(`by:${table}.${column}:${k?.getTime() ?? "now"}`, async (keys) => {
      const visible = await this.access.condition(table);
      const q =
        sql`SELECT * FROM ${tableAt(table, k)} t WHERE t.${raw(column)} = ANY(${keys}::${raw(type)}[])${visible ? sql` AND ${visible}` : raw("")}`.toQuery();
      const rows: Record<string, unknown>[] = await this.dataSource.query(q.text, q.values);
      const byKey = new Map(rows.map((r) => [String(r[column]), hydrate(this.dataSource, entity, r)]));
      return keys.map((k) => byKey.get(String(k)) ?? null);
    });
  }
}
