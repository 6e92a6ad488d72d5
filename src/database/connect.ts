import { DataSource } from "typeorm";
import { Config } from "../config";
import { createDataSource } from "./data-source";
import { EmbeddedServer, startEmbeddedPostgres } from "./embedded";

export interface Database {
  dataSource: DataSource;
  /** Set when we started the embedded Postgres ourselves. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres under the data directory,
 * then applies pending migrations.
 */
export async function connectDatabase(config: Config, entities: Function[], log: (m: string) => void = console.log): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log(`Starting embedded Postgres in ${config.dataDir}/pg …`);
    embedded = await startEmbeddedPostgres(config.dataDir);
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    entities,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    logQueries: config.logQueries,
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: "each" });
    if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return {
    dataSource,
    embedded,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
