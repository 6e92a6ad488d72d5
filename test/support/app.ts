import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { loadConfig, Config } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";
import { startServer, RunningServer } from "../../src/server";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  extensions?: Record<string, any>;
}

/** A real server on a fresh database of its own, reached over HTTP like any client. */
export interface TestApp {
  url: string;
  dataSource: DataSource;
  config: Config;
  /** POSTs a GraphQL operation and returns the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const adminUrl = process.env.RMO_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error("RMO_TEST_ADMIN_URL is not set: run the tests through jest (test/support/global-setup.ts)");
  const database = `rmo_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const url = withDatabase(adminUrl, database);
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PORT: "0", RMO_SQL_STATS: "1", ...env });
  const dataSource = createDataSource({ url, poolSize: 12 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  const server: RunningServer = await startServer(config, dataSource, 0);

  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  return {
    url: server.url,
    dataSource,
    config,
    gql,
    async ok(query, variables) {
      const res = await gql(query, variables);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data;
    },
    async close() {
      await server.stop();
      await dataSource.destroy();
      const a = new Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Starts one app for the whole test file. */
export function useTestApp(env?: Record<string, string>): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await startTestApp(env));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}
