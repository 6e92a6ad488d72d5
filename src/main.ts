import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { connectDatabase } from "./database/connect";
import { startServer } from "./server";
import { seedDemoIfEmpty } from "./seed/demo";
import { localAdminToken } from "./auth/local-admin";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  if (!config.databaseUrl && !config.auth.bootstrapToken) {
    config.auth.bootstrapToken = localAdminToken(config.dataDir, console.log);
  }
  const db = await connectDatabase(config);
  // demo data only ever goes into the embedded database, never into a server we were pointed at
  if (config.demoData && !config.databaseUrl) await seedDemoIfEmpty(db.dataSource, console.log);
  const server = await startServer(config, db.dataSource);
  console.log(`RMO API ready at ${server.url}${config.nodeEnv === "production" ? "" : " (open it in a browser to explore)"}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error("Failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
