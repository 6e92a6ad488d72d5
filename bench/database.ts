/**
 * A fresh database for one bench run: a new database `rmo_bench_<timestamp>` on the server
 * DATABASE_URL points at, or an embedded Postgres in a new temporary directory. Either is
 * removed at the end unless --keep. Migrations are applied here, before the server starts.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DataSource } from "typeorm";
import { createDataSource } from "../src/database/data-source";
import { startEmbeddedPostgres } from "../src/database/embedded";
import { entities } from "../src/entities";

export interface BenchDatabase {
  url: string;
  /** "embedded Postgres 18 in /tmp/…" or "rmo_bench_… on host:port". */
  description: string;
  serverVersion: string;
  dataSource: DataSource;
  /** Drops the database / stops the embedded server and deletes its directory (unless keep). */
  close(keep: boolean): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "rmo-bench-admin" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `only`: the migrations to apply (default: all), to build the database an earlier release would have. */
export async function openBenchDatabase(log: (m: string) => void, only?: Function[]): Promise<BenchDatabase> {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  let url: string;
  let description: string;
  let cleanup: (keep: boolean) => Promise<void>;

  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `rmo_bench_${stamp}_${process.pid}`;
    await admin(given, (c) => c.query(`CREATE DATABASE ${name}`));
    url = withDatabase(given, name);
    const u = new URL(url);
    description = `database ${name} on ${u.hostname}:${u.port || 5432} (DATABASE_URL)`;
    cleanup = async (keep) => {
      if (keep) return log(`kept database ${name} (--keep): ${url}`);
      await admin(given, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmo-bench-"));
    log(`starting embedded Postgres in ${dir} …`);
    const embedded = await startEmbeddedPostgres(dir);
    url = embedded.url;
    description = `embedded Postgres in ${dir}`;
    cleanup = async (keep) => {
      await embedded.stop();
      if (keep) return log(`kept the embedded cluster in ${dir} (--keep)`);
      await fs.rm(dir, { recursive: true, force: true });
    };
  }

  const configured = createDataSource({ url, entities, poolSize: 4, statementTimeoutMs: 3_600_000 });
  const dataSource = only ? new DataSource({ ...configured.options, migrations: only }) : configured;
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: "each" });
    log(`applied ${applied.length} migration(s)`);
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    await cleanup(false).catch(() => undefined);
    throw e;
  }
  const [{ server_version: serverVersion }] = await dataSource.query("SHOW server_version");
  return {
    url,
    description,
    serverVersion,
    dataSource,
    async close(keep: boolean) {
      await dataSource.destroy().catch(() => undefined);
      await cleanup(keep);
    },
  };
}
