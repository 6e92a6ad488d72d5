import "reflect-metadata";
import { ConfigError, loadConfig, readEnvFile } from "../src/config";
import { connectDatabase } from "../src/database/connect";
import { freeDemoInstance, seedDemo } from "../src/seed/demo";
import { entities } from "../src/entities";

/**
 * `npm run seed:demo [-- --force] [-- --now=2025-06-30T12:00:00Z]`: loads the demo dataset
 * into DATABASE_URL, or into the embedded database when it is unset.
 *
 * A database that already holds portfolios is refused unless --force is given. With --force
 * the demo goes in beside the existing data as a separate tree: metric keys are unique
 * across the database, so that copy's keys get a suffix (`cs.nps-2`, then `-3` …) and its
 * root is named "Acme Group (demo 2)"; nothing existing is changed or deleted.
 */

const TABLES = ["portfolio", "initiative", "metric", "outcome_hypothesis", "measurement", "measurement_revision"];

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run seed:demo [-- --force] [-- --now=<ISO instant>]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { force: boolean; now?: Date } {
  let force = false;
  let now: Date | undefined;
  for (const arg of argv) {
    if (arg === "--force") force = true;
    else if (arg.startsWith("--now=")) {
      now = new Date(arg.slice("--now=".length));
      if (Number.isNaN(now.getTime())) usage(`Not an instant: ${arg}`);
    } else usage(`Unknown argument: ${arg}`);
  }
  return { force, now };
}

/** Where we write, without the password. */
function describe(url: string | undefined): string {
  if (!url) return "the embedded database";
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

async function main(): Promise<number> {
  const { force, now } = parseArgs(process.argv.slice(2));
  let config;
  try {
    readEnvFile();
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) usage(`Configuration error: ${e.message}`);
    throw e;
  }
  const db = await connectDatabase(config, entities);
  try {
    const [{ n }] = await db.dataSource.query("SELECT count(*)::int AS n FROM portfolio");
    if (n > 0 && !force) {
      console.error(
        `Refusing to seed: ${describe(config.databaseUrl)} already holds ${n} portfolio(s).\n` +
          "Run with --force to add the demo beside them (its metric keys then get a -2, -3 … suffix).",
      );
      return 1;
    }
    const instance = n > 0 ? await freeDemoInstance(db.dataSource) : 1;
    console.log(`Seeding ${describe(config.databaseUrl)}${instance > 1 ? ` (copy ${instance}: metric keys end in -${instance})` : ""} …`);
    await seedDemo(db.dataSource, console.log, { now, instance });

    const counts: Array<{ name: string; rows: number }> = await db.dataSource.query(
      TABLES.map((t) => `SELECT '${t}' AS name, count(*)::int AS rows FROM ${t}`).join(" UNION ALL "),
    );
    console.log("Rows now in the database:");
    for (const { name, rows } of counts) console.log(`  ${name.padEnd(22)} ${String(rows).padStart(7)}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error("Seeding failed:", e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
