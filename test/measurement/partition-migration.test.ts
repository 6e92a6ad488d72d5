import { DataSource } from "typeorm";
import { startTestApp, TestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio } from "../support/factories";
import { migrations } from "../../src/database/migrations";
import { PartitionMeasurements1796250000000 } from "../../src/database/migrations/1796250000000-PartitionMeasurements";
import { createDataSource } from "../../src/database/data-source";
import { entities } from "../../src/entities";
import { ensureMeasurementPartitions } from "../../src/measurement/partitions";
import { mark, RECORD, RETRACT, tableFingerprint } from "./partitions.support";

/**
 * The PartitionMeasurements migration converts a database in place (issue 16): a database
 * built by the release before it, with years of measurements, corrections, retractions and
 * outliers, keeps every row, id, revision and answer through up(), goes on taking writes
 * with the next ids, and comes back the same through down().
 */

const before = migrations.slice(0, migrations.indexOf(PartitionMeasurements1796250000000));
let app: TestApp;
let full: DataSource;

beforeAll(async () => {
  app = await startTestApp({}, { migrations: before });
  // the same database with every migration known, to apply and revert the last one
  full = createDataSource({ url: app.config.databaseUrl!, entities, poolSize: 2 });
  await full.initialize();
});
afterAll(async () => {
  await full?.destroy();
  await app?.close();
});

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

interface World {
  metrics: Array<{ id: string; key: string }>;
  hypotheses: string[];
  portfolioId: string;
  marks: string[];
}

/** Four metrics (each aggregation) with two sources over 2019–2026, outliers, and waves of corrections and retractions. */
async function buildWorld(): Promise<World> {
  const portfolio = await createPortfolio(app);
  const metrics: World["metrics"] = [];
  for (const aggregation of ["LAST", "SUM", "AVERAGE", "MAX"]) metrics.push(await createMetric(app, { portfolioId: portfolio.id, aggregation }));
  const hypotheses: string[] = [];
  for (const [i, metric] of metrics.entries()) {
    const initiative = await createInitiative(app, { portfolioId: portfolio.id });
    const h = await createHypothesis(app, {
      initiativeId: initiative.id,
      metricId: metric.id,
      baseline: 0,
      baselineAt: `${2019 + i}-03-01T00:00:00Z`,
      target: 500,
      targetDate: `${2023 + i}-12-31T00:00:00Z`,
      expectedBenefit: 1000 * (i + 1),
    });
    hypotheses.push(h.id);
  }
  const record = async (items: Array<{ metricKey: string; value: number; observedAt: string; source: string }>) => {
    const res = await app.ok(RECORD, { input: { measurements: items } });
    expect(res.recordMeasurements.rejected).toEqual([]);
  };
  const start = Date.UTC(2019, 0, 1);
  const keys = (wave: number) =>
    metrics.flatMap((m, i) =>
      ["etl", "erp"].flatMap((source, s) =>
        Array.from({ length: 130 }, (_, n) => ({
          metricKey: m.key,
          observedAt: iso(start + (n * 22 + i * 3 + s) * DAY + (n % 24) * 3_600_000),
          source,
          value: ((n * 37 + i * 11 + s * 5 + wave * 13) % 500) + n / 4,
        })),
      ),
    );
  const all = keys(0);
  await record(all);
  // outliers: 1990 and 2003 lie outside the quarters the conversion covers
  await record(
    metrics
      .slice(0, 2)
      .map((m, i) => ({ metricKey: m.key, value: 7 + i, observedAt: i ? "2003-07-01T00:00:00Z" : "1990-03-01T00:00:00Z", source: "etl" })),
  );
  const marks = [await mark()];
  // corrections: every seventh key once, every 21st twice
  await record(keys(1).filter((_, n) => n % 7 === 0));
  await record(keys(2).filter((_, n) => n % 21 === 0));
  marks.push(await mark());
  // retractions, one of them recorded again afterwards
  const retracted = all.filter((_, n) => n % 11 === 5).map(({ metricKey, observedAt, source }) => ({ metricKey, observedAt, source }));
  await app.ok(RETRACT, { input: { measurements: retracted, reason: "double load" } });
  marks.push(await mark());
  await record([{ ...retracted[0], value: 123 }]);
  return { metrics, hypotheses, portfolioId: portfolio.id, marks };
}

const ANSWERS = `query($m: [ID!]!, $h: [ID!]!, $p: ID!, $k: DateTime) {
  metrics: nodes(ids: $m) {
    ... on Metric {
      latest(knownAt: $k) { id value observedAt source recordedAt }
      series(from: "2018-10-01T00:00:00Z", to: "2027-01-01T00:00:00Z", interval: QUARTER, knownAt: $k) { start value count }
      measurements(first: 500, filter: { includeRetracted: true }) {
        totalCount
        nodes { id value observedAt source note recordedAt retractedAt createdAt revisions { value recordedAt retractedAt supersededAt } }
      }
      corrected: measurements(first: 500, filter: { corrected: true, from: "2019-06-01T00:00:00Z", to: "2024-06-01T00:00:00Z" }) { totalCount nodes { id } }
    }
  }
  hypotheses: nodes(ids: $h) {
    ... on OutcomeHypothesis {
      now: progress(knownAt: $k) { current ratio status }
      then: progress(asOf: "2021-06-30T00:00:00Z", knownAt: $k) { current ratio expectedRatio status }
    }
  }
  portfolio(id: $p) { valueSummary(asOf: "2022-01-01T00:00:00Z", knownAt: $k) { hypothesisCount weightedProgress realizedBenefit } }
}`;

/** The API's answers now and at every mark, and the stored rows of both tables. */
async function fingerprint(w: World) {
  const answers = [];
  for (const k of [null, ...w.marks]) answers.push(await app.ok(ANSWERS, { m: w.metrics.map((m) => m.id), h: w.hypotheses, p: w.portfolioId, k }));
  return {
    measurement: await tableFingerprint(full, "measurement"),
    revision: await tableFingerprint(full, "measurement_revision"),
    answers,
  };
}

/** Columns, defaults, constraints, indexes, triggers, sequence owners and measurement_at, as the catalog describes them. */
async function schemaOf(ds: DataSource) {
  const tables = await ds.query(`
    SELECT c.relname AS name, c.relkind AS kind,
      (SELECT string_agg(format('%s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)), ', ' ORDER BY a.attnum)
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
      (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE conrelid = c.oid) AS constraints,
      (SELECT string_agg(pg_get_indexdef(indexrelid), '; ' ORDER BY pg_get_indexdef(indexrelid)) FROM pg_index WHERE indrelid = c.oid) AS indexes,
      (SELECT string_agg(pg_get_triggerdef(oid), '; ' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal) AS triggers,
      pg_get_serial_sequence(c.relname, 'id') AS sequence
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN ('measurement', 'measurement_revision') ORDER BY 1`);
  const [fn] = await ds.query(
    `SELECT regexp_replace(prosrc, '\\s+', ' ', 'g') AS body, prorettype::regtype::text AS returns FROM pg_proc WHERE proname = 'measurement_at'`,
  );
  return { tables, fn };
}

const lastValue = async (sequence: string): Promise<number> => (await full.query(`SELECT last_value FROM ${sequence}`))[0].last_value;

describe("PartitionMeasurements, in place", () => {
  it("keeps every row, id and answer through up(), takes the next ids after it, and comes back the same through down()", async () => {
    const w = await buildWorld();
    // a value stored before the bound |value| ≤ 1e15 existed (migration Idempotency left it unchecked), in an outlier year
    await full.query(`ALTER TABLE measurement DROP CONSTRAINT measurement_value_bound`);
    await full.query(
      `INSERT INTO measurement (metric_id, value, observed_at, source) SELECT id, 1e16, '1995-02-01T00:00:00Z', 'legacy' FROM metric WHERE key = $1`,
      [w.metrics[3].key],
    );
    await full.query(`ALTER TABLE measurement ADD CONSTRAINT measurement_value_bound CHECK (abs(value) <= 1e15) NOT VALID`);
    const schema = await schemaOf(full);
    const original = await fingerprint(w);
    expect(original.measurement.rows).toBe(4 * 2 * 130 + 3);
    expect(original.revision.rows).toBeGreaterThan(150);
    const [now, k1] = original.answers;
    expect(now.metrics.map((x: any) => x.measurements.totalCount)).toEqual([261, 261, 260, 261]);
    expect(now.metrics.every((x: any) => x.corrected.totalCount > 0 && x.measurements.nodes.some((n: any) => n.retractedAt))).toBe(true);
    expect(k1).not.toEqual(now); // the marks see other states
    const sequences = { measurement: await lastValue("measurement_id_seq"), revision: await lastValue("measurement_revision_id_seq") };

    expect((await full.runMigrations({ transaction: "each" })).map((m) => m.name)).toEqual(["PartitionMeasurements1796250000000"]);
    expect((await schemaOf(full)).tables.map((t: { kind: string }) => t.kind)).toEqual(["p", "p"]);
    const placed: Array<{ part: string; n: number }> = await full.query(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM measurement GROUP BY 1 ORDER BY 1`,
    );
    expect(placed.find((p) => p.part === "measurement_default")?.n).toBe(3);
    expect(placed.map((p) => p.part)).toContain("measurement_2019q1");
    expect(placed.reduce((s, p) => s + p.n, 0)).toBe(original.measurement.rows);
    expect(await fingerprint(w)).toEqual(original);

    // the legacy outlier moves into its own quarter though it breaks the bound (left unchecked on it)
    expect(await ensureMeasurementPartitions(full, new Date("1995-02-01T00:00:00Z"), 0)).toEqual([
      { partition: "measurement_1995q1", moved: 1 },
      { partition: "measurement_revision_1995q1", moved: 0 },
    ]);
    expect(await fingerprint(w)).toEqual(original);

    // writes go on with the next ids
    const m = w.metrics[1];
    await app.ok(RECORD, { input: { measurements: [{ metricKey: m.key, value: 1, observedAt: "2026-06-01T00:00:00Z", source: "etl" }] } });
    const [fresh] = await full.query(`SELECT id FROM measurement WHERE source = 'etl' AND observed_at = '2026-06-01T00:00:00Z'`);
    expect(fresh.id).toBe(sequences.measurement + 1);
    await app.ok(RECORD, { input: { measurements: [{ metricKey: m.key, value: 2, observedAt: "2026-06-01T00:00:00Z", source: "etl" }] } });
    const [revision] = await full.query(`SELECT id, value FROM measurement_revision WHERE measurement_id = $1`, [fresh.id]);
    expect(revision).toEqual({ id: sequences.revision + 1, value: 1 });
    await app.ok(RETRACT, { input: { measurements: [{ metricKey: m.key, observedAt: "2026-06-01T00:00:00Z", source: "etl" }], reason: "test" } });
    const written = await fingerprint(w);
    expect(written.measurement.rows).toBe(original.measurement.rows + 1);
    expect(written.revision.rows).toBe(original.revision.rows + 2);

    await full.undoLastMigration({ transaction: "each" });
    expect(await schemaOf(full)).toEqual(schema);
    expect(await fingerprint(w)).toEqual(written);
  });
});
