import { TestApp } from "./app";

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
