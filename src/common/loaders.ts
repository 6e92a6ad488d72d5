import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { hydrate } from "../database/hydrate";
import { sql, raw } from "../database/sql";
import { tableOf } from "./node-registry";
import { Visibility } from "./visibility";

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

  /** A loader cached under `name` for this request. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Visible rows of an entity by primary key (null when absent or hidden from the caller). */
  byId<T>(entity: new () => T): DataLoader<string, T | null> {
    const meta = this.dataSource.getMetadata(entity);
    const type = meta.primaryColumns[0].type === "uuid" || meta.primaryColumns[0].generationStrategy === "uuid" ? "uuid" : "bigint";
    return this.byColumn(entity, "id", type);
  }

  /** Visible rows of an entity by a unique column (`metric.key`), null when absent or hidden. */
  byColumn<T>(entity: new () => T, column: string, type: "uuid" | "bigint" | "text"): DataLoader<string, T | null> {
    const table = tableOf(entity);
    return this.get<string, T | null>(`by:${table}.${column}`, async (keys) => {
      const visible = await this.access.condition(table);
      const q =
        sql`SELECT * FROM ${raw(table)} t WHERE t.${raw(column)} = ANY(${keys}::${raw(type)}[])${visible ? sql` AND ${visible}` : raw("")}`.toQuery();
      const rows: Record<string, unknown>[] = await this.dataSource.query(q.text, q.values);
      const byKey = new Map(rows.map((r) => [String(r[column]), hydrate(this.dataSource, entity, r)]));
      return keys.map((k) => byKey.get(String(k)) ?? null);
    });
  }
}
