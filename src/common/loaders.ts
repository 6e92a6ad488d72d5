import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { hydrate } from "../database/hydrate";

/**
 * The request's DataLoaders, created lazily by name so every relation a field resolver
 * follows is one batched statement per request tick, never one per parent row.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly dataSource: DataSource) {}

  /** A loader cached under `name` for this request. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Rows of `table` by primary key (null when absent), as entity instances. */
  byId<T>(entity: new () => T, table: string, keyType: "uuid" | "bigint" = "uuid"): DataLoader<string, T | null> {
    return this.get<string, T | null>(`byId:${table}`, async (ids) => {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT * FROM ${table} WHERE id = ANY($1::${keyType}[])`,
        [ids],
      );
      const byKey = new Map(rows.map((r) => [String(r.id), hydrate(this.dataSource, entity, r)]));
      return ids.map((id) => byKey.get(String(id)) ?? null);
    });
  }
}
