import "reflect-metadata";
import { TestApp, useTestApp } from "../support/app";
import { encodeGlobalId } from "../../src/common/global-id";
import { Context } from "../../src/context";
import { recordMeasurements } from "../../src/measurement/record-measurements.service";

const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code message field } }
}`;

interface Item {
  metricKey?: string;
  metricId?: string;
  value: number;
  observedAt: string;
  source?: string | null;
  note?: string;
}

/** A metric of its own for each test (createMetric is not in the schema yet). */
async function createMetric(app: TestApp, key: string): Promise<{ rowId: string; id: string; key: string }> {
  const [p] = await app.dataSource.query(`INSERT INTO portfolio (name) VALUES ($1) RETURNING id`, [`P ${key}`]);
  const [m] = await app.dataSource.query(`INSERT INTO metric (key, name, direction, portfolio_id) VALUES ($1, $1, 'INCREASE', $2) RETURNING id`, [
    key,
    p.id,
  ]);
  return { rowId: m.id, id: encodeGlobalId("Metric", m.id), key };
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();

async function record(app: TestApp, measurements: Item[], atomic?: boolean) {
  return (await app.ok(RECORD, { input: { measurements, ...(atomic === undefined ? {} : { atomic }) } })).recordMeasurements;
}

async function stored(
  app: TestApp,
  metricRowId: string,
): Promise<Array<{ value: number; source: string; note: string | null; recorded_by: string }>> {
  return app.dataSource.query(`SELECT value, source, note, recorded_by FROM measurement WHERE metric_id = $1 ORDER BY observed_at, source`, [
    metricRowId,
  ]);
}

describe("recordMeasurements", () => {
  const app = useTestApp();

  it("inserts by metricKey and by metricId, defaulting source and recordedBy to the caller (the bootstrap admin here)", async () => {
    const m = await createMetric(app, "rec.insert");
    const res = await record(app, [
      { metricKey: m.key, value: 1.5, observedAt: at(0) },
      { metricId: m.id, value: 2, observedAt: at(1), source: "etl", note: "hi" },
    ]);
    expect(res).toEqual({ accepted: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(await stored(app, m.rowId)).toEqual([
      { value: 1.5, source: "bootstrap", note: null, recorded_by: "bootstrap" },
      { value: 2, source: "etl", note: "hi", recorded_by: "bootstrap" },
    ]);
  });

  it("treats an identical resubmission as unchanged, even with another note", async () => {
    const m = await createMetric(app, "rec.same");
    const batch = [0, 1, 2].map((i) => ({ metricKey: m.key, value: i, observedAt: at(i), note: "first" }));
    expect(await record(app, batch)).toMatchObject({ inserted: 3, unchanged: 0 });
    const again = await record(
      app,
      batch.map((b) => ({ ...b, note: "second" })),
    );
    expect(again).toEqual({ accepted: 3, inserted: 0, updated: 0, unchanged: 3, rejected: [] });
    expect((await stored(app, m.rowId)).map((r) => r.note)).toEqual(["first", "first", "first"]);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM measurement_revision r JOIN measurement x ON x.id = r.measurement_id WHERE x.metric_id = $1`,
      [m.rowId],
    );
    expect(n).toBe(0);
  });

  it("applies a correction and keeps the superseded value as a revision", async () => {
    const m = await createMetric(app, "rec.fix");
    await record(app, [{ metricKey: m.key, value: 10, observedAt: at(0), note: "typo" }]);
    const res = await record(app, [
      { metricKey: m.key, value: 12, observedAt: at(0), note: "fixed" },
      { metricKey: m.key, value: 5, observedAt: at(1) },
    ]);
    expect(res).toEqual({ accepted: 2, inserted: 1, updated: 1, unchanged: 0, rejected: [] });
    expect((await stored(app, m.rowId))[0]).toMatchObject({ value: 12, note: "fixed" });
    const revisions = await app.dataSource.query(
      `SELECT r.value, r.note FROM measurement_revision r JOIN measurement x ON x.id = r.measurement_id WHERE x.metric_id = $1`,
      [m.rowId],
    );
    expect(revisions).toEqual([{ value: 10, note: "typo" }]);
  });

  it("rejects each invalid item by index, code and field, and writes the rest", async () => {
    const m = await createMetric(app, "rec.bad");
    const future = new Date(Date.now() + 25 * 3600_000).toISOString();
    const soon = new Date(Date.now() + 23 * 3600_000).toISOString();
    const res = await record(app, [
      { metricKey: m.key, value: 1, observedAt: at(0) },
      { metricKey: m.key, metricId: m.id, value: 1, observedAt: at(1) },
      { value: 1, observedAt: at(2) },
      { metricId: "not-an-id", value: 1, observedAt: at(3) },
      { metricId: encodeGlobalId("Portfolio", m.rowId), value: 1, observedAt: at(4) },
      { metricKey: "no.such.metric", value: 1, observedAt: at(5) },
      { metricId: encodeGlobalId("Metric", "00000000-0000-4000-8000-000000000000"), value: 1, observedAt: at(6) },
      { metricKey: m.key, value: 1, observedAt: future },
      { metricKey: m.key, value: 1, observedAt: at(8), source: "" },
      { metricKey: m.key, value: 1, observedAt: at(9), source: "x".repeat(201) },
      { metricId: m.id, value: 2, observedAt: at(0) },
      { metricKey: m.key, value: 1, observedAt: soon, source: "y".repeat(200) },
      { metricKey: m.key, value: 1, observedAt: "0000-06-01T00:00:00Z" },
      { metricKey: m.key, value: 3, observedAt: at(0) },
    ]);
    const rejected = res.rejected.map((r: { index: number; code: string; field: string }) => [r.index, r.code, r.field]);
    expect(rejected).toEqual([
      [1, "BAD_USER_INPUT", "input.measurements.1"],
      [2, "BAD_USER_INPUT", "input.measurements.2"],
      [3, "BAD_USER_INPUT", "input.measurements.3.metricId"],
      [4, "BAD_USER_INPUT", "input.measurements.4.metricId"],
      [5, "NOT_FOUND", "input.measurements.5.metricKey"],
      [6, "NOT_FOUND", "input.measurements.6.metricId"],
      [7, "BAD_USER_INPUT", "input.measurements.7.observedAt"],
      [8, "BAD_USER_INPUT", "input.measurements.8.source"],
      [9, "BAD_USER_INPUT", "input.measurements.9.source"],
      [10, "BAD_USER_INPUT", "input.measurements.10"],
      [12, "BAD_USER_INPUT", "input.measurements.12.observedAt"],
      [13, "BAD_USER_INPUT", "input.measurements.13"],
    ]);
    for (const r of res.rejected) expect(r.message).toEqual(expect.any(String));
    expect(res).toMatchObject({ accepted: 2, inserted: 2, updated: 0, unchanged: 0 });
    // the earliest of the three duplicates (by key, by ID, by key) won
    expect((await stored(app, m.rowId))[0]).toMatchObject({ value: 1 });
  });

  it("with atomic: true writes nothing when any item is rejected", async () => {
    const m = await createMetric(app, "rec.atomic");
    const good = { metricKey: m.key, value: 1, observedAt: at(0) };
    for (const bad of [
      { ...good, observedAt: at(1), source: "" },
      { ...good, metricKey: "rec.missing" },
    ]) {
      const res = await record(app, [good, bad], true);
      expect(res).toEqual({ accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [expect.objectContaining({ index: 1 })] });
    }
    expect(await stored(app, m.rowId)).toEqual([]);
    expect(await record(app, [good], true)).toMatchObject({ accepted: 1, inserted: 1 });
  });

  it("refuses a non-finite value: the whole request through JSON, the item in the service", async () => {
    const body = `{"query":${JSON.stringify(RECORD)},"variables":{"input":{"measurements":[{"metricKey":"k","value":1e400,"observedAt":"${at(0)}"}]}}}`;
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body,
    });
    const json = (await res.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(json.data).toBeUndefined();
    expect(json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    // nothing is valid, so the service answers before touching the database
    const ctx = { config: app.config, callerName: "api" } as Context;
    const items = [NaN, Infinity].map((value) => ({ metricKey: "k", value, observedAt: new Date(at(0)) }));
    const direct = await recordMeasurements(ctx, { measurements: items, atomic: false });
    expect(direct.rejected.map((r) => [r.index, r.field])).toEqual([
      [0, "input.measurements.0.value"],
      [1, "input.measurements.1.value"],
    ]);
  });

  it("sends the same number of SQL statements for 1 item as for 2,000", async () => {
    const m = await createMetric(app, "rec.count");
    const count = async (n: number, offset: number) => {
      const items = Array.from({ length: n }, (_, i) => ({ metricKey: m.key, value: i, observedAt: at(offset + i) }));
      const res = await app.gql(RECORD, { input: { measurements: items } });
      expect(res.errors).toBeUndefined();
      expect(res.data.recordMeasurements.inserted).toBe(n);
      return res.extensions?.sqlStatements as number;
    };
    const one = await count(1, 0);
    const many = await count(2000, 10);
    expect(one).toBe(many);
    // BEGIN, resolve metrics, upsert, the call's one change record, COMMIT, then the primary's
    // WAL position for read-your-writes (extensions.consistency.lsn)
    expect(many).toBe(6);
  });

  it("lets 10 concurrent clients send the same 1,000 items without errors or duplicates", async () => {
    const m = await createMetric(app, "rec.race");
    const items = Array.from({ length: 1000 }, (_, i) => ({ metricKey: m.key, value: i, observedAt: at(i) }));
    // each client sends them in its own order, so only our sorting prevents deadlocks
    const shuffled = (seed: number) => [...items].sort((a, b) => ((a.value * 7919 + seed) % 1009) - ((b.value * 7919 + seed) % 1009));
    const results = await Promise.all(Array.from({ length: 10 }, (_, c) => app.gql(RECORD, { input: { measurements: shuffled(c) } })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const payloads = results.map((r) => r.data.recordMeasurements);
    expect(payloads.reduce((s, p) => s + p.inserted, 0)).toBe(1000);
    expect(payloads.reduce((s, p) => s + p.unchanged, 0)).toBe(9000);
    expect(payloads.every((p) => p.updated === 0 && p.rejected.length === 0)).toBe(true);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM measurement WHERE metric_id = $1`, [m.rowId]);
    expect(n).toBe(1000);
  });
});

describe("recordMeasurements limit", () => {
  const app = useTestApp({ RMO_MAX_MEASUREMENTS_PER_CALL: "10" });

  it("refuses a batch over the limit whole, and accepts one at the limit", async () => {
    const m = await createMetric(app, "rec.limit");
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ metricKey: m.key, value: i, observedAt: at(i) }));
    const res = await app.gql(RECORD, { input: { measurements: items(11) } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.measurements" });
    expect(await stored(app, m.rowId)).toEqual([]);
    expect(await record(app, items(10))).toMatchObject({ inserted: 10 });
  });
});
