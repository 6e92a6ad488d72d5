import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { loadConfig, Config } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";
import { startServer, RunningServer } from "../../src/server";
import { entities } from "../../src/entities";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  extensions?: Record<string, any>;
}

/** A real server on a fresh database of its own, reached over HTTP like any client. */
export interface TestApp {
  url: string;
  /** The running server (its `stop()` drains as on SIGTERM). */
  server: RunningServer;
  /** The global-admin bootstrap token every request sends unless told otherwise. */
  adminToken: string;
  dataSource: DataSource;
  config: Config;
  /**
   * POSTs a GraphQL operation and returns the parsed body. It authenticates as the global
   * admin unless `headers.authorization` is given ("" sends no credentials at all).
   */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  /** gql and ok as another caller: a JWT or API token secret. */
  as(token: string): { gql: TestApp["gql"]; ok: TestApp["ok"] };
  close(): Promise<void>;
}

/** HS256 secret the test server accepts for people's JWTs (see test/support/jwt.ts). */
export const TEST_JWT_SECRET = "test-jwt-secret-for-hs256-at-least-32-characters";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestAppOptions {
  /** The migrations to apply (default: all); a prefix builds the database as an earlier release left it. */
  migrations?: Function[];
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = process.env.RMO_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error("RMO_TEST_ADMIN_URL is not set: run the tests through jest (test/support/global-setup.ts)");
  const database = `rmo_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const url = withDatabase(adminUrl, database);
  const adminToken = "test-bootstrap-admin-token-0123456789";
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: url,
    PORT: "0",
    RMO_SQL_STATS: "1",
    RMO_BOOTSTRAP_TOKEN: adminToken,
    RMO_JWT_SECRET: TEST_JWT_SECRET,
    // access lines stay out of the test output unless a test asks for them
    RMO_LOG_LEVEL: "warn",
    // the executor under test (graphql-jit by default; RMO_EXECUTOR=graphql-js npm test runs the suite on graphql-js)
    ...(process.env.RMO_EXECUTOR ? { RMO_EXECUTOR: process.env.RMO_EXECUTOR } : {}),
    ...env,
  });
  const configured = createDataSource({ url, entities, poolSize: config.poolSize, statementTimeoutMs: config.statementTimeoutMs });
  const dataSource = options.migrations ? new DataSource({ ...configured.options, migrations: options.migrations }) : configured;
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  const server: RunningServer = await startServer(config, dataSource, 0);

  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { authorization = `Bearer ${adminToken}`, ...rest } = headers;
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...rest },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  const okWith =
    (authorization?: string) =>
    async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const res = await gql(query, variables, authorization === undefined ? headers : { ...headers, authorization });
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data;
    };
  return {
    url: server.url,
    server,
    adminToken,
    dataSource,
    config,
    gql,
    ok: okWith(),
    as(token: string) {
      return {
        gql: (query, variables, headers = {}) => gql(query, variables, { authorization: `Bearer ${token}`, ...headers }),
        ok: okWith(`Bearer ${token}`),
      };
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
