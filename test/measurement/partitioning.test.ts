import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio } from "../support/factories";
import { ensureMeasurementPartitions, startPartitionMaintenance } from "../../src/measurement/partitions";
import { createDataSource } from "../../src/database/data-source";
import { encodeGlobalId } from "../../src/common/global-id";
import { entities } from "../../src/entities";
import { keptStates, mark, partitionsRead, placement, RECORD, RETRACT, Statement, tableFingerprint, withStatements } from "./partitions.support";

/**
 * The measurement store is partitioned by quarter of observedAt (issue 16): each row and its
 * revisions live in their quarter's partitions, outliers in the default ones; creating a
 * quarter moves the rows waiting for it without changing or recording anything; and the
 * value queries read only the quarters they ask about.
 */

const app = useTestApp();

beforeAll(async () => {
  // the quarters these tests write to, whatever today's date (a no-op while they are recent)
  await ensureMeasurementPartitions(app.dataSource, new Date("2025-01-01T00:00:00Z"), 7);
});

async function world(baselineAt = "2025-01-01T00:00:00Z", targetDate = "2026-01-01T00:00:00Z") {
  const portfolio = await createPortfolio(app);
  const metric = await createMetric(app, { portfolioId: portfolio.id, aggregation: "SUM" });
  const initiative = await createInitiative(app, { portfolioId: portfolio.id });
  const h = await createHypothesis(app, { initiativeId: initiative.id, metricId: metric.id, baseline: 0, baselineAt, target: 100, targetDate });
  const [{ id: metricRowId }] = await app.dataSource.query(`SELECT id FROM metric WHERE key = $1`, [metric.key]);
  const record = async (value: number, observedAt: string, source = "etl") => {
    const res = await app.ok(RECORD, { input: { measurements: [{ metricKey: metric.key, value, observedAt, source }] } });
    expect(res.recordMeasurements.rejected).toEqual([]);
    return res.recordMeasurements;
  };
  const retract = (observedAt: string, source = "etl") =>
    app.ok(RETRACT, { input: { measurements: [{ metricKey: metric.key, observedAt, source }], reason: "bad load" } });
  return { portfolio, metric, metricRowId: metricRowId as string, h, record, retract };
}

describe("where measurements are stored", () => {
  it("puts each measurement and its revisions in the partition of its quarter (UTC), bounds included", async () => {
    const w = await world();
    await w.record(1, "2025-02-01T00:00:00Z");
    await w.record(2, "2025-06-30T23:59:59.999Z");
    await w.record(3, "2025-07-01T00:00:00Z");
    await w.record(4, "2025-12-31T23:00:00-02:00"); // 2026-01-01T01:00Z
    expect(await w.record(5, "2025-02-01T00:00:00Z")).toMatchObject({ inserted: 0, updated: 1 }); // a correction
    await w.retract("2025-07-01T00:00:00Z");

    expect(await placement(app.dataSource, w.metricRowId)).toEqual({
      measurements: [
        ["2025-02-01T00:00:00", "measurement_2025q1"],
        ["2025-06-30T23:59:59", "measurement_2025q2"],
        ["2025-07-01T00:00:00", "measurement_2025q3"],
        ["2026-01-01T01:00:00", "measurement_2026q1"],
      ],
      revisions: [
        ["2025-02-01T00:00:00", "measurement_revision_2025q1"],
        ["2025-07-01T00:00:00", "measurement_revision_2025q3"],
      ],
    });
  });

  it("keeps an outlier year in the default partition and counts it like any other measurement", async () => {
    const w = await world("1985-01-01T00:00:00Z", "1986-01-01T00:00:00Z");
    await w.record(40, "1985-06-01T00:00:00Z");
    expect(await placement(app.dataSource, w.metricRowId)).toEqual({
      measurements: [["1985-06-01T00:00:00", "measurement_default"]],
      revisions: [],
    });
    const data = await app.ok(
      `query($m: ID!, $h: ID!) {
        metric(id: $m) { latest { value } series(from: "1985-05-01T00:00:00Z", to: "1985-08-01T00:00:00Z", interval: MONTH) { value count } }
        outcomeHypothesis(id: $h) { progress(asOf: "1985-12-31T00:00:00Z") { current } }
      }`,
      { m: w.metric.id, h: w.h.id },
    );
    expect(data.metric.latest.value).toBe(40);
    expect(data.metric.series.map((p: { count: number }) => p.count)).toEqual([0, 1, 0]);
    expect(data.outcomeHypothesis.progress.current).toBe(40);
  });
});

describe("corrections, retractions and record time across quarters", () => {
  it("keep their revisions and answer latest, series, progress and knownAt reads from the right states", async () => {
    const w = await world();
    await w.record(10, "2025-03-31T12:00:00Z");
    await w.record(20, "2025-04-01T12:00:00Z");
    const k1 = await mark();
    await w.record(25, "2025-04-01T12:00:00Z"); // corrects the second quarter's value
    await w.retract("2025-03-31T12:00:00Z"); // and takes the first quarter's out
    const k2 = await mark();

    const Q = `query($m: ID!, $h: ID!, $k: DateTime) {
      metric(id: $m) {
        latest(knownAt: $k) { value }
        series(from: "2025-03-01T00:00:00Z", to: "2025-05-01T00:00:00Z", interval: MONTH, knownAt: $k) { value count }
      }
      outcomeHypothesis(id: $h) { progress(asOf: "2025-06-30T00:00:00Z", knownAt: $k) { current } }
    }`;
    const at = async (k: string | null) => {
      const d = await app.ok(Q, { m: w.metric.id, h: w.h.id, k });
      return {
        latest: d.metric.latest?.value ?? null,
        series: d.metric.series.map((p: { value: number | null }) => p.value),
        current: d.outcomeHypothesis.progress.current,
      };
    };
    expect(await at(k1)).toEqual({ latest: 20, series: [10, 20], current: 20 });
    expect(await at(k2)).toEqual({ latest: 25, series: [null, 25], current: 25 });
    expect(await at(null)).toEqual({ latest: 25, series: [null, 25], current: 25 });

    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM measurement_revision r JOIN measurement m ON m.id = r.measurement_id AND m.observed_at = r.observed_at WHERE m.metric_id = $1`,
      [w.metricRowId],
    );
    expect(n).toBe(2);
  });
});

describe("creating partitions", () => {
  it("creates the quarters ahead that are missing, each as a measurement and revision pair, once", async () => {
    const created = await ensureMeasurementPartitions(app.dataSource, new Date("2100-02-10T00:00:00Z"), 2);
    expect(created).toEqual(
      ["2100q1", "2100q2", "2100q3"].flatMap((q) => [
        { partition: `measurement_${q}`, moved: 0 },
        { partition: `measurement_revision_${q}`, moved: 0 },
      ]),
    );
    expect(await ensureMeasurementPartitions(app.dataSource, new Date("2100-02-10T00:00:00Z"), 2)).toEqual([]);
    const bounds = await app.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL TimeZone = 'UTC'`);
      return m.query(
        `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_class c
          WHERE c.relname IN ('measurement_2100q2', 'measurement_revision_2100q2') ORDER BY 1`,
      );
    });
    expect(bounds).toEqual([
      { name: "measurement_2100q2", bound: "FOR VALUES FROM ('2100-04-01 00:00:00+00') TO ('2100-07-01 00:00:00+00')" },
      { name: "measurement_revision_2100q2", bound: "FOR VALUES FROM ('2100-04-01 00:00:00+00') TO ('2100-07-01 00:00:00+00')" },
    ]);
  });

  it("moves the rows waiting in the default partition into their new quarter: nothing lost, changed, revised or recorded", async () => {
    const w = await world("1990-01-01T00:00:00Z", "1991-01-01T00:00:00Z");
    await w.record(1, "1990-05-01T00:00:00Z");
    await w.record(7, "1990-05-02T00:00:00Z", "erp");
    await w.record(60, "1990-08-01T00:00:00Z"); // another quarter: stays in the default partition
    const k1 = await mark();
    await w.record(2, "1990-05-01T00:00:00Z");
    await w.retract("1990-05-01T00:00:00Z");
    const k2 = await mark();
    await w.record(3, "1990-05-01T00:00:00Z");

    const Q = `query($m: ID!, $h: ID!, $k: DateTime) {
      metric(id: $m) {
        latest(knownAt: $k) { id value observedAt }
        series(from: "1990-04-01T00:00:00Z", to: "1990-10-01T00:00:00Z", interval: MONTH, knownAt: $k) { start value count }
        measurements(filter: { includeRetracted: true }) { nodes { id value observedAt source retractedAt recordedAt revisions { value retractedAt recordedAt supersededAt } } }
      }
      outcomeHypothesis(id: $h) { progress(asOf: "1990-06-30T00:00:00Z", knownAt: $k) { current ratio status } }
    }`;
    const answers = async () => Promise.all([k1, k2, null].map((k) => app.ok(Q, { m: w.metric.id, h: w.h.id, k })));
    const before = {
      answers: await answers(),
      measurement: await tableFingerprint(app.dataSource, "measurement"),
      revision: await tableFingerprint(app.dataSource, "measurement_revision"),
      kept: await keptStates(app.dataSource),
    };
    expect(await placement(app.dataSource, w.metricRowId)).toEqual({
      measurements: [
        ["1990-05-01T00:00:00", "measurement_default"],
        ["1990-05-02T00:00:00", "measurement_default"],
        ["1990-08-01T00:00:00", "measurement_default"],
      ],
      revisions: [
        ["1990-05-01T00:00:00", "measurement_revision_default"],
        ["1990-05-01T00:00:00", "measurement_revision_default"],
        ["1990-05-01T00:00:00", "measurement_revision_default"],
      ],
    });

    expect(await ensureMeasurementPartitions(app.dataSource, new Date("1990-06-15T00:00:00Z"), 0)).toEqual([
      { partition: "measurement_1990q2", moved: 2 },
      { partition: "measurement_revision_1990q2", moved: 3 },
    ]);

    expect(await placement(app.dataSource, w.metricRowId)).toEqual({
      measurements: [
        ["1990-05-01T00:00:00", "measurement_1990q2"],
        ["1990-05-02T00:00:00", "measurement_1990q2"],
        ["1990-08-01T00:00:00", "measurement_default"],
      ],
      revisions: [
        ["1990-05-01T00:00:00", "measurement_revision_1990q2"],
        ["1990-05-01T00:00:00", "measurement_revision_1990q2"],
        ["1990-05-01T00:00:00", "measurement_revision_1990q2"],
      ],
    });
    expect({
      answers: await answers(),
      measurement: await tableFingerprint(app.dataSource, "measurement"),
      revision: await tableFingerprint(app.dataSource, "measurement_revision"),
      kept: await keptStates(app.dataSource),
    }).toEqual(before);

    // the moved rows are written like any other afterwards: a correction leaves its revision beside them
    expect(await w.record(4, "1990-05-02T00:00:00Z", "erp")).toMatchObject({ updated: 1 });
    expect((await placement(app.dataSource, w.metricRowId)).revisions).toContainEqual(["1990-05-02T00:00:00", "measurement_revision_1990q2"]);
  });
});

describe("partition maintenance", () => {
  it("creates the quarters ahead at start and on every interval, and logs a failed run instead of throwing", async () => {
    const lines: Array<{ level: string; details: any; message: string }> = [];
    const log = {
      info: (details: object, message: string) => lines.push({ level: "info", details, message }),
      error: (details: object, message: string) => lines.push({ level: "error", details, message }),
    };
    const instants = [new Date("2110-01-05T00:00:00Z"), new Date("2110-04-05T00:00:00Z")];
    let secondRun!: () => void;
    const ranTwice = new Promise<void>((resolve) => (secondRun = resolve));
    let calls = 0;
    const maintenance = startPartitionMaintenance(app.dataSource, log, {
      intervalMs: 20,
      quartersAhead: 1,
      clock: () => {
        if (++calls === 2) secondRun();
        return instants[Math.min(calls, instants.length) - 1];
      },
    });
    await ranTwice;
    maintenance.stop();
    await maintenance.running();
    expect(lines.map((l) => l.level)).toEqual(["info", "info"]);
    const created = lines.flatMap((l) => l.details.created.map((c: { partition: string }) => c.partition));
    expect(created).toEqual([
      "measurement_2110q1",
      "measurement_revision_2110q1",
      "measurement_2110q2",
      "measurement_revision_2110q2",
      "measurement_2110q3",
      "measurement_revision_2110q3",
    ]);

    // a database that cannot be reached: logged, and the process goes on
    const unreachable = createDataSource({ url: "postgresql://nobody@127.0.0.1:1/none", entities });
    const failing = startPartitionMaintenance(unreachable, log, { intervalMs: 3_600_000 });
    await failing.running();
    failing.stop();
    expect(lines.at(-1)).toMatchObject({ level: "error", message: expect.stringMatching(/partition maintenance failed/) });
  });
});

describe("partition pruning", () => {
  /** The statements of one GraphQL request that read measurements, and the partitions each plan reads. */
  async function readBy(query: string, variables: Record<string, unknown>): Promise<string[][]> {
    const { result, statements } = await withStatements(app, () => app.gql(query, variables));
    expect(result.errors).toBeUndefined();
    const reading = statements.filter((s: Statement) => /^\s*(WITH|SELECT)/i.test(s.text) && /\bmeasurement(_at|_revision)?\b/.test(s.text));
    expect(reading.length).toBeGreaterThan(0);
    return Promise.all(reading.map((s) => partitionsRead(app.dataSource, s)));
  }

  let w: Awaited<ReturnType<typeof world>>;
  let k: string;
  beforeAll(async () => {
    w = await world("2025-04-15T00:00:00Z", "2025-12-31T00:00:00Z");
    for (const [value, at] of [
      [1, "2025-01-15T00:00:00Z"],
      [2, "2025-04-20T00:00:00Z"],
      [3, "2025-05-20T00:00:00Z"],
      [4, "2025-08-20T00:00:00Z"],
      [5, "2025-11-20T00:00:00Z"],
    ] as const) {
      await w.record(value, at);
    }
    await w.record(30, "2025-05-20T00:00:00Z");
    k = await mark();
    await app.dataSource.query(`ANALYZE measurement, measurement_revision`);
  });

  it("a series reads only the quarters of its range, at a past knownAt their revisions too", async () => {
    const SERIES = `query($m: ID!, $from: DateTime!, $to: DateTime!, $k: DateTime) {
      metric(id: $m) { series(from: $from, to: $to, interval: WEEK, knownAt: $k) { value } }
    }`;
    expect(await readBy(SERIES, { m: w.metric.id, from: "2025-04-01T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toEqual([["measurement_2025q2"]]);
    expect(await readBy(SERIES, { m: w.metric.id, from: "2025-03-01T00:00:00Z", to: "2025-05-01T00:00:00Z" })).toEqual([
      ["measurement_2025q1", "measurement_2025q2"],
    ]);
    expect(await readBy(SERIES, { m: w.metric.id, from: "2025-04-01T00:00:00Z", to: "2025-07-01T00:00:00Z", k })).toEqual([
      ["measurement_2025q2", "measurement_revision_2025q2"],
    ]);
  });

  it("a hypothesis's current value reads its quarters from asOf down to the first with a value, none before its baseline", async () => {
    const PROGRESS = `query($h: ID!, $asOf: DateTime!, $k: DateTime) { outcomeHypothesis(id: $h) { progress(asOf: $asOf, knownAt: $k) { current } } }`;
    expect(await readBy(PROGRESS, { h: w.h.id, asOf: "2025-06-30T00:00:00Z" })).toEqual([["measurement_2025q2"]]);
    expect(await readBy(PROGRESS, { h: w.h.id, asOf: "2026-03-31T00:00:00Z" })).toEqual([["measurement_2025q4", "measurement_2026q1"]]);
    // at k: the rows recorded by then (found in the third quarter) and the revisions current then (none in the window)
    expect(await readBy(PROGRESS, { h: w.h.id, asOf: "2025-09-30T00:00:00Z", k })).toEqual([
      ["measurement_2025q3", "measurement_revision_2025q2", "measurement_revision_2025q3"],
    ]);
  });

  it("a measurement by id alone probes every partition (the id does not say which quarter)", async () => {
    const [{ id }] = await app.dataSource.query(`SELECT id FROM measurement WHERE metric_id = $1 ORDER BY observed_at LIMIT 1`, [w.metricRowId]);
    const NODE = `query($id: ID!) { node(id: $id) { ... on Measurement { value } } }`;
    const partitions: Array<{ name: string }> = await app.dataSource.query(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'measurement'::regclass ORDER BY 1`,
    );
    expect(await readBy(NODE, { id: encodeGlobalId("Measurement", id) })).toEqual([partitions.map((p) => p.name).sort()]);
  });

  it("a list of measurements in a time range reads only its quarters", async () => {
    const LIST = `query($m: ID!, $from: DateTime!, $to: DateTime!) {
      metric(id: $m) { measurements(filter: { from: $from, to: $to }) { nodes { value } } }
    }`;
    expect(await readBy(LIST, { m: w.metric.id, from: "2025-07-01T00:00:00Z", to: "2025-10-01T00:00:00Z" })).toEqual([["measurement_2025q3"]]);
  });
});
