import "reflect-metadata";
import v8 from "node:v8";
import { ConfigError, loadConfig, readEnvFile } from "./config";
import { connectDatabase } from "./database/connect";
import { startServer } from "./server";
import { seedDemoIfEmpty } from "./seed/demo";
import { localAdminToken } from "./auth/local-admin";
import { entities } from "./entities";
import { startPartitionMaintenance } from "./measurement/partitions";
import { log } from "./common/log";

/**
 * Lets V8's old generation grow to (1 + percent/100) × the live heap between full collections
 * instead of up to ~4×. Requests here keep their objects across database round trips, so
 * most garbage is promoted: with ~33 MB live, the heap reached ~140 MB before each full
 * collection and the process peaked at 290–304 MB in `npm run bench`. At 100 % it collects at
 * ~85 MB (a few ms each, about three times a second under load) and peaked at 205 MB, with
 * no throughput change the bench could see. A flag given to node itself wins.
 */
function tuneGarbageCollector(percent: number) {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent/.test(a));
  if (percent > 0 && !given) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

async function main() {
  let config;
  try {
    const envFile = readEnvFile();
    if (envFile) console.log(`Read settings from ${envFile} (variables set in the environment win)`);
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  tuneGarbageCollector(config.heapGrowingPercent);
  if (!config.databaseUrl && !config.auth.bootstrapToken) {
    config.auth.bootstrapToken = localAdminToken(config.dataDir, console.log);
  }
  const db = await connectDatabase(config, entities);
  // demo data only ever goes into the embedded database, never into a server we were pointed at
  if (config.demoData && !config.databaseUrl) await seedDemoIfEmpty(db.dataSource, console.log);
  const server = await startServer(config, db.dataSource, config.port, db.reads);
  // the coming quarters of the partitioned measurement store, at start and every 6 hours
  const partitions = startPartitionMaintenance(db.dataSource, log);
  console.log(`RMO API ready at ${server.url}${config.nodeEnv === "production" ? "" : " (open it in a browser to explore)"}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`${signal}: shutting down`);
    await server.stop();
    const served = Date.now() - started;
    partitions.stop();
    await db.close();
    console.log(`Stopped: requests drained in ${served} ms, database closed in ${Date.now() - started - served} ms`);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error("Failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
