import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { loadConfig, readEnvFile } from "../src/config";
import { createDataSource } from "../src/database/data-source";
import { startEmbeddedPostgres } from "../src/database/embedded";
import { entities } from "../src/entities";

/**
 * `npm run migration:generate -- Name` writes the SQL that brings the database to the
 * entities as a new migration (read it, then add it to src/database/migrations/index.ts);
 * `migration:run` applies pending ones; `migration:revert` undoes the last one.
 * Uses DATABASE_URL, or the embedded Postgres under RMO_DATA_DIR.
 */
async function main() {
  const [command, name] = process.argv.slice(2);
  readEnvFile();
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  // RMO_STATEMENT_TIMEOUT_MS bounds each statement here too: raise it for a migration that rewrites a large table
  const ds = createDataSource({ entities, url: config.databaseUrl ?? embedded!.url, statementTimeoutMs: config.statementTimeoutMs });
  await ds.initialize();
  try {
    if (command === "run") {
      const done = await ds.runMigrations({ transaction: "each" });
      console.log(done.length ? `Applied: ${done.map((m) => m.name).join(", ")}` : "No pending migrations");
    } else if (command === "revert") {
      await ds.undoLastMigration({ transaction: "each" });
      console.log("Reverted the last migration");
    } else if (command === "generate") {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error("Usage: npm run migration:generate -- <PascalCaseName>");
      await ds.runMigrations({ transaction: "each" });
      const log = await ds.driver.createSchemaBuilder().log();
      if (!log.upQueries.length) {
        console.log("The database already matches the entities: nothing to generate");
        return;
      }
      const stamp = Date.now();
      const q = (s: string) => "`" + s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${") + "`";
      const up = log.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join("\n");
      const down = log.downQueries
        .reverse()
        .map((x) => `    await queryRunner.query(${q(x.query)});`)
        .join("\n");
      const file = path.join(__dirname, "..", "src", "database", "migrations", `${stamp}-${name}.ts`);
      fs.writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from "typeorm";\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = "${name}${stamp}";\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      console.log(`Wrote ${path.relative(process.cwd(), file)}: read it, then add it to src/database/migrations/index.ts`);
    } else {
      throw new Error("Usage: scripts/migration.ts generate <Name> | run | revert");
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
