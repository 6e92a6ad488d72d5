import { Client } from "pg";
import { DataSource } from "typeorm";
import { Config } from "../config";
import { createDataSource } from "./data-source";
import { EmbeddedServer, startEmbeddedPostgres } from "./embedded";
import { ReadRouting } from "./replicas";

export interface Database {
  /** The primary: every write, and the reads of requests that may write. */
  dataSource: DataSource;
  /** The primary with no pooler in between (DATABASE_DIRECT_URL, else the primary's URL): for sessions of one's own. */
  directUrl: string;
  /** Where read-only requests go (the replicas of DATABASE_REPLICA_URLS, else the primary). */
  reads: ReadRouting;
  /** Set when we started the embedded Postgres ourselves. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

/** The advisory-lock class processes starting at once queue on, so one applies the migrations and the others find them applied. */
const MIGRATION_LOCK_CLASS = 0x524d4d;

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres under the data directory, then
 * applies pending migrations (one process at a time, on a direct connection), and opens the
 * read replicas, if any.
 */
export async function connectDatabase(config: Config, entities: Function[], log: (m: string) => void = console.log): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log(`Starting embedded Postgres in ${config.dataDir}/pg …`);
    embedded = await startEmbeddedPostgres(config.dataDir);
    url = embedded.url;
  }
  const directUrl = config.databaseDirectUrl ?? url;
  const options = {
    entities,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    jitOff: config.jitOff,
    logQueries: config.logQueries,
  };
  const dataSource = createDataSource({ url, ...options });
  const replicas = config.replicaUrls.map((u) => ({ url: u, dataSource: createDataSource({ url: u, ...options }) }));
  const reads = new ReadRouting(dataSource, directUrl, replicas, { maxLagMs: config.replicaMaxLagMs, checkMs: config.replicaCheckMs });
  try {
    await dataSource.initialize();
    // a connection of its own, straight to the primary and with no statement timeout: a
    // migration that converts a large table (PartitionMeasurements) takes as long as it takes
    const migrator = createDataSource({ url: directUrl, ...options, poolSize: 1, statementTimeoutMs: 0, applicationName: "rmo-migrations" });
    const applied = await migrate(directUrl, migrator).finally(() => (migrator.isInitialized ? migrator.destroy() : undefined));
    if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
    await reads.start();
    if (reads.enabled) {
      const status = reads.status();
      log(`Read replicas: ${status.map((r) => `${r.name} ${r.healthy ? "in rotation" : "not in rotation yet"}`).join(", ")}`);
    }
  } catch (e) {
    await reads.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw e;
  }
  return {
    dataSource,
    directUrl,
    reads,
    embedded,
    async close() {
      await reads.stop();
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Applies pending migrations holding a session advisory lock on a connection of its own, so
 * API processes that start together apply them once, in order (a transaction-mode pooler
 * would not keep a session lock: hence the direct URL).
 */
async function migrate(directUrl: string, migrator: DataSource): Promise<string[]> {
  const lock = new Client({ connectionString: directUrl, application_name: "rmo-migrations" });
  lock.on("error", () => undefined);
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1, 0)", [MIGRATION_LOCK_CLASS]);
    if (!migrator.isInitialized) await migrator.initialize();
    const applied = await migrator.runMigrations({ transaction: "each" });
    return applied.map((m) => m.name);
  } finally {
    await lock.end().catch(() => undefined);
  }
}
