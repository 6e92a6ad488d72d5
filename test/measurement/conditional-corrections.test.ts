import "reflect-metadata";
import { TestApp, useTestApp } from "../support/app";

const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code message field } }
}`;

let seq = 0;
async function metric(app: TestApp): Promise<{ key: string; rowId: string }> {
  const key = `cond.metric.${++seq}`;
  const [p] = await app.dataSource.query(`INSERT INTO portfolio (name) VALUES ($1) RETURNING id`, [`P ${key}`]);
  const [m] = await app.dataSource.query(`INSERT INTO metric (key, name, direction, portfolio_id) VALUES ($1, $1, 'INCREASE', $2) RETURNING id`, [
    key,
    p.id,
  ]);
  return { key, rowId: m.id };
}

const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 0, minute)).toISOString();

async function record(app: TestApp, measurements: Array<Record<string, unknown>>, atomic = false) {
  return (await app.ok(RECORD, { input: { measurements, atomic } })).recordMeasurements;
}

async function stored(app: TestApp, rowId: string): Promise<Array<{ minute: number; value: number; recorded_at: Date }>> {
  return app.dataSource.query(
    `SELECT extract(minute FROM observed_at)::int AS minute, value, recorded_at FROM measurement WHERE metric_id = $1 AND retracted_at IS NULL ORDER BY observed_at`,
    [rowId],
  );
}

describe("conditional corrections (expectedValue, ifUnchangedSince)", () => {
  const app = useTestApp();

  it("corrects only when the stored value is the expected one, naming the stored value otherwise", async () => {
    const m = await metric(app);
    await record(app, [
      { metricKey: m.key, value: 10, observedAt: at(0) },
      { metricKey: m.key, value: 20, observedAt: at(1) },
    ]);
    const res = await record(app, [
      { metricKey: m.key, value: 11, observedAt: at(0), expectedValue: 10 },
      { metricKey: m.key, value: 21, observedAt: at(1), expectedValue: 19 },
      { metricKey: m.key, value: 31, observedAt: at(2), expectedValue: 30 },
    ]);
    expect(res).toEqual({
      accepted: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
      rejected: [
        { index: 1, code: "CONFLICT", field: "input.measurements.1.expectedValue", message: "expectedValue 19, but the stored value is 20" },
        { index: 2, code: "CONFLICT", field: "input.measurements.2.expectedValue", message: "expectedValue 30, but nothing is stored for this key" },
      ],
    });
    expect((await stored(app, m.rowId)).map((r) => [r.minute, r.value])).toEqual([
      [0, 11],
      [1, 20],
    ]);
  });

  it("refuses expectedValue on a retracted key", async () => {
    const m = await metric(app);
    await record(app, [{ metricKey: m.key, value: 5, observedAt: at(0), source: "s" }]);
    await app.ok(`mutation($input: RetractMeasurementsInput!) { retractMeasurements(input: $input) { retracted } }`, {
      input: { measurements: [{ metricKey: m.key, observedAt: at(0), source: "s" }], reason: "wrong meter" },
    });
    const res = await record(app, [{ metricKey: m.key, value: 6, observedAt: at(0), source: "s", expectedValue: 5 }]);
    expect(res.rejected).toEqual([
      { index: 0, code: "CONFLICT", field: "input.measurements.0.expectedValue", message: "expectedValue 5, but this key is retracted" },
    ]);
  });

  it("writes with ifUnchangedSince when the key is new or unchanged since, and refuses a key changed after it", async () => {
    const m = await metric(app);
    await record(app, [{ metricKey: m.key, value: 1, observedAt: at(0) }]);
    const [{ recorded_at: readAt }] = await stored(app, m.rowId);
    const res = await record(app, [
      { metricKey: m.key, value: 2, observedAt: at(0), ifUnchangedSince: readAt.toISOString() },
      { metricKey: m.key, value: 3, observedAt: at(1), ifUnchangedSince: readAt.toISOString() },
    ]);
    expect(res).toEqual({ accepted: 2, inserted: 1, updated: 1, unchanged: 0, rejected: [] });
    // the first item's key has just changed: the same condition no longer holds
    const late = await record(app, [{ metricKey: m.key, value: 9, observedAt: at(0), ifUnchangedSince: readAt.toISOString() }]);
    expect(late.rejected).toHaveLength(1);
    expect(late.rejected[0]).toMatchObject({ code: "CONFLICT", field: "input.measurements.0.ifUnchangedSince" });
    expect(late.rejected[0].message).toMatch(/^This key was changed at .* after ifUnchangedSince/);
    expect((await stored(app, m.rowId)).map((r) => r.value)).toEqual([2, 3]);
  });

  it("writes nothing from an atomic batch with an unmet condition, not even its new keys", async () => {
    const m = await metric(app);
    await record(app, [{ metricKey: m.key, value: 1, observedAt: at(0) }]);
    const res = await record(
      app,
      [
        { metricKey: m.key, value: 7, observedAt: at(5), ifUnchangedSince: at(0) },
        { metricKey: m.key, value: 8, observedAt: at(6) },
        { metricKey: m.key, value: 2, observedAt: at(0), expectedValue: 99 },
      ],
      true,
    );
    expect(res).toMatchObject({ accepted: 0, inserted: 0, updated: 0, rejected: [{ index: 2, code: "CONFLICT" }] });
    expect((await stored(app, m.rowId)).map((r) => [r.minute, r.value])).toEqual([[0, 1]]);
  });

  it("refuses both conditions on one item", async () => {
    const m = await metric(app);
    const res = await record(app, [{ metricKey: m.key, value: 1, observedAt: at(0), expectedValue: 1, ifUnchangedSince: at(0) }]);
    expect(res.rejected).toEqual([
      { index: 0, code: "BAD_USER_INPUT", field: "input.measurements.0", message: "Give at most one of expectedValue and ifUnchangedSince" },
    ]);
  });

  it("lets exactly one of two concurrent corrections expecting the same value win", async () => {
    const m = await metric(app);
    await record(app, [{ metricKey: m.key, value: 100, observedAt: at(0) }]);
    const results = await Promise.all(
      [101, 102, 103, 104].map((v) => record(app, [{ metricKey: m.key, value: v, observedAt: at(0), expectedValue: 100 }])),
    );
    expect(results.filter((r) => r.updated === 1)).toHaveLength(1);
    expect(results.filter((r) => r.rejected[0]?.code === "CONFLICT")).toHaveLength(3);
    const winner = 101 + results.findIndex((r) => r.updated === 1);
    expect((await stored(app, m.rowId)).map((r) => r.value)).toEqual([winner]);
  });
});

describe("listing corrected measurements (filter.corrected)", () => {
  const app = useTestApp();

  it("true lists only corrected ones with what they replaced, false only the others", async () => {
    const m = await metric(app);
    await record(
      app,
      [0, 1, 2].map((minute) => ({ metricKey: m.key, value: minute, observedAt: at(minute) })),
    );
    await record(app, [{ metricKey: m.key, value: 10, observedAt: at(1) }]);
    const LIST = `query($key: String!, $corrected: Boolean) {
      metricByKey(key: $key) { measurements(filter: { corrected: $corrected }, orderBy: { field: OBSERVED_AT, direction: ASC }) {
        totalCount nodes { value revisions { value } } } }
    }`;
    const list = async (corrected: boolean | null) => (await app.ok(LIST, { key: m.key, corrected })).metricByKey.measurements;
    expect(await list(true)).toEqual({ totalCount: 1, nodes: [{ value: 10, revisions: [{ value: 1 }] }] });
    expect(await list(false)).toEqual({
      totalCount: 2,
      nodes: [
        { value: 0, revisions: [] },
        { value: 2, revisions: [] },
      ],
    });
    expect((await list(null)).totalCount).toBe(3);
  });
});
