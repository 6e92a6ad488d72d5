import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError } from "../support/factories";
import { grant, person } from "../support/auth-factories";

/**
 * retractMeasurements (DOMAIN.md, "History"): a retracted key counts nowhere from then on,
 * its states stay readable in `revisions`, and recording it again makes it count again.
 */

const app = useTestApp();

const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code field } }
}`;
const RETRACT = `mutation($input: RetractMeasurementsInput!) {
  retractMeasurements(input: $input) { accepted retracted unchanged rejected { index code field message } }
}`;
const VALUES = `query($id: ID!, $hid: ID!) {
  metric(id: $id) {
    latest { value observedAt }
    series(from: "2026-01-01T00:00:00Z", to: "2026-01-04T00:00:00Z", interval: DAY) { value count }
    measurements { totalCount nodes { value observedAt retractedAt } }
    all: measurements(filter: {includeRetracted: true}) {
      nodes { value retractedAt retractedBy revisions { value retractedAt } }
    }
  }
  outcomeHypothesis(id: $hid) { progress(asOf: "2026-06-01T00:00:00Z") { current status } }
}`;

async function setUp() {
  const portfolio = await createPortfolio(app);
  const metric = await createMetric(app, { portfolioId: portfolio.id, aggregation: "SUM" });
  const initiative = await createInitiative(app, { portfolioId: portfolio.id });
  const h = await createHypothesis(app, {
    initiativeId: initiative.id,
    metricId: metric.id,
    baseline: 0,
    baselineAt: "2025-12-31T00:00:00Z",
    target: 100,
    targetDate: "2026-12-31T00:00:00Z",
  });
  await app.ok(RECORD, {
    input: {
      measurements: [
        { metricKey: metric.key, value: 10, observedAt: "2026-01-01T00:00:00Z", source: "etl" },
        { metricKey: metric.key, value: 90, observedAt: "2026-01-02T00:00:00Z", source: "etl" },
      ],
    },
  });
  return { portfolio, metric, h };
}

describe("retractMeasurements", () => {
  it("takes a key out of every value, keeps its state in revisions, and counts it again once recorded again", async () => {
    const { metric, h } = await setUp();
    const before = await app.ok(VALUES, { id: metric.id, hid: h.id });
    expect(before.metric.latest.value).toBe(90);
    expect(before.outcomeHypothesis.progress).toEqual({ current: 90, status: "ON_TRACK" });

    const key = { metricKey: metric.key, observedAt: "2026-01-02T00:00:00Z", source: "etl" };
    const res = await app.ok(RETRACT, { input: { measurements: [key], reason: "double load" } });
    expect(res.retractMeasurements).toEqual({ accepted: 1, retracted: 1, unchanged: 0, rejected: [] });

    const after = await app.ok(VALUES, { id: metric.id, hid: h.id });
    expect(after.metric.latest).toEqual({ value: 10, observedAt: "2026-01-01T00:00:00.000Z" });
    expect(after.metric.series.map((b: any) => [b.value, b.count])).toEqual([
      [10, 1],
      [null, 0],
      [null, 0],
    ]);
    expect(after.metric.measurements.totalCount).toBe(1);
    expect(after.outcomeHypothesis.progress.current).toBe(10);
    const retracted = after.metric.all.nodes.find((n: any) => n.value === 90);
    expect(retracted.retractedAt).not.toBeNull();
    expect(retracted.retractedBy).toBe("bootstrap");
    expect(retracted.revisions).toEqual([{ value: 90, retractedAt: null }]);

    // retracting again is a no-op (safe to retry)
    expect((await app.ok(RETRACT, { input: { measurements: [key], reason: "again" } })).retractMeasurements).toEqual({
      accepted: 1,
      retracted: 0,
      unchanged: 1,
      rejected: [],
    });

    // recorded again, even with the same value: it counts again, as a new revision
    const again = await app.ok(RECORD, { input: { measurements: [{ ...key, value: 90 }] } });
    expect(again.recordMeasurements).toMatchObject({ accepted: 1, inserted: 0, updated: 1, unchanged: 0 });
    const restored = await app.ok(VALUES, { id: metric.id, hid: h.id });
    expect(restored.metric.latest.value).toBe(90);
    expect(restored.outcomeHypothesis.progress.current).toBe(90);
    const row = restored.metric.all.nodes.find((n: any) => n.value === 90);
    expect(row.retractedAt).toBeNull();
    expect(row.revisions.map((r: any) => [r.value, r.retractedAt === null])).toEqual([
      [90, true],
      [90, false],
    ]);
  });

  it("reports each item: NOT_FOUND for an unknown metric or key, FORBIDDEN without CONTRIBUTOR, BAD_USER_INPUT for a bad item", async () => {
    const { portfolio, metric } = await setUp();
    await grant(app, portfolio.id, "viewer-r", "VIEWER");
    const viewer = await person(app, "viewer-r");
    const key = { metricKey: metric.key, observedAt: "2026-01-01T00:00:00Z", source: "etl" };
    const res = await app.ok(RETRACT, {
      input: {
        reason: "cleanup",
        measurements: [
          key,
          { metricKey: "no.such.metric", observedAt: "2026-01-01T00:00:00Z", source: "etl" },
          { metricKey: metric.key, observedAt: "2026-03-01T00:00:00Z", source: "etl" },
          { metricKey: metric.key, metricId: metric.id, observedAt: "2026-01-01T00:00:00Z" },
          key,
        ],
      },
    });
    expect(res.retractMeasurements.accepted).toBe(1);
    expect(res.retractMeasurements.retracted).toBe(1);
    expect(res.retractMeasurements.rejected.map((r: any) => [r.index, r.code, r.field])).toEqual([
      [1, "NOT_FOUND", "input.measurements.1.metricKey"],
      [2, "NOT_FOUND", "input.measurements.2"],
      [3, "BAD_USER_INPUT", "input.measurements.3"],
      [4, "BAD_USER_INPUT", "input.measurements.4"],
    ]);
    const denied = await viewer.ok(RETRACT, { input: { reason: "x", measurements: [{ ...key, observedAt: "2026-01-02T00:00:00Z" }] } });
    expect(denied.retractMeasurements.rejected).toEqual([
      {
        index: 0,
        code: "FORBIDDEN",
        field: "input.measurements.0.metricKey",
        message: "Retracting measurements of this metric needs the CONTRIBUTOR role on its portfolio",
      },
    ]);
  });

  it("with atomic: true retracts nothing when any item is refused; an empty reason is refused whole", async () => {
    const { metric } = await setUp();
    const key = { metricKey: metric.key, observedAt: "2026-01-01T00:00:00Z", source: "etl" };
    const res = await app.ok(RETRACT, {
      input: { atomic: true, reason: "all or nothing", measurements: [key, { ...key, observedAt: "2026-05-01T00:00:00Z" }] },
    });
    expect(res.retractMeasurements).toMatchObject({ accepted: 0, retracted: 0, unchanged: 0 });
    expect(res.retractMeasurements.rejected.map((r: any) => r.code)).toEqual(["NOT_FOUND"]);
    const [{ n }] = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM measurement m JOIN metric mt ON mt.id = m.metric_id WHERE mt.key = $1 AND m.retracted_at IS NOT NULL",
      [metric.key],
    );
    expect(n).toBe(0);
    expectError(await app.gql(RETRACT, { input: { reason: "  ", measurements: [key] } }), "BAD_USER_INPUT", "input.reason");
  });

  it("records one RETRACT change per call with the reason", async () => {
    const { metric } = await setUp();
    const since = new Date().toISOString();
    await app.ok(
      RETRACT,
      { input: { reason: "wrong unit", measurements: [{ metricKey: metric.key, observedAt: "2026-01-01T00:00:00Z", source: "etl" }] } },
      { "x-request-id": "req-retract-1" },
    );
    const data = await app.ok(
      `query($since: DateTime!) { changes(filter: {operations: [RETRACT], since: $since}) { nodes { entity operation requestId summary } } }`,
      {
        since,
      },
    );
    expect(data.changes.nodes).toEqual([
      {
        entity: "Measurement",
        operation: "RETRACT",
        requestId: "req-retract-1",
        summary: { accepted: 1, retracted: 1, unchanged: 0, rejected: 0, reason: "wrong unit", metricKeys: [metric.key] },
      },
    ]);
  });
});
