import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError } from "../support/factories";

/**
 * "As known at" (DOMAIN.md, "History"): a figure asked with a past `knownAt`, on the field or
 * for the whole operation with `@knownAt`, is computed from what the service had recorded
 * then, whatever was written afterwards.
 */

const app = useTestApp();

const RECORD = `mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted updated unchanged } }`;
const RETRACT = `mutation($input: RetractMeasurementsInput!) { retractMeasurements(input: $input) { retracted } }`;
const UPDATE_HYPOTHESIS = `mutation($input: UpdateOutcomeHypothesisInput!) { updateOutcomeHypothesis(input: $input) { outcomeHypothesis { version } } }`;
const UPDATE_INITIATIVE = `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { version } } }`;
const UPDATE_PORTFOLIO = `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { version } } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An instant strictly between what was written before and what is written after. */
async function mark(): Promise<string> {
  await sleep(5);
  const k = new Date().toISOString();
  await sleep(5);
  return k;
}

async function world() {
  const portfolio = await createPortfolio(app);
  const metric = await createMetric(app, { portfolioId: portfolio.id });
  const initiative = await createInitiative(app, { portfolioId: portfolio.id, name: "Checkout", budget: 100 });
  const h = await createHypothesis(app, {
    initiativeId: initiative.id,
    metricId: metric.id,
    baseline: 0,
    baselineAt: "2025-01-01T00:00:00Z",
    target: 100,
    targetDate: "2026-01-01T00:00:00Z",
  });
  const record = (value: number, observedAt = "2025-12-01T00:00:00Z") =>
    app.ok(RECORD, { input: { measurements: [{ metricKey: metric.key, value, observedAt, source: "etl" }] } });
  return { portfolio, metric, initiative, h, record };
}

const PROGRESS = `query($id: ID!, $asOf: DateTime, $knownAt: DateTime) {
  outcomeHypothesis(id: $id) { progress(asOf: $asOf, knownAt: $knownAt) { current status asOf knownAt } }
}`;

describe("a correction and a retraction", () => {
  it("leave a figure asked at an earlier knownAt as it was (the AT_RISK that became ACHIEVED)", async () => {
    const { h, metric, record } = await world();
    await record(80);
    const k1 = await mark();
    await record(100); // the correction
    const k2 = await mark();
    await app.ok(RETRACT, {
      input: { measurements: [{ metricKey: metric.key, observedAt: "2025-12-01T00:00:00Z", source: "etl" }], reason: "bad load" },
    });
    const k3 = await mark();
    await record(90); // recorded again: counts again, as a new revision

    const at = async (knownAt: string | null) =>
      (await app.ok(PROGRESS, { id: h.id, asOf: "2025-12-31T00:00:00Z", knownAt })).outcomeHypothesis.progress;
    expect(await at(k1)).toEqual({ current: 80, status: "AT_RISK", asOf: "2025-12-31T00:00:00.000Z", knownAt: k1 });
    expect(await at(k2)).toMatchObject({ current: 100, status: "ACHIEVED", knownAt: k2 });
    expect(await at(k3)).toMatchObject({ current: null, status: "NO_DATA" });
    expect(await at(null)).toMatchObject({ current: 90, status: "ON_TRACK" });
  });

  it("reads latest and series with the values they had then", async () => {
    const { metric, record } = await world();
    await record(1, "2025-06-01T00:00:00Z");
    await record(2, "2025-06-02T00:00:00Z");
    const k1 = await mark();
    await record(5, "2025-06-02T00:00:00Z");
    await record(9, "2025-06-03T00:00:00Z");
    const Q = `query($id: ID!, $k: DateTime) { metric(id: $id) {
      latest(knownAt: $k) { value observedAt }
      series(from: "2025-06-01T00:00:00Z", to: "2025-06-04T00:00:00Z", interval: DAY, knownAt: $k) { value count }
    } }`;
    const then = await app.ok(Q, { id: metric.id, k: k1 });
    expect(then.metric.latest).toEqual({ value: 2, observedAt: "2025-06-02T00:00:00.000Z" });
    expect(then.metric.series.map((p: any) => [p.value, p.count])).toEqual([
      [1, 1],
      [2, 1],
      [null, 0],
    ]);
    const now = await app.ok(Q, { id: metric.id, k: null });
    expect(now.metric.latest.value).toBe(9);
    expect(now.metric.series.map((p: any) => p.value)).toEqual([1, 5, 9]);
  });
});

describe("objects as known at an instant", () => {
  it("uses the target, weight and state of then, and leaves out what did not exist yet", async () => {
    const { portfolio, initiative, h, metric, record } = await world();
    await record(50);
    const k1 = await mark();
    await app.ok(UPDATE_HYPOTHESIS, { input: { id: h.id, target: 200 } });
    const later = await createHypothesis(app, {
      initiativeId: initiative.id,
      metricId: metric.id,
      baseline: 0,
      target: 10,
      baselineAt: "2025-01-01T00:00:00Z",
    });
    const Q = `query($id: ID!, $k: DateTime) { portfolio(id: $id) {
      valueSummary(asOf: "2025-12-31T00:00:00Z", knownAt: $k) { hypothesisCount weightedProgress knownAt }
    } }`;
    const then = (await app.ok(Q, { id: portfolio.id, k: k1 })).portfolio.valueSummary;
    expect(then).toEqual({ hypothesisCount: 1, weightedProgress: 0.5, knownAt: k1 });
    const now = (await app.ok(Q, { id: portfolio.id, k: null })).portfolio.valueSummary;
    expect(now.hypothesisCount).toBe(2);
    // the new target halves the first one's ratio; the later one is achieved (clamped to 1)
    expect(now.weightedProgress).toBeCloseTo((0.25 + 1) / 2, 10);
    // the whole operation at k1: the node, its lists and its fields as they were
    const OP = `query($id: ID!, $h: ID!, $later: ID!, $k: DateTime!) @knownAt(at: $k) {
      initiative(id: $id) { name hypotheses { totalCount nodes { target progress(asOf: "2025-12-31T00:00:00Z") { ratio knownAt } } } }
      outcomeHypothesis(id: $h) { target version }
      laterOne: outcomeHypothesis(id: $later) { id }
      node(id: $later) { id }
    }`;
    await app.ok(UPDATE_INITIATIVE, { input: { id: initiative.id, name: "Checkout v2" } });
    const res = await app.gql(OP, { id: initiative.id, h: h.id, later: later.id, k: k1 });
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.knownAt).toBe(k1);
    expect(res.data).toEqual({
      initiative: { name: "Checkout", hypotheses: { totalCount: 1, nodes: [{ target: 100, progress: { ratio: 0.5, knownAt: k1 } }] } },
      outcomeHypothesis: { target: 100, version: 1 },
      laterOne: null,
      node: null,
    });
  });

  it("walks the portfolio tree as it was: a subtree rollup before a move keeps the moved initiatives", async () => {
    const root = await createPortfolio(app);
    const child = await createPortfolio(app, { parentId: root.id });
    const other = await createPortfolio(app);
    const { initiative, portfolio } = await world();
    await app.ok(UPDATE_PORTFOLIO, { input: { id: portfolio.id, parentId: child.id } });
    const k1 = await mark();
    await app.ok(UPDATE_PORTFOLIO, { input: { id: child.id, parentId: other.id } });
    const Q = `query($id: ID!, $k: DateTime) { portfolio(id: $id) {
      valueSummary(knownAt: $k) { plannedInvestment }
      initiatives(filter: {includeDescendants: true}) { nodes { id } }
    } }`;
    const then = await app.gql(
      `query($id: ID!, $k: DateTime!) @knownAt(at: $k) { portfolio(id: $id) {
      valueSummary { plannedInvestment } initiatives(filter: {includeDescendants: true}) { nodes { id } } } }`,
      { id: root.id, k: k1 },
    );
    expect(then.data.portfolio).toEqual({ valueSummary: { plannedInvestment: 100 }, initiatives: { nodes: [{ id: initiative.id }] } });
    const now = await app.ok(Q, { id: root.id, k: null });
    expect(now.portfolio).toEqual({ valueSummary: { plannedInvestment: 0 }, initiatives: { nodes: [] } });
  });

  it("ranks with the inputs and stages of then", async () => {
    const p = await createPortfolio(app);
    const a = await createInitiative(app, { portfolioId: p.id, name: "A", businessValue: 8, timeCriticality: 1, riskReduction: 1, jobSize: 1 });
    const b = await createInitiative(app, { portfolioId: p.id, name: "B", businessValue: 3, timeCriticality: 1, riskReduction: 1, jobSize: 1 });
    const k1 = await mark();
    await app.ok(UPDATE_INITIATIVE, { input: { id: b.id, businessValue: 20 } });
    const Q = `query($id: ID!, $k: DateTime) { portfolio(id: $id) { ranking(knownAt: $k) { nodes { rank score initiative { id } } } } }`;
    const then = (await app.ok(Q, { id: p.id, k: k1 })).portfolio.ranking.nodes;
    expect(then.map((n: any) => [n.initiative.id, n.score])).toEqual([
      [a.id, 10],
      [b.id, 5],
    ]);
    const now = (await app.ok(Q, { id: p.id, k: null })).portfolio.ranking.nodes;
    expect(now.map((n: any) => [n.initiative.id, n.score])).toEqual([
      [b.id, 22],
      [a.id, 10],
    ]);
  });

  it("shows only the changes recorded by then in history", async () => {
    const i = await createInitiative(app);
    const k1 = await mark();
    await app.ok(UPDATE_INITIATIVE, { input: { id: i.id, name: "Renamed" } });
    const Q = `query($id: ID!, $k: DateTime!) @knownAt(at: $k) { initiative(id: $id) { name history { nodes { operation } } } }`;
    expect((await app.ok(Q, { id: i.id, k: k1 })).initiative).toEqual({
      name: expect.stringMatching(/^Initiative /),
      history: { nodes: [{ operation: "CREATE" }] },
    });
  });
});

describe("@knownAt and knownAt arguments", () => {
  it("treat an instant not in the past as now, and say which instant they used", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const before = Date.now();
    const res = await app.gql(`query($k: DateTime!) @knownAt(at: $k) { serviceInfo { reportingCurrency } }`, { k: future });
    expect(res.errors).toBeUndefined();
    const used = Date.parse(res.extensions!.knownAt);
    expect(used).toBeGreaterThanOrEqual(before);
    expect(used).toBeLessThanOrEqual(Date.now());
  });

  it("refuse @knownAt on a mutation and a malformed instant, changing nothing", async () => {
    const onMutation = await app.gql(`mutation @knownAt(at: "2025-01-01T00:00:00Z") { createPortfolio(input: {name: "Nope"}) { portfolio { id } } }`);
    expectError(onMutation, "GRAPHQL_VALIDATION_FAILED");
    expect(await app.dataSource.query("SELECT 1 FROM portfolio WHERE name = 'Nope'")).toEqual([]);
    const malformed = await app.gql(`query($k: DateTime!) @knownAt(at: $k) { serviceInfo { reportingCurrency } }`, { k: "last tuesday" });
    expectError(malformed, "BAD_USER_INPUT");
  });

  it("let a field's own knownAt win over the operation's", async () => {
    const { h, record } = await world();
    await record(20);
    const k1 = await mark();
    await record(80);
    const k2 = await mark();
    const Q = `query($id: ID!, $k1: DateTime!, $k2: DateTime!) @knownAt(at: $k2) {
      outcomeHypothesis(id: $id) { op: progress(asOf: "2025-12-31T00:00:00Z") { current } own: progress(asOf: "2025-12-31T00:00:00Z", knownAt: $k1) { current } }
    }`;
    const data = await app.ok(Q, { id: h.id, k1, k2 });
    expect(data.outcomeHypothesis).toEqual({ op: { current: 80 }, own: { current: 20 } });
  });
});

describe("the kept versions", () => {
  it("cannot be edited or deleted", async () => {
    const i = await createInitiative(app);
    await app.ok(UPDATE_INITIATIVE, { input: { id: i.id, name: "Second" } });
    await expect(app.dataSource.query("UPDATE initiative_history SET name = 'forged'")).rejects.toThrow(/never edited/);
    await expect(app.dataSource.query("DELETE FROM initiative_history")).rejects.toThrow(/never edited/);
  });

  it("have every column of their table (a migration that adds one calls rmo_keep_history)", async () => {
    const rows: Array<{ t: string; missing: string[] }> = await app.dataSource.query(`
      SELECT c.relname AS t, coalesce(array_agg(a.attname::text) FILTER (WHERE b.attname IS NULL), '{}') AS missing
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attribute b ON b.attrelid = to_regclass(c.relname || '_history') AND b.attname = a.attname AND NOT b.attisdropped
      WHERE to_regclass(c.relname || '_history') IS NOT NULL AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      GROUP BY c.relname ORDER BY c.relname`);
    expect(rows).toEqual(
      [
        "decision",
        "funding_tranche",
        "gate_policy",
        "initiative",
        "initiative_criterion_score",
        "metric",
        "outcome_hypothesis",
        "portfolio",
        "portfolio_member",
        "scoring_model",
        "signal_snooze",
      ].map((t) => ({
        t,
        missing: [],
      })),
    );
  });
});
