import { GraphQLResponse, TestApp } from "./app";

/**
 * Test factories: each creates what it needs through the public API, parents included,
 * and returns the object's fields (global `id` among them). Overrides win.
 */
let seq = 0;
const next = () => ++seq;

export async function createPortfolio(app: TestApp, overrides: Record<string, unknown> = {}) {
  const data = await app.ok(
    `mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id name version budget parent { id } } } }`,
    { input: { name: `Portfolio ${next()}`, ...overrides } },
  );
  return data.createPortfolio.portfolio;
}

export async function createInitiative(app: TestApp, overrides: Record<string, unknown> = {}) {
  const portfolioId = overrides.portfolioId ?? (await createPortfolio(app)).id;
  const data = await app.ok(
    `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { id name version stage budget actualCost tags portfolio { id } } } }`,
    { input: { name: `Initiative ${next()}`, ...overrides, portfolioId } },
  );
  return data.createInitiative.initiative;
}

export async function createMetric(app: TestApp, overrides: Record<string, unknown> = {}) {
  const portfolioId = overrides.portfolioId ?? (await createPortfolio(app)).id;
  const n = next();
  const data = await app.ok(
    `mutation($input: CreateMetricInput!) { createMetric(input: $input) { metric { id key name version direction aggregation cadence } } }`,
    { input: { key: `metric.${n}.${Date.now()}`, name: `Metric ${n}`, direction: "INCREASE", ...overrides, portfolioId } },
  );
  return data.createMetric.metric;
}

export async function createHypothesis(app: TestApp, overrides: Record<string, unknown> = {}) {
  const initiativeId = overrides.initiativeId ?? (await createInitiative(app)).id;
  const metricId = overrides.metricId ?? (await createMetric(app)).id;
  const data = await app.ok(
    `mutation($input: CreateOutcomeHypothesisInput!) { createOutcomeHypothesis(input: $input) { outcomeHypothesis { id version statement baseline target weight state } } }`,
    {
      input: {
        statement: `Hypothesis ${next()}`,
        baseline: 10,
        baselineAt: "2026-01-01T00:00:00Z",
        target: 20,
        targetDate: "2026-12-31T00:00:00Z",
        ...overrides,
        initiativeId,
        metricId,
      },
    },
  );
  return data.createOutcomeHypothesis.outcomeHypothesis;
}

/** Text that must never reach a client in an error message (API.md, "Errors"). */
const LEAKS = [
  /QueryFailedError/i,
  /violates/i,
  /\bSELECT\b/i,
  /\bINSERT\b/i,
  /\bUPDATE\s+\w+\s+SET\b/i,
  /\bWHERE\b/,
  /\n\s+at /,
  /\.ts:\d+/,
  /relation "/,
];

/** Asserts one error with `code` (and `field` when given), no data leak, and returns it. */
export function expectError(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors?.length).toBeGreaterThan(0);
  const error = res.errors![0];
  expect({ code: error.extensions?.code, field: error.extensions?.field }).toEqual({ code, field });
  expectNoLeak(res);
  return error;
}

/** No error of the response carries SQL, driver text or a stack trace. */
export function expectNoLeak(res: GraphQLResponse) {
  for (const e of res.errors ?? []) {
    for (const leak of LEAKS) expect(e.message).not.toMatch(leak);
    expect(e.extensions?.stacktrace).toBeUndefined();
    expect(e.extensions?.exception).toBeUndefined();
  }
}

/** Inserts measurements straight into the table (the recordMeasurements mutation is not under test here). */
export async function insertMeasurements(app: TestApp, key: string, rows: Array<{ value: number; observedAt: string; source?: string }>) {
  const [{ id }] = await app.dataSource.query("SELECT id FROM metric WHERE key = $1", [key]);
  for (const r of rows) {
    await app.dataSource.query("INSERT INTO measurement (metric_id, value, observed_at, source) VALUES ($1, $2, $3, $4)", [
      id,
      r.value,
      r.observedAt,
      r.source ?? "test",
    ]);
  }
}

let unknownSeq = 0;
/**
 * A well-formed global ID of `type` whose row does not exist. Tests build it because the API
 * has no deletes; clients never do this (IDs are opaque).
 */
export function unknownId(type: "Portfolio" | "Initiative" | "Metric" | "OutcomeHypothesis" | "Measurement"): string {
  const n = ++unknownSeq;
  const key = type === "Measurement" ? String(900_000_000 + n) : `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}
