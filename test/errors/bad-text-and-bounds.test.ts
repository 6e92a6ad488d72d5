import { useTestApp } from "../support/app";
import { createMetric, createPortfolio, expectError } from "../support/factories";

/**
 * Faults found by operating the service (issue 13), each refused as the client's mistake and
 * never stored altered: values so large a bucket's sum overflows, U+0000 and unpaired
 * surrogates in text.
 */

const app = useTestApp();

const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted rejected { index code field message } }
}`;

describe("measurement values", () => {
  it("are at most 1e15 in magnitude, refused per item, so a SUM bucket's series never overflows", async () => {
    const m = await createMetric(app, { aggregation: "SUM" });
    const res = await app.ok(RECORD, {
      input: {
        measurements: [
          { metricKey: m.key, value: 1e308, observedAt: "2026-01-01T00:00:00Z" },
          { metricKey: m.key, value: -1e15, observedAt: "2026-01-01T01:00:00Z" },
          { metricKey: m.key, value: 1e308, observedAt: "2026-01-01T02:00:00Z" },
          { metricKey: m.key, value: 1e15, observedAt: "2026-01-01T03:00:00Z" },
        ],
      },
    });
    expect(res.recordMeasurements).toMatchObject({
      accepted: 2,
      inserted: 2,
      rejected: [
        { index: 0, code: "BAD_USER_INPUT", field: "input.measurements.0.value" },
        { index: 2, code: "BAD_USER_INPUT", field: "input.measurements.2.value" },
      ],
    });
    const series = await app.ok(
      `query($id: ID!) { metric(id: $id) { series(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", interval: DAY) { value count } } }`,
      {
        id: m.id,
      },
    );
    expect(series.metric.series).toEqual([{ value: 0, count: 2 }]);
  });

  it("are bounded by the database too, for any writer that bypasses the API", async () => {
    const m = await createMetric(app);
    const [row] = await app.dataSource.query(`SELECT id FROM metric WHERE key = $1`, [m.key]);
    await expect(
      app.dataSource.query(`INSERT INTO measurement (metric_id, observed_at, source, value, recorded_by) VALUES ($1, now(), 'sql', 1e16, 'sql')`, [
        row.id,
      ]),
    ).rejects.toThrow(/measurement_value_bound/);
  });
});

describe("text that cannot be stored as sent", () => {
  it("fails only its own item in a non-atomic batch, naming the field; the valid items are written", async () => {
    const m = await createMetric(app);
    const res = await app.ok(RECORD, {
      input: {
        measurements: [
          { metricKey: m.key, value: 1, observedAt: "2026-02-01T00:00:00Z", note: "nul \u0000 here" },
          { metricKey: m.key, value: 2, observedAt: "2026-02-02T00:00:00Z", source: "etl\u0000" },
          { metricKey: m.key, value: 3, observedAt: "2026-02-03T00:00:00Z", note: "lone \ud800 surrogate" },
          { metricKey: m.key, value: 4, observedAt: "2026-02-04T00:00:00Z", note: "fine 😀" },
        ],
      },
    });
    expect(res.recordMeasurements).toMatchObject({
      accepted: 1,
      inserted: 1,
      rejected: [
        { index: 0, code: "BAD_USER_INPUT", field: "input.measurements.0.note" },
        { index: 1, code: "BAD_USER_INPUT", field: "input.measurements.1.source" },
        { index: 2, code: "BAD_USER_INPUT", field: "input.measurements.2.note" },
      ],
    });
    const [{ n, note }] = await app.dataSource.query(
      "SELECT count(*)::int AS n, max(note) AS note FROM measurement WHERE metric_id = (SELECT id FROM metric WHERE key = $1)",
      [m.key],
    );
    expect({ n, note }).toEqual({ n: 1, note: "fine 😀" });
  });

  it("is refused anywhere else with BAD_USER_INPUT naming the field, and nothing is stored (no U+FFFD)", async () => {
    const lone = await app.gql(`mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id } } }`, {
      input: { name: "Half a \ud83d pair" },
    });
    expectError(lone, "BAD_USER_INPUT", "input.name");
    const nul = await app.gql(`mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id } } }`, {
      input: { name: "ok", description: "a\u0000b" },
    });
    expectError(nul, "BAD_USER_INPUT", "input.description");
    expect(await app.dataSource.query("SELECT 1 FROM portfolio WHERE name LIKE 'Half a%' OR name = 'ok'")).toEqual([]);
    const p = await createPortfolio(app, { name: "Emoji 🚀 fine" });
    expect(p.name).toBe("Emoji 🚀 fine");
  });
});
