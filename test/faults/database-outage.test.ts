import net from "node:net";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";
import { entities } from "../../src/entities";
import { RunningServer, startServer } from "../../src/server";

/**
 * The database goes away or stops answering (issue 13), simulated on loopback by a TCP proxy
 * between the service and Postgres: "down" refuses and drops every connection, "frozen"
 * accepts them but passes no byte (a SIGSTOPped Postgres). Requests then fail fast with
 * SERVICE_UNAVAILABLE, HTTP 503 and Retry-After, /readyz says so within a second, /livez
 * stays up, and the service recovers by itself when the database is back.
 */

class FaultyProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private frozen = false;
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
      client.on("data", (d) => !this.frozen && upstream.write(d));
      upstream.on("data", (d) => !this.frozen && client.write(d));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  /** Refuses new connections and drops every open one. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }

  /** Connections stay open, but no byte passes either way (bytes sent meanwhile are lost, as on a dead link). */
  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
  }
}

const TOKEN = "test-bootstrap-admin-token-0123456789";
let proxy: FaultyProxy;
let server: RunningServer;
let dataSource: DataSource;
let database: string;
const adminUrl = () => process.env.RMO_TEST_ADMIN_URL!;

beforeAll(async () => {
  database = `rmo_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const direct = new URL(adminUrl());
  direct.pathname = `/${database}`;
  const migrate = createDataSource({ url: direct.toString(), entities });
  await migrate.initialize();
  await migrate.runMigrations({ transaction: "each" });
  await migrate.destroy();

  proxy = new FaultyProxy(direct.hostname, Number(direct.port || 5432));
  await proxy.up();
  const viaProxy = new URL(direct.toString());
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: viaProxy.toString(),
    PORT: "0",
    RMO_BOOTSTRAP_TOKEN: TOKEN,
    RMO_STATEMENT_TIMEOUT_MS: "1000",
  });
  dataSource = createDataSource({ url: viaProxy.toString(), entities, poolSize: 4, statementTimeoutMs: config.statementTimeoutMs });
  await dataSource.initialize();
  server = await startServer(config, dataSource, 0);
});

afterAll(async () => {
  proxy.thaw();
  await server?.stop();
  await dataSource?.destroy().catch(() => undefined);
  await proxy?.down();
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

const base = () => server.url.replace(/\/graphql$/, "");

async function gql(query: string, variables?: Record<string, unknown>) {
  const started = Date.now();
  const res = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any, ms: Date.now() - started };
}

const RECORD = `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted unchanged } }`;

/** Retries like a script would, until the answer is not a 503 (or gives up after `ms`). */
async function untilServed(call: () => ReturnType<typeof gql>, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const res = await call();
    if (res.status !== 503 || Date.now() > until) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("database outages", () => {
  let metricKey: string;

  beforeAll(async () => {
    const p = await gql(`mutation { createPortfolio(input: {name: "Faults"}) { portfolio { id } } }`);
    metricKey = `faults.${Date.now()}`;
    await gql(
      `mutation($p: ID!, $k: String!) { createMetric(input: {portfolioId: $p, key: $k, name: "Faults", direction: INCREASE}) { metric { id } } }`,
      {
        p: p.body.data.createPortfolio.portfolio.id,
        k: metricKey,
      },
    );
  });

  it("down: 503 SERVICE_UNAVAILABLE with Retry-After, /readyz 503 fast, /livez 200; recovers by itself and loses nothing", async () => {
    await proxy.down();
    const batch = { input: { measurements: [{ metricKey, value: 7, observedAt: "2026-03-01T00:00:00Z", source: "outage" }] } };
    const refused = await gql(RECORD, batch);
    expect(refused).toMatchObject({ status: 503, retryAfter: "5", body: { errors: [{ extensions: { code: "SERVICE_UNAVAILABLE" } }] } });
    expect(JSON.stringify(refused.body)).not.toMatch(/ECONNREFUSED|SELECT|at /);
    const started = Date.now();
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await fetch(`${base()}/livez`)).status).toBe(200);

    await proxy.up();
    const served = await untilServed(() => gql(RECORD, batch));
    expect(served.status).toBe(200);
    expect(served.body.data.recordMeasurements).toEqual({ inserted: 1, unchanged: 0 });
    expect((await fetch(`${base()}/readyz`)).status).toBe(200);
  });

  it("frozen: a request fails within the client-side timeout instead of hanging; /readyz 503 within a second", async () => {
    proxy.freeze();
    try {
      const res = await gql(`{ portfolios(first: 1) { totalCount } }`);
      expect(res.status).toBe(503);
      expect(res.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
      // statement timeout 1 s + 2 s client margin, or the 10 s connect timeout at worst
      expect(res.ms).toBeLessThan(12_000);
      const started = Date.now();
      expect((await fetch(`${base()}/readyz`)).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      proxy.thaw();
    }
    // connections that saw the freeze are broken: drop them, as a network partition would
    await proxy.down();
    await proxy.up();
    const served = await untilServed(() => gql(`{ portfolios(first: 1) { totalCount } }`));
    expect(served.status).toBe(200);
  });
});
