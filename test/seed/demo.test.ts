import { useTestApp } from "../support/app";
import { buildDemoPlan, seedDemo, seedDemoIfEmpty } from "../../src/seed/demo";
import { HYPOTHESES, METRICS } from "../../src/seed/demo-data";
import { ProgressStatus, RefMeasurement, STATUSES, refProgress } from "../value/reference";

const app = useTestApp();
const NOW = new Date("2025-06-15T09:30:00Z");
const DAY = 86_400_000;
const noop = () => {};

const one = async <T = number>(sql: string, params: unknown[] = []): Promise<T> => {
  const [row] = await app.dataSource.query(sql, params);
  return Object.values(row)[0] as T;
};

describe("demo dataset", () => {
  let seedMs = 0;
  beforeAll(async () => {
    const started = Date.now();
    await seedDemo(app.dataSource, noop, { now: NOW });
    seedMs = Date.now() - started;
  });

  it("loads a realistic amount of everything, quickly", async () => {
    expect(await one("SELECT count(*)::int FROM portfolio")).toBeGreaterThanOrEqual(8);
    expect(await one("SELECT count(*)::int FROM portfolio")).toBeLessThanOrEqual(14);
    expect(await one("SELECT count(*)::int FROM initiative")).toBeGreaterThanOrEqual(20);
    expect(await one("SELECT count(*)::int FROM initiative")).toBeLessThanOrEqual(30);
    expect(await one("SELECT count(*)::int FROM metric")).toBeGreaterThanOrEqual(12);
    expect(await one("SELECT count(*)::int FROM metric")).toBeLessThanOrEqual(20);
    expect(await one("SELECT count(*)::int FROM outcome_hypothesis")).toBeGreaterThanOrEqual(30);
    expect(await one("SELECT count(*)::int FROM outcome_hypothesis")).toBeLessThanOrEqual(40);
    expect(await one("SELECT count(*)::int FROM measurement")).toBeGreaterThanOrEqual(3500);
    expect(await one("SELECT count(*)::int FROM measurement")).toBeLessThanOrEqual(6000);
    expect(await one("SELECT count(DISTINCT stage)::int FROM initiative")).toBe(7);
    expect(await one("SELECT count(DISTINCT state)::int FROM outcome_hypothesis")).toBe(5);
    expect(seedMs).toBeLessThan(10_000);
  });

  it("tells the decision story: a review overdue, a signal answered, tranches waiting for a START", async () => {
    const data = await app.ok(`{
      portfolios(filter: { rootsOnly: true }, first: 1) {
        nodes {
          signals { kind state initiative { name } acknowledgedBy { kind } }
          decisions(filter: { includeDescendants: true }) { nodes { kind stageBefore stageAfter initiative { name } evidenceHash evidenceCanonical } }
        }
      }
    }`);
    const root = data.portfolios.nodes[0];
    expect(root.signals).toContainEqual({ kind: "REVIEW_DUE", state: "OPEN", initiative: { name: "AI chat assistant" }, acknowledgedBy: null });
    // which signal the PIVOT answers depends on the day the demo is read; one of them is answered
    const answered = root.signals.filter((sig: any) => sig.state === "ACKNOWLEDGED");
    expect(answered).toHaveLength(1);
    expect(answered[0].acknowledgedBy).toEqual({ kind: "PIVOT" });
    // and which pass their gates (DELIVER, CLOSE) too; at least one moves a stage
    expect(root.decisions.nodes.map((d: any) => d.kind)).toEqual(expect.arrayContaining(["PIVOT", "CONTINUE"]));
    expect(root.decisions.nodes.some((d: any) => d.stageBefore !== d.stageAfter)).toBe(true);
    expect(root.decisions.nodes.map((d: any) => [d.kind, d.initiative.name])).toContainEqual(["CONTINUE", "AI chat assistant"]);
    expect(root.decisions.nodes.map((d: any) => [d.kind, d.initiative.name])).toContainEqual(["PIVOT", answered[0].initiative.name]);
    expect(await one("SELECT count(*)::int FROM funding_tranche WHERE state = 'PLANNED'")).toBe(2);
  });

  it("keeps every target on the metric's better side and every key well-formed", async () => {
    const wrongSide = await one(
      `SELECT count(*)::int FROM outcome_hypothesis h JOIN metric m ON m.id = h.metric_id
       WHERE (m.direction = 'INCREASE' AND h.target <= h.baseline) OR (m.direction = 'DECREASE' AND h.target >= h.baseline)`,
    );
    expect(wrongSide).toBe(0);
    const keys: Array<{ key: string }> = await app.dataSource.query("SELECT key FROM metric");
    for (const { key } of keys) expect(key).toMatch(/^[a-z0-9][a-z0-9_.-]{0,99}$/);
    const directions = await app.dataSource.query("SELECT DISTINCT direction, aggregation, cadence FROM metric");
    expect(new Set(directions.map((d: any) => d.direction))).toEqual(new Set(["INCREASE", "DECREASE"]));
    expect(new Set(directions.map((d: any) => d.cadence))).toEqual(new Set(["DAILY", "WEEKLY", "MONTHLY", "QUARTERLY"]));
  });

  it("measures two years up to now at each metric's cadence, with some corrections", async () => {
    const daily: Array<{ n: number; first: Date; last: Date }> = await app.dataSource.query(
      `SELECT count(*)::int AS n, min(observed_at) AS first, max(observed_at) AS last FROM measurement me
       JOIN metric m ON m.id = me.metric_id WHERE m.cadence = 'DAILY' GROUP BY m.id`,
    );
    expect(daily.length).toBeGreaterThanOrEqual(3);
    for (const d of daily) {
      expect(d.n).toBe(730);
      expect(NOW.getTime() - d.last.getTime()).toBeLessThan(DAY);
      expect(NOW.getTime() - d.first.getTime()).toBeGreaterThan(700 * DAY);
    }
    expect(await one("SELECT count(*)::int FROM measurement WHERE observed_at > $1 OR source <> 'demo-seed'", [NOW])).toBe(0);
    const revisions: Array<{ old: number; current: number }> = await app.dataSource.query(
      `SELECT r.value AS old, me.value AS current FROM measurement_revision r JOIN measurement me ON me.id = r.measurement_id`,
    );
    expect(revisions.length).toBeGreaterThanOrEqual(5);
    for (const r of revisions) expect(r.old).not.toBe(r.current);
  });

  it("shows every progress status, each hypothesis the one it was designed for", async () => {
    const rows: Array<any> = await app.dataSource.query(
      `SELECT i.name AS initiative, m.key, h.baseline, h.baseline_at, h.target, h.target_date, h.weight, h.state,
              h.expected_benefit, h.metric_id
       FROM outcome_hypothesis h JOIN initiative i ON i.id = h.initiative_id JOIN metric m ON m.id = h.metric_id`,
    );
    const seen = new Set<ProgressStatus>();
    for (const row of rows) {
      const ms: RefMeasurement[] = (
        await app.dataSource.query(`SELECT id, value, observed_at, recorded_at FROM measurement WHERE metric_id = $1`, [row.metric_id])
      ).map((m: any) => ({ id: m.id, value: m.value, observedAt: m.observed_at, recordedAt: m.recorded_at }));
      const progress = refProgress(
        {
          baseline: row.baseline,
          baselineAt: row.baseline_at,
          target: row.target,
          targetDate: row.target_date,
          weight: row.weight,
          expectedBenefit: row.expected_benefit,
          state: row.state,
        },
        ms,
        NOW,
      );
      seen.add(progress.status);
      const designed = HYPOTHESES.find((h) => h.initiative === row.initiative && h.metric === row.key);
      expect(designed).toBeDefined();
      if (designed!.status)
        expect({ hypothesis: `${row.initiative} / ${row.key}`, status: progress.status }).toEqual({
          hypothesis: `${row.initiative} / ${row.key}`,
          status: designed!.status,
        });
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it("scores every initiative on WSJF and RICE, so rankings, plans and ACCELERATE show real figures", async () => {
    const data = await app.ok(`{
      portfolios(filter: { rootsOnly: true }, first: 1) {
        nodes {
          id
          wsjf: ranking(model: WSJF, first: 100) { totalCount scoredCount nodes { score missingInputs initiative { name } } }
          rice: ranking(model: RICE, first: 100) { scoredCount nodes { initiative { name } } }
          signals(asOf: "${NOW.toISOString()}") { kind initiative { name } }
        }
      }
    }`);
    const root = data.portfolios.nodes[0];
    expect(root.wsjf.scoredCount).toBe(root.wsjf.totalCount);
    expect(root.wsjf.scoredCount).toBeGreaterThanOrEqual(20);
    expect(root.rice.scoredCount).toBe(root.wsjf.scoredCount);
    expect(root.wsjf.nodes.every((n: any) => n.missingInputs.length === 0 && n.score > 0)).toBe(true);
    // the two models disagree on the order, as they do in a real board
    const order = (ranking: any) => ranking.nodes.map((n: any) => n.initiative.name);
    expect(order(root.rice)).not.toEqual(order(root.wsjf));
    expect(root.signals.map((sig: any) => sig.kind)).toContain("ACCELERATE");
    const plan = await app.ok(
      `query($id: ID!) { planScenario(input: { portfolioId: $id, budget: 5000000, model: WSJF }) { totalCost selected { initiativeName } } }`,
      { id: root.id },
    );
    expect(plan.planScenario.selected.length).toBeGreaterThanOrEqual(5);
    expect(plan.planScenario.totalCost).toBeLessThanOrEqual(5_000_000);
  });

  it("reads back through GraphQL as one tree under Acme Group", async () => {
    const data = await app.ok(`{ portfolios(filter: {rootsOnly: true}) { edges { node { name children { totalCount } } } } }`);
    const root = data.portfolios.edges.map((e: any) => e.node).find((n: any) => n.name === "Acme Group");
    expect(root).toEqual({ name: "Acme Group", children: { totalCount: 4 } });
  });

  it("is only loaded automatically into an empty database", async () => {
    expect(await seedDemoIfEmpty(app.dataSource, noop)).toBe(false);
    expect(await one("SELECT count(*)::int FROM portfolio WHERE parent_id IS NULL")).toBe(1);
  });

  it("gives the same values every time for the same now, and a copy sits beside the first", async () => {
    await seedDemo(app.dataSource, noop, { now: NOW, instance: 2 });
    const perMetric = async (suffix: string) =>
      app.dataSource.query(
        `SELECT regexp_replace(m.key, $1, '') AS key, count(*)::int AS n, sum(me.value::numeric) AS total,
                (SELECT count(*)::int FROM measurement_revision r JOIN measurement x ON x.id = r.measurement_id WHERE x.metric_id = m.id) AS revisions,
                (SELECT string_agg(h.baseline || '→' || h.target, ',' ORDER BY h.statement) FROM outcome_hypothesis h WHERE h.metric_id = m.id) AS targets
         FROM metric m JOIN measurement me ON me.metric_id = m.id
         WHERE ($1 = '' AND m.key !~ '-2$') OR ($1 <> '' AND m.key ~ $1)
         GROUP BY m.id ORDER BY 1`,
        [suffix],
      );
    const first = await perMetric("");
    const second = await perMetric("-2$");
    expect(first).toHaveLength(METRICS.length);
    expect(second).toEqual(first);
    expect(await one("SELECT count(*)::int FROM portfolio WHERE name = 'Acme Group (demo 2)'")).toBe(1);
  });

  it("builds a consistent dataset whatever the day it is loaded", () => {
    // the plan checks each hypothesis against its designed status and throws on a miss
    for (let t = Date.UTC(2024, 0, 1, 13, 7); t < Date.UTC(2027, 0, 1); t += 7.3 * DAY) {
      expect(() => buildDemoPlan(new Date(t))).not.toThrow();
    }
    expect(buildDemoPlan(NOW)).toEqual(buildDemoPlan(new Date(NOW)));
  });
});
