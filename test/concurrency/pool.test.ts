import { useTestApp } from "../support/app";
import { grant, person } from "../support/auth-factories";
import { createHypothesis, createInitiative, createMetric, createPortfolio } from "../support/factories";

/**
 * A mutation must never hold its transaction's connection while it waits for a second one
 * from the pool: with more concurrent mutations than connections, every one of them would
 * wait for the others until the pool's timeout. Four connections here, 24 requests at once.
 */
const app = useTestApp({ RMO_DB_POOL_SIZE: "4" });

it("concurrent updates by a non-admin (whose roles are read per request) all succeed with a small pool", async () => {
  const p = await createPortfolio(app);
  const owner = await person(app, "pool-owner@example.com");
  await grant(app, p.id, "pool-owner@example.com", "OWNER");
  const initiatives = await Promise.all(Array.from({ length: 6 }, () => createInitiative(app, { portfolioId: p.id })));
  const metrics = await Promise.all(Array.from({ length: 6 }, () => createMetric(app, { portfolioId: p.id })));
  const hypotheses = await Promise.all(initiatives.map((i, n) => createHypothesis(app, { initiativeId: i.id, metricId: metrics[n].id })));
  const calls = [
    ...initiatives.map((i) =>
      // a decision reads its evidence in its own transaction: many statements on one connection
      owner.gql(
        `mutation($id: ID!) { recordDecision(input: { initiativeId: $id, kind: CONTINUE, rationale: "steady", reviewBy: "2030-01-01" }) { decision { kind } } }`,
        { id: i.id },
      ),
    ),
    ...metrics.map((m) => owner.gql(`mutation($id: ID!) { updateMetric(input: { id: $id, unit: "%" }) { metric { unit } } }`, { id: m.id })),
    ...hypotheses.map((h) =>
      owner.gql(`mutation($id: ID!) { updateOutcomeHypothesis(input: { id: $id, weight: 2 }) { outcomeHypothesis { weight } } }`, { id: h.id }),
    ),
    ...metrics.map((m, n) =>
      owner.gql(`mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted rejected { code } } }`, {
        input: { measurements: [{ metricId: m.id, value: n, observedAt: "2026-02-01T00:00:00Z" }] },
      }),
    ),
  ];
  const results = await Promise.all(calls);
  expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
  expect(results.filter((r) => r.data?.recordMeasurements).map((r) => r.data.recordMeasurements)).toEqual(
    metrics.map(() => ({ inserted: 1, rejected: [] })),
  );
});
