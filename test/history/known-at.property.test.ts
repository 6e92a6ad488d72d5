import fc from "fast-check";
import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio } from "../support/factories";

/**
 * The invariant of DOMAIN.md, "History": once an instant K has passed, nothing written
 * afterwards changes any answer at knownAt = K. Random histories of writes (creates,
 * updates of targets, weights, states, costs, stages and parents, moves, memberships,
 * measurements, corrections, retractions), each followed by an instant K; after every step,
 * the answers at every earlier K of a fixed report (dashboard, rollup, series, report,
 * ranking, signals) must be exactly what they were when first asked.
 */

const app = useTestApp();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const AS_OF = "2025-12-31T00:00:00Z";

const REPORT = `query($root: ID!, $m0: ID!, $m1: ID!, $k: DateTime!) @knownAt(at: $k) {
  portfolio(id: $root) {
    valueSummary(asOf: "${AS_OF}") {
      hypothesisCount weightedProgress expectedBenefit realizedBenefit investment plannedInvestment benefitCostRatio statusCounts { status count }
    }
    children(first: 3) { nodes { name valueSummary(asOf: "${AS_OF}") { hypothesisCount weightedProgress } children(first: 3) { nodes { name } } } }
    members(first: 3) { nodes { subject role } }
    initiatives(filter: {includeDescendants: true}, first: 12) {
      nodes {
        name stage budget actualCost businessValue version releasedFunding portfolio { name }
        decisions(first: 5) { nodes { kind stageBefore stageAfter evidenceHash } }
        hypotheses(first: 3) { nodes { statement target weight state metric { key } progress(asOf: "${AS_OF}") { current ratio expectedRatio status forecastAtTarget } } }
      }
    }
    ranking(first: 12) { totalCount scoredCount nodes { rank score initiative { name } } }
    signals(asOf: "${AS_OF}") { kind initiative { name } numbers { name value } }
  }
  m0: metric(id: $m0) { latest { value observedAt } series(from: "2025-06-01T00:00:00Z", to: "2025-06-08T00:00:00Z", interval: DAY) { value count } }
  m1: metric(id: $m1) { latest { value observedAt } series(from: "2025-06-01T00:00:00Z", to: "2025-06-08T00:00:00Z", interval: DAY) { value count } }
  valueReport(portfolioId: $root, asOf: "${AS_OF}", first: 20) {
    totalCount nodes { portfolioName initiativeName metricKey baseline target current ratio status expectedBenefit realizedBenefit }
  }
}`;

const DECIDE = `mutation($input: RecordDecisionInput!) {
  recordDecision(input: $input) {
    decision {
      decidedAt
      evidence {
        valueSummary { hypothesisCount weightedProgress expectedBenefit realizedBenefit statusCounts { status count } }
        hypotheses { statement current ratio expectedRatio status forecastRatio }
        signals { kind reason state }
        budget actualCost releasedFunding
      }
    }
  }
}`;
const EVIDENCE_AGAIN = `query($id: ID!, $k: DateTime!) @knownAt(at: $k) {
  initiative(id: $id) {
    budget actualCost releasedFunding
    valueSummary { hypothesisCount weightedProgress expectedBenefit realizedBenefit statusCounts { status count } }
    hypotheses(first: 20) { nodes { state statement progress { current ratio expectedRatio status forecastRatio } } }
    signals { kind reason state }
  }
}`;
const COUNTED = ["ACTIVE", "VALIDATED", "INVALIDATED"];

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const root = await createPortfolio(app, { name: "Root" });
  const a = await createPortfolio(app, { name: "A", parentId: root.id });
  const b = await createPortfolio(app, { name: "B", parentId: root.id });
  const metrics = [await createMetric(app, { portfolioId: root.id, aggregation: "SUM" }), await createMetric(app, { portfolioId: root.id })];
  const scored = { businessValue: 5, timeCriticality: 3, riskReduction: 2, jobSize: 3 };
  const initiatives = [
    await createInitiative(app, { portfolioId: a.id, name: "I0", budget: 100, stage: "APPROVED", ...scored }),
    await createInitiative(app, { portfolioId: b.id, name: "I1", budget: 50, stage: "IN_DELIVERY", ...scored }),
  ];
  const hypotheses = [
    await createHypothesis(app, hyp(initiatives[0].id, metrics[0].id, "H0")),
    await createHypothesis(app, hyp(initiatives[1].id, metrics[1].id, "H1")),
  ];
  return { root, portfolios: [root, a, b], metrics, initiatives, hypotheses, created: 0 };
}

function hyp(initiativeId: string, metricId: string, statement: string) {
  return {
    initiativeId,
    metricId,
    statement,
    baseline: 0,
    baselineAt: "2025-01-01T00:00:00Z",
    target: 100,
    targetDate: "2026-06-30T00:00:00Z",
    expectedBenefit: 1000,
  };
}

const day = (d: number) => `2025-06-0${d + 1}T00:00:00Z`;

/** One write of a random history, applied through the public API. */
type Step =
  | { op: "record"; metric: number; day: number; value: number }
  | { op: "retract"; metric: number; day: number }
  | { op: "hypothesis"; which: number; target?: number; weight?: number; state?: string }
  | { op: "initiative"; which: number; budget?: number; actualCost?: number; businessValue?: number }
  | { op: "decide"; which: number; kind: string }
  | { op: "moveInitiative"; which: number; to: number }
  | { op: "movePortfolio"; underA: boolean }
  | { op: "member"; role: string | null }
  | { op: "newInitiative"; to: number; metric: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("record" as const), metric: fc.nat(1), day: fc.nat(6), value: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ op: fc.constant("record" as const), metric: fc.nat(1), day: fc.nat(6), value: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ op: fc.constant("retract" as const), metric: fc.nat(1), day: fc.nat(6) }),
  fc.record(
    {
      op: fc.constant("hypothesis" as const),
      which: fc.nat(1),
      target: fc.integer({ min: 50, max: 200 }),
      weight: fc.constantFrom(0.5, 1, 2),
      state: fc.constantFrom("ACTIVE", "VALIDATED", "ABANDONED"),
    },
    { requiredKeys: ["op", "which"] },
  ),
  fc.record(
    {
      op: fc.constant("initiative" as const),
      which: fc.nat(1),
      budget: fc.integer({ min: 10, max: 500 }),
      actualCost: fc.integer({ min: 0, max: 300 }),
      businessValue: fc.constantFrom(1, 3, 8, 20),
    },
    { requiredKeys: ["op", "which"] },
  ),
  fc.record({ op: fc.constant("moveInitiative" as const), which: fc.nat(1), to: fc.nat(2) }),
  fc.record({
    op: fc.constant("decide" as const),
    which: fc.nat(1),
    kind: fc.constantFrom("START", "PAUSE", "RESUME", "DELIVER", "CONTINUE", "STOP"),
  }),
  fc.record({ op: fc.constant("movePortfolio" as const), underA: fc.boolean() }),
  fc.record({ op: fc.constant("member" as const), role: fc.constantFrom("VIEWER", "OWNER", null) }),
  fc.record({ op: fc.constant("newInitiative" as const), to: fc.nat(2), metric: fc.nat(1) }),
);

async function apply(w: World, s: Step): Promise<void> {
  switch (s.op) {
    case "record":
      await app.ok(`mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { accepted } }`, {
        input: { measurements: [{ metricKey: w.metrics[s.metric].key, observedAt: day(s.day), value: s.value, source: "etl" }] },
      });
      return;
    case "retract":
      await app.ok(`mutation($input: RetractMeasurementsInput!) { retractMeasurements(input: $input) { accepted } }`, {
        input: { measurements: [{ metricKey: w.metrics[s.metric].key, observedAt: day(s.day), source: "etl" }], reason: "property test" },
      });
      return;
    case "hypothesis": {
      const { op: _op, which, ...fields } = s;
      await app.ok(`mutation($input: UpdateOutcomeHypothesisInput!) { updateOutcomeHypothesis(input: $input) { outcomeHypothesis { id } } }`, {
        input: { id: w.hypotheses[which].id, ...fields },
      });
      return;
    }
    case "initiative": {
      const { op: _op, which, ...fields } = s;
      await app.ok(`mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { id } } }`, {
        input: { id: w.initiatives[which].id, ...fields },
      });
      return;
    }
    case "decide": {
      // stages change only through decisions; a move that does not start from the stage, or an
      // unmet gate, is refused and changes nothing
      const res = await app.gql(DECIDE, {
        input: { initiativeId: w.initiatives[s.which].id, kind: s.kind, rationale: "property test", reviewBy: "2030-01-01" },
      });
      if (res.errors) {
        expect(["BAD_USER_INPUT", "GATE_NOT_MET"]).toContain(res.errors[0].extensions?.code);
        return;
      }
      // the frozen evidence is what the same queries answer as known at (and as of) decidedAt
      const d = res.data.recordDecision.decision;
      const then = await app.ok(EVIDENCE_AGAIN, { id: w.initiatives[s.which].id, k: d.decidedAt });
      expect(d.evidence).toEqual({
        valueSummary: then.initiative.valueSummary,
        hypotheses: then.initiative.hypotheses.nodes
          .filter((h: any) => COUNTED.includes(h.state))
          .map((h: any) => ({ statement: h.statement, ...h.progress })),
        signals: then.initiative.signals,
        budget: then.initiative.budget,
        actualCost: then.initiative.actualCost,
        releasedFunding: then.initiative.releasedFunding,
      });
      return;
    }
    case "moveInitiative":
      await app.ok(`mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { id } } }`, {
        input: { id: w.initiatives[s.which].id, portfolioId: w.portfolios[s.to].id },
      });
      return;
    case "movePortfolio":
      await app.ok(`mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { id } } }`, {
        input: { id: w.portfolios[2].id, parentId: s.underA ? w.portfolios[1].id : w.portfolios[0].id },
      });
      return;
    case "member":
      if (s.role === null) {
        await app.ok(`mutation($input: RemovePortfolioMemberInput!) { removePortfolioMember(input: $input) { removed } }`, {
          input: { portfolioId: w.root.id, subject: "alice" },
        });
      } else {
        await app.ok(`mutation($input: AddPortfolioMemberInput!) { addPortfolioMember(input: $input) { member { role } } }`, {
          input: { portfolioId: w.root.id, subject: "alice", role: s.role },
        });
      }
      return;
    case "newInitiative": {
      const i = await createInitiative(app, {
        portfolioId: w.portfolios[s.to].id,
        name: `N${++w.created}`,
        budget: 80,
        businessValue: 8,
        timeCriticality: 1,
        riskReduction: 1,
        jobSize: 1,
      });
      await createHypothesis(app, hyp(i.id, w.metrics[s.metric].id, `NH${w.created}`));
      return;
    }
  }
}

/** An instant after everything written so far and before anything written next. */
async function mark(): Promise<string> {
  await sleep(3);
  const k = new Date().toISOString();
  await sleep(3);
  return k;
}

async function report(w: World, k: string): Promise<unknown> {
  const res = await app.gql(REPORT, { root: w.root.id, m0: w.metrics[0].id, m1: w.metrics[1].id, k });
  expect(res.errors).toBeUndefined();
  expect(res.extensions?.knownAt).toBe(k);
  return res.data;
}

describe("knownAt: once K has passed, nothing written afterwards changes an answer at K", () => {
  it("holds over random histories", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 7 }), async (steps) => {
        const w = await buildWorld();
        const seen: Array<{ k: string; answer: unknown }> = [];
        const k0 = await mark();
        seen.push({ k: k0, answer: await report(w, k0) });
        for (const s of steps) {
          await apply(w, s);
          const k = await mark();
          for (const earlier of seen) expect(await report(w, earlier.k)).toEqual(earlier.answer);
          seen.push({ k, answer: await report(w, k) });
        }
        // and the last instant answers what the live tables answer now
        const live = await app.gql(REPORT.replace(" @knownAt(at: $k)", "").replace(", $k: DateTime!", ""), {
          root: w.root.id,
          m0: w.metrics[0].id,
          m1: w.metrics[1].id,
        });
        expect(live.data).toEqual(seen[seen.length - 1].answer);
      }),
      { numRuns: 6 },
    );
    // 5–12 s alone or beside the kill-mid-batch fault test here; one CI run on the shared 2-core
    // machine (the 127.0.0.1:5432 pass) needed more than the default 60 s: a hang still fails
  }, 180_000);
});
