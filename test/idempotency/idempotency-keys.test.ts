import "reflect-metadata";
import { Client } from "pg";
import { TestApp, useTestApp } from "../support/app";
import { INSTANCE_LOCK_CLASS } from "../../src/idempotency/liveness";
import { createToken } from "../support/auth-factories";

const RECORD = `mutation Record($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code message field } }
}`;

interface Sent {
  status: number;
  replayed: string | null;
  retryAfter: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** POSTs an operation with an Idempotency-Key (unless `key` is null) and returns the status, the replay header and the body. */
async function send(app: TestApp, key: string | null, query: string, variables: Record<string, unknown>, token = app.adminToken): Promise<Sent> {
  const res = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(key === null ? {} : { "idempotency-key": key }) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    replayed: res.headers.get("idempotent-replayed"),
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as Sent["body"],
  };
}

let metricSeq = 0;
async function metric(app: TestApp): Promise<{ key: string; rowId: string }> {
  const key = `idem.metric.${++metricSeq}`;
  const [p] = await app.dataSource.query(`INSERT INTO portfolio (name) VALUES ($1) RETURNING id`, [`P ${key}`]);
  const [m] = await app.dataSource.query(`INSERT INTO metric (key, name, direction, portfolio_id) VALUES ($1, $1, 'INCREASE', $2) RETURNING id`, [
    key,
    p.id,
  ]);
  return { key, rowId: m.id };
}

const item = (metricKey: string, value: number, minute = 0) => ({
  metricKey,
  value,
  observedAt: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(),
  source: "etl",
});

async function values(app: TestApp, metricRowId: string): Promise<number[]> {
  const rows = await app.dataSource.query(`SELECT value FROM measurement WHERE metric_id = $1 ORDER BY observed_at`, [metricRowId]);
  return rows.map((r: { value: number }) => r.value);
}

async function revisions(app: TestApp, metricRowId: string): Promise<number> {
  const [r] = await app.dataSource.query(`SELECT count(*)::int AS n FROM measurement_revision WHERE metric_id = $1`, [metricRowId]);
  return r.n;
}

describe("Idempotency-Key on mutations", () => {
  const app = useTestApp();

  it("replays a retry's first response instead of applying it again over a correction made meanwhile", async () => {
    const m = await metric(app);
    const first = await send(app, "script-run-1", RECORD, { input: { measurements: [item(m.key, 1)] } });
    expect(first.status).toBe(200);
    expect(first.replayed).toBeNull();
    expect(first.body.data.recordMeasurements).toMatchObject({ inserted: 1, updated: 0 });

    // someone else corrects the value; the first script never saw its reply and retries
    const correction = await send(app, null, RECORD, { input: { measurements: [item(m.key, 2)] } });
    expect(correction.body.data.recordMeasurements.updated).toBe(1);
    const revisionsBefore = await revisions(app, m.rowId);

    const retry = await send(app, "script-run-1", RECORD, { input: { measurements: [item(m.key, 1)] } });
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBe("true");
    expect(retry.body.data).toEqual(first.body.data);
    // the correction stands: the retry wrote nothing
    expect(await values(app, m.rowId)).toEqual([2]);
    expect(await revisions(app, m.rowId)).toBe(revisionsBefore);
  });

  it("refuses the same key with a different request (409 CONFLICT) and writes nothing", async () => {
    const m = await metric(app);
    await send(app, "reused-key", RECORD, { input: { measurements: [item(m.key, 1)] } });
    const other = await send(app, "reused-key", RECORD, { input: { measurements: [item(m.key, 5)] } });
    expect(other.status).toBe(409);
    expect(other.body.data).toBeUndefined();
    expect(other.body.errors![0].extensions).toMatchObject({ code: "CONFLICT", idempotency: "KEY_REUSED", field: "Idempotency-Key" });
    expect(await values(app, m.rowId)).toEqual([1]);
  });

  it("scopes keys to the credential: another caller's same key is its own request", async () => {
    const m = await metric(app);
    const token = await createToken(app, app, { scope: "WRITE_MEASUREMENTS", metricKeys: [m.key] });
    await send(app, "shared-name", RECORD, { input: { measurements: [item(m.key, 1)] } });
    const theirs = await send(app, "shared-name", RECORD, { input: { measurements: [item(m.key, 3, 1)] } }, token.secret);
    expect(theirs.status).toBe(200);
    expect(theirs.replayed).toBeNull();
    expect(theirs.body.data.recordMeasurements.inserted).toBe(1);
    expect(await values(app, m.rowId)).toEqual([1, 3]);
  });

  it("keeps a completed call's per-item rejections, but claims nothing for a call refused with an error", async () => {
    const m = await metric(app);
    const input = { measurements: [item(m.key, 7), item("idem.no.such.metric", 1)] };
    const first = await send(app, "partly-refused", RECORD, { input });
    expect(first.body.data.recordMeasurements).toMatchObject({ accepted: 1, inserted: 1, rejected: [{ index: 1, code: "NOT_FOUND" }] });
    const again = await send(app, "partly-refused", RECORD, { input });
    expect(again.replayed).toBe("true");
    expect(again.body.data).toEqual(first.body.data);

    // a stale expectedVersion is an error: nothing was written, nothing is kept, a retry runs again
    const update = `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { name version } } }`;
    const created = await send(app, null, `mutation { createPortfolio(input: { name: "versioned" }) { portfolio { id } } }`, {});
    const id = created.body.data.createPortfolio.portfolio.id;
    const stale = await send(app, "stale-update", update, { input: { id, name: "renamed", expectedVersion: 2 } });
    expect(stale.body.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await app.dataSource.query(`SELECT 1 FROM idempotency_key WHERE key = 'stale-update'`)).toEqual([]);
    await send(app, null, update, { input: { id, description: "bumps the version to 2" } });
    const retried = await send(app, "stale-update", update, { input: { id, name: "renamed", expectedVersion: 2 } });
    expect(retried.replayed).toBeNull();
    expect(retried.body.data.updatePortfolio.portfolio).toEqual({ name: "renamed", version: 3 });
  });

  it("applies ten concurrent copies of one keyed request exactly once", async () => {
    const m = await metric(app);
    const input = { measurements: Array.from({ length: 50 }, (_, i) => item(m.key, i, i)) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(app, "burst", RECORD, { input })));
    const applied = answers.filter((a) => a.status === 200 && a.replayed === null && !a.body.errors);
    expect(applied).toHaveLength(1);
    expect(applied[0].body.data.recordMeasurements.inserted).toBe(50);
    for (const a of answers) {
      if (a.status === 200) expect(a.body.data).toEqual(applied[0].body.data);
      else {
        expect(a.status).toBe(409);
        expect(a.retryAfter).toBe("1");
        expect(["IN_PROGRESS", "CONCURRENT"]).toContain(a.body.errors![0].extensions!.idempotency);
      }
    }
    // every copy that was refused gets the first response once it retries
    const retry = await send(app, "burst", RECORD, { input });
    expect(retry.replayed).toBe("true");
    expect(retry.body.data).toEqual(applied[0].body.data);
    expect(await values(app, m.rowId)).toHaveLength(50);
    expect(await revisions(app, m.rowId)).toBe(0);
  });

  it("replays other mutations too: a retried createPortfolio creates one portfolio", async () => {
    const create = `mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id name } } }`;
    const name = `Idempotent ${Date.now()}`;
    const a = await send(app, "create-once", create, { input: { name } });
    const b = await send(app, "create-once", create, { input: { name } });
    expect(b.replayed).toBe("true");
    expect(b.body.data).toEqual(a.body.data);
    const [n] = await app.dataSource.query(`SELECT count(*)::int AS n FROM portfolio WHERE name = $1`, [name]);
    expect(n.n).toBe(1);
  });

  it("ignores the key on queries, and refuses a malformed key with 400 before anything runs", async () => {
    const q = await send(app, "any", `query { serviceInfo { maxPageSize } }`, {});
    expect(q.status).toBe(200);
    expect(q.body.data.serviceInfo.maxPageSize).toEqual(expect.any(Number));
    const m = await metric(app);
    const bad = await send(app, "has space", RECORD, { input: { measurements: [item(m.key, 1)] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "Idempotency-Key" });
    expect(await values(app, m.rowId)).toEqual([]);
  });

  it("says a request is still answering, or that its response was lost, and never applies it twice", async () => {
    const m = await metric(app);
    const input = { measurements: [item(m.key, 1)] };
    await send(app, "lost", RECORD, { input });
    // as if another API process committed it and is still reading its answer: it holds its instance lock
    const other = new Client({ connectionString: app.config.databaseUrl! });
    await other.connect();
    await other.query(`SELECT pg_advisory_lock($1, 4242)`, [INSTANCE_LOCK_CLASS]);
    await app.dataSource.query(`UPDATE idempotency_key SET response = NULL, response_status = NULL, instance = 4242 WHERE key = 'lost'`);
    const pending = await send(app, "lost", RECORD, { input });
    expect(pending.status).toBe(409);
    expect(pending.retryAfter).toBe("1");
    expect(pending.body.errors![0].extensions).toMatchObject({ code: "CONFLICT", idempotency: "IN_PROGRESS" });
    // that process is killed: its connection closes and Postgres frees its lock at once
    await other.end();
    const lost = await send(app, "lost", RECORD, { input });
    expect(lost.status).toBe(409);
    expect(lost.body.errors![0].extensions).toMatchObject({ code: "CONFLICT", idempotency: "APPLIED_RESPONSE_LOST" });
    // this process's own claim without a response, from a request it no longer runs (a restart): lost too
    await send(app, "mine", RECORD, { input: { measurements: [item(m.key, 1, 1)] } });
    await app.dataSource.query(`UPDATE idempotency_key SET instance = (SELECT instance FROM idempotency_key WHERE key = 'mine') WHERE key = 'lost'`);
    expect((await send(app, "lost", RECORD, { input })).body.errors![0].extensions!.idempotency).toBe("APPLIED_RESPONSE_LOST");
    // each applied once (the 'lost' item and the 'mine' one): the retries made no correction (revision)
    expect(await values(app, m.rowId)).toEqual([1, 1]);
    expect(await revisions(app, m.rowId)).toBe(0);
  });

  it("forgets a key after 24 hours: the same key then names a new request", async () => {
    const m = await metric(app);
    await send(app, "daily", RECORD, { input: { measurements: [item(m.key, 1)] } });
    await app.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'daily'`);
    const next = await send(app, "daily", RECORD, { input: { measurements: [item(m.key, 2)] } });
    expect(next.status).toBe(200);
    expect(next.replayed).toBeNull();
    expect(next.body.data.recordMeasurements.updated).toBe(1);
    expect(await values(app, m.rowId)).toEqual([2]);
  });
});
