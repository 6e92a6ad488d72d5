import fc from "fast-check";
import express from "express";
import { useTestApp } from "../support/app";
import { createDataSource } from "../../src/database/data-source";
import { formatLsn, parseLsn, ReadRouting } from "../../src/database/replicas";
import { mayWrite } from "../../src/http/consistency";
import { startServer } from "../../src/server";
import { entities } from "../../src/entities";
import { loadConfig } from "../../src/config";

/**
 * Read routing and read-your-writes as one process on one database sees them (issue 16); the
 * same with a real streaming replica is test/cluster. Every answer says where it was read
 * (`extensions.consistency.servedBy`); a mutation's carries the primary's WAL position after
 * its commit (`extensions.consistency.lsn`, header RMO-LSN), which a client sends back as
 * RMO-Min-LSN.
 */
const app = useTestApp();

const CREATE = `mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id name } } }`;

async function send(body: unknown, headers: Record<string, string> = {}, url = app.url) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[]; extensions?: any } };
}

async function primaryLsn(): Promise<bigint> {
  const [row] = await app.dataSource.query("SELECT pg_current_wal_lsn()::text AS lsn");
  return parseLsn(row.lsn)!;
}

describe("WAL positions", () => {
  it("parses and prints what Postgres prints, in order", async () => {
    const [row] = await app.dataSource.query("SELECT pg_current_wal_lsn()::text AS lsn, '16/B374D848'::pg_lsn - '0/0'::pg_lsn AS bytes");
    expect(formatLsn(parseLsn(row.lsn)!)).toBe(row.lsn);
    expect(parseLsn("16/B374D848")).toBe(BigInt(row.bytes));
    for (const bad of ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", " 1 / 2"]) expect(parseLsn(bad)).toBeNull();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        const [pa, pb] = [parseLsn(formatLsn(a))!, parseLsn(formatLsn(b))!];
        return pa === a && pb === b && pa < pb === a < b;
      }),
    );
  });
});

describe("extensions.consistency", () => {
  it("gives a mutation's answer the primary's WAL position after its commit, in the body and the RMO-LSN header", async () => {
    const before = await primaryLsn();
    const res = await send({ query: CREATE, variables: { input: { name: "Consistency" } } });
    expect(res.body.errors).toBeUndefined();
    const lsn = res.body.extensions?.consistency?.lsn as string;
    expect(res.body.extensions?.consistency).toEqual({ servedBy: "primary", lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });
    expect(res.headers.get("rmo-lsn")).toBe(lsn);
    // the commit wrote WAL: the position is past where the primary was before, and not past where it is now
    expect(parseLsn(lsn)!).toBeGreaterThan(before);
    expect(parseLsn(lsn)!).toBeLessThanOrEqual(await primaryLsn());
  });

  it("says where a query was read, and carries no position", async () => {
    const res = await send({ query: `{ portfolios(first: 1) { totalCount } }` });
    expect(res.body.extensions?.consistency).toEqual({ servedBy: "primary" });
    expect(res.headers.get("rmo-lsn")).toBeNull();
    const metrics = await (await fetch(app.url.replace("/graphql", "/metrics"))).text();
    expect(metrics).toMatch(/^rmo_db_reads_total\{target="primary",reason="no-replica"\} [1-9]/m);
  });

  it("answers a replayed keyed mutation with a position at or past the first answer's", async () => {
    const body = { query: CREATE, variables: { input: { name: "Consistency keyed" } } };
    const first = await send(body, { "idempotency-key": "consistency-1" });
    const again = await send(body, { "idempotency-key": "consistency-1" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data).toEqual(first.body.data);
    expect(parseLsn(again.body.extensions.consistency.lsn)!).toBeGreaterThanOrEqual(parseLsn(first.body.extensions.consistency.lsn)!);
  });

  it("serves RMO-Min-LSN from the primary when there is no replica, and refuses a malformed one before anything runs", async () => {
    const { extensions } = (await send({ query: CREATE, variables: { input: { name: "Consistency read back" } } })).body;
    const read = await send({ query: `{ portfolios(first: 500) { nodes { name } } }` }, { "rmo-min-lsn": extensions.consistency.lsn });
    expect(read.body.extensions.consistency).toEqual({ servedBy: "primary" });
    expect(read.body.data.portfolios.nodes.map((p: { name: string }) => p.name)).toContain("Consistency read back");

    const refused = await send({ query: CREATE, variables: { input: { name: "never written" } } }, { "rmo-min-lsn": "yesterday" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ message: expect.stringMatching(/RMO-Min-LSN.*16\/B374D848/), extensions: { code: "BAD_REQUEST" } }]);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name = 'never written'");
    expect(n).toBe(0);
  });
});

describe("which requests may write (served by the primary whole)", () => {
  const req = (method: string, body: unknown) => ({ method, body }) as express.Request;
  it.each([
    ["a mutation", "POST", { query: "mutation { x }" }, true],
    ["a named mutation after a query", "POST", { query: "query A { a } mutation B { b }" }, true],
    ["a query", "POST", { query: "{ portfolios { totalCount } }" }, false],
    ["a query whose field name contains the word", "POST", { query: "{ mutationLog }" }, false],
    ["a query that mentions it in a comment (costs a primary read, never a stale one)", "POST", { query: "# mutation\n{ a }" }, true],
    ["a batch with one mutation", "POST", [{ query: "{ a }" }, { query: "mutation { b }" }], true],
    ["a batch of queries", "POST", [{ query: "{ a }" }, { query: "{ b }" }], false],
    ["a persisted query's hash alone (text unknown)", "POST", { extensions: { persistedQuery: { sha256Hash: "ab" } } }, true],
    ["a GET (a mutation over GET is refused)", "GET", undefined, false],
  ])("%s", (_label, method, body, expected) => {
    expect(mayWrite(req(method, body))).toBe(expected);
  });
});

describe("a replica URL that is not a standby", () => {
  it("is never put in rotation: every read goes to the primary, and /metrics says so", async () => {
    // the same database as the primary: it answers, but pg_is_in_recovery() is false (a
    // promoted replica looks like this; reading from it could show writes the primary never had)
    const url = (app.dataSource.options as { url: string }).url;
    const replica = createDataSource({ url, entities, poolSize: 2 });
    const reads = new ReadRouting(app.dataSource, url, [{ url, dataSource: replica }], { maxLagMs: 5_000, checkMs: 100 });
    await reads.start();
    const server = await startServer(app.config, app.dataSource, 0, reads);
    try {
      expect(reads.status()).toEqual([expect.objectContaining({ name: "replica1", healthy: false })]);
      const res = await send({ query: `{ portfolios(first: 1) { totalCount } }` }, {}, server.url);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.extensions.consistency).toEqual({ servedBy: "primary" });
      const metrics = await (await fetch(server.url.replace("/graphql", "/metrics"))).text();
      expect(metrics).toMatch(/^rmo_replica_up\{replica="replica1"\} 0$/m);
      expect(metrics).toMatch(/^rmo_db_reads_total\{target="primary",reason="fallback"\} [1-9]/m);
    } finally {
      await server.stop();
      await reads.stop();
    }
  });
});

describe("configuration", () => {
  it("reads the replicas and their limits, and refuses what cannot work", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://a/rmo",
      DATABASE_DIRECT_URL: "postgresql://a:5433/rmo",
      DATABASE_REPLICA_URLS: " postgresql://r1/rmo , postgres://r2/rmo,",
      RMO_REPLICA_MAX_LAG_MS: "2000",
    });
    expect(config).toMatchObject({
      databaseDirectUrl: "postgresql://a:5433/rmo",
      replicaUrls: ["postgresql://r1/rmo", "postgres://r2/rmo"],
      replicaMaxLagMs: 2000,
      replicaCheckMs: 500,
    });
    expect(loadConfig({}).replicaUrls).toEqual([]);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: "postgresql://r1/rmo" })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://a/rmo", DATABASE_REPLICA_URLS: "postgresql://r1/rmo,mysql://x" })).toThrow(/entry 2/);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://a/rmo", DATABASE_DIRECT_URL: "http://x" })).toThrow(/DATABASE_DIRECT_URL/);
  });
});
