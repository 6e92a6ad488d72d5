import "reflect-metadata";
import { createDataSource } from "./src/database/data-source";
import { entities } from "./src/entities";
import { readEnvFile } from "./src/config";

/**
 * The data source for TypeORM tooling. It needs DATABASE_URL (from the environment or `.env`); `npm run migration:*`
 * (scripts/migration.ts) also works without it by starting the embedded Postgres.
 */
readEnvFile();
if (!process.env.DATABASE_URL) {
  throw new Error("ormconfig.ts needs DATABASE_URL; use `npm run migration:run` for the embedded database");
}
export default createDataSource({ entities, url: process.env.DATABASE_URL });
