/**
 * Scenarios through GraphQL (DOMAIN.md, "Scenarios"): planScenario's selection, totals and
 * changes against the in-flight set on a hand-worked portfolio, exactness against brute
 * force on random portfolios, saved scenarios and their comparison, and who may do what.
 */
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { expectError } from "../support/factories";
import { wsjfScore } from "../../src/prioritization/scoring";
import { WSJF_SCALE } from "../../src/initiative/scoring-inputs";
import { member, outsider, Ref, seed, Seed } from "./support";

const app = useTestApp();
let s: Seed;
beforeAll(() => {
  s = seed(app);
});

const ITEM = "initiativeName stage score remainingCost reason initiative { id }";
const PLAN = `budget model scoringModelVersion costUnit totalCost totalScore remainingBudget infeasible overshoot
  selected { ${ITEM} } deferred { ${ITEM} } unplannable { ${ITEM} } entering { ${ITEM} } leaving { ${ITEM} } continuing { ${ITEM} }`;
const PLAN_QUERY = `query($input: PlanScenarioInput!) { planScenario(input: $input) { ${PLAN} } }`;
const SAVE = `mutation($input: SaveScenarioInput!) { saveScenario(input: $input) { scenario { id name createdBy createdAt portfolio { id } plan { ${PLAN} } } } }`;
const SCENARIO = `query($id: ID!) { scenario(id: $id) { id name createdBy plan { ${PLAN} } } }`;
const SCENARIOS = `query($p: ID) { scenarios(portfolioId: $p, first: 50) { nodes { id name createdBy } } }`;
const COMPARE = `query($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) {
  a { id } b { id } onlyInA { initiativeName } onlyInB { initiativeName } inBoth { initiativeName } budgetDelta totalCostDelta totalScoreDelta } }`;

interface Item {
  initiativeName: string;
  stage: string;
  score: number | null;
  remainingCost: number | null;
  reason: string;
  initiative: { id: string } | null;
}
type Plan = Record<"selected" | "deferred" | "unplannable" | "entering" | "leaving" | "continuing", Item[]> & Record<string, any>;

const names = (list: Item[]) => list.map((i) => i.initiativeName);
const reasons = (list: Item[]) => list.map((i) => [i.initiativeName, i.reason]);
const wsjf = (bv: number, js: number, tc = 1) => ({ businessValue: bv, timeCriticality: tc, riskReduction: 1, jobSize: js });

/**
 * A (4, cost 60) B (3, 50) C (2, 40) D (IN_DELIVERY, 1, 100 − 70 = 30) E (IN_DELIVERY, 2.5,
 * max(50 − 80, 0) = 0) F (3, no budget) G (cost 10, no score) H (DELIVERED) I (CLOSED).
 */
async function handWorked() {
  const p = await s.portfolio();
  const [A, B, C, D, E, F, G, H, I] = await s.initiatives(p, [
    { name: "A", stage: "IDEA", budget: 60, ...wsjf(5, 2, 2) },
    { name: "B", stage: "PROPOSED", budget: 50, ...wsjf(1, 1) },
    { name: "C", stage: "APPROVED", budget: 40, ...wsjf(2, 2) },
    { name: "D", stage: "IN_DELIVERY", budget: 100, actualCost: 70, ...wsjf(1, 3) },
    { name: "E", stage: "IN_DELIVERY", budget: 50, actualCost: 80, ...wsjf(3, 2) },
    { name: "F", stage: "IDEA", ...wsjf(1, 1) },
    { name: "G", stage: "IDEA", budget: 10 },
    { name: "H", stage: "DELIVERED", budget: 10, ...wsjf(20, 1) },
    { name: "I", stage: "CLOSED", budget: 10, ...wsjf(20, 1) },
  ]);
  return { p, A, B, C, D, E, F, G, H, I };
}

async function plan(input: Record<string, unknown>, who: { ok: typeof app.ok } = app): Promise<Plan> {
  return (await who.ok(PLAN_QUERY, { input })).planScenario;
}

describe("planScenario on a hand-worked portfolio", () => {
  let f: Awaited<ReturnType<typeof handWorked>>;
  beforeAll(async () => {
    f = await handWorked();
  });

  test("budget 100: A + C + E (score 8.5, cost 100) is the only best plan", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 100 });
    expect(r).toMatchObject({
      budget: 100,
      model: "WSJF",
      scoringModelVersion: null,
      costUnit: 1,
      totalCost: 100,
      totalScore: 8.5,
      remainingBudget: 0,
      infeasible: false,
      overshoot: 0,
    });
    expect(reasons(r.selected)).toEqual([
      ["A", "SELECTED"],
      ["E", "SELECTED"],
      ["C", "SELECTED"],
    ]); // ranking order
    expect(reasons(r.deferred)).toEqual([
      ["B", "OVER_BUDGET"],
      ["D", "OVER_BUDGET"],
    ]);
    expect(reasons(r.unplannable)).toEqual([
      ["F", "NO_BUDGET"],
      ["G", "NO_SCORE"],
    ]);
    expect(names(r.entering)).toEqual(["A", "C"]);
    expect(names(r.continuing)).toEqual(["E"]);
    expect(reasons(r.leaving)).toEqual([["D", "OVER_BUDGET"]]);
    const byName = Object.fromEntries([...r.selected, ...r.deferred, ...r.unplannable].map((i) => [i.initiativeName, i]));
    expect(byName.D).toMatchObject({ stage: "IN_DELIVERY", score: 1, remainingCost: 30 });
    expect(byName.E).toMatchObject({ stage: "IN_DELIVERY", score: 2.5, remainingCost: 0 });
    expect(byName.A).toMatchObject({ stage: "IDEA", score: 4, remainingCost: 60, initiative: { id: f.A.id } });
    expect(byName.F.remainingCost).toBeNull();
    expect(byName.H).toBeUndefined(); // DELIVERED does not compete by default; CLOSED never
  });

  test("budget 0 still takes E, whose remaining cost is 0", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 0 });
    expect([names(r.selected), r.totalScore, r.totalCost, names(r.leaving)]).toEqual([["E"], 2.5, 0, ["D"]]);
  });

  test("must-include D: D + A + E (7.5, cost 90), D continues", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 100, mustInclude: [f.D.id] });
    expect(reasons(r.selected)).toEqual([
      ["A", "SELECTED"],
      ["E", "SELECTED"],
      ["D", "MUST_INCLUDE"],
    ]);
    expect([r.totalScore, r.totalCost, r.remainingBudget]).toEqual([7.5, 90, 10]);
    expect([names(r.continuing), names(r.leaving), names(r.entering)]).toEqual([["E", "D"], [], ["A"]]);
  });

  test("exclude A: B + E + C (7.5, cost 90); must-include G without a score goes in at 0", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 100, exclude: [f.A.id] });
    expect(names(r.selected)).toEqual(["B", "E", "C"]);
    expect(reasons(r.deferred)).toEqual([
      ["A", "EXCLUDED"],
      ["D", "OVER_BUDGET"],
    ]);
    const g = await plan({ portfolioId: f.p.id, budget: 100, mustInclude: [f.G.id] });
    expect(reasons(g.selected)).toEqual([
      ["A", "SELECTED"],
      ["E", "SELECTED"],
      ["D", "SELECTED"],
      ["G", "MUST_INCLUDE"],
    ]);
    expect([g.totalScore, g.totalCost]).toEqual([7.5, 100]);
  });

  test("infeasible must-include: A + B cost 110 > 100 → nothing selected, overshoot 10", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 100, mustInclude: [f.A.id, f.B.id] });
    expect(r).toMatchObject({ infeasible: true, overshoot: 10, selected: [], totalScore: 0, totalCost: 0, remainingBudget: 100 });
    expect(names(r.leaving)).toEqual(["E", "D"]);
  });

  test("stages: only IDEA competes; today's in-flight initiatives leave as NOT_A_CANDIDATE; DELIVERED can be asked for", async () => {
    const r = await plan({ portfolioId: f.p.id, budget: 100, stages: ["IDEA"] });
    expect(names(r.selected)).toEqual(["A"]);
    expect(reasons(r.leaving)).toEqual([
      ["E", "NOT_A_CANDIDATE"],
      ["D", "NOT_A_CANDIDATE"],
    ]);
    const d = await plan({ portfolioId: f.p.id, budget: 10, stages: ["DELIVERED", "IDEA"] });
    expect(names(d.selected)).toEqual(["H"]);
  });

  test("bad inputs → BAD_USER_INPUT naming the field", async () => {
    const bad = async (input: Record<string, unknown>, field: string) =>
      expectError(await app.gql(PLAN_QUERY, { input: { portfolioId: f.p.id, budget: 100, ...input } }), "BAD_USER_INPUT", field);
    await bad({ budget: -1 }, "input.budget");
    await bad({ costUnit: 0 }, "input.costUnit");
    await bad({ mustInclude: [f.H.id] }, "input.mustInclude.0"); // DELIVERED: not a candidate
    await bad({ mustInclude: [f.A.id, f.I.id] }, "input.mustInclude.1"); // CLOSED
    await bad({ mustInclude: [f.F.id] }, "input.mustInclude.0"); // no budget
    await bad({ mustInclude: [f.A.id], exclude: [f.A.id] }, "input.mustInclude.0");
    await bad({ exclude: [f.p.id] }, "input.exclude.0"); // not an initiative ID
    await bad({ model: "CUSTOM" }, "input.scoringModelId");
  });
});

test("CUSTOM: the plan names the scoring model version and maximises the custom score", async () => {
  const p = await s.portfolio();
  const [x, y] = await s.initiatives(p, [
    { name: "x", budget: 5 },
    { name: "y", budget: 5 },
    { name: "z", budget: 5 },
  ]);
  const criteria = [{ key: "k", name: "K", weight: 1, min: 0, max: 4 }];
  const created = await app.ok(`mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { scoringModel { id } } }`, {
    input: { portfolioId: p.id, name: "m", criteria },
  });
  const sm = created.createScoringModel.scoringModel.id;
  for (const [ref, value] of [
    [x, 1],
    [y, 3],
  ] as const) {
    await app.ok(`mutation($input: SetInitiativeScoresInput!) { setInitiativeScores(input: $input) { scores { value } } }`, {
      input: { initiativeId: ref.id, scoringModelId: sm, scores: [{ key: "k", value }] },
    });
  }
  const r = await plan({ portfolioId: p.id, budget: 5, model: "CUSTOM", scoringModelId: sm });
  expect([r.model, r.scoringModelVersion, r.totalScore]).toEqual(["CUSTOM", 1, 0.75]);
  expect([reasons(r.selected), reasons(r.deferred), reasons(r.unplannable)]).toEqual([
    [["y", "SELECTED"]],
    [["x", "OVER_BUDGET"]],
    [["z", "NO_SCORE"]],
  ]);
});

test("costUnit: too fine for the optimizer → BAD_USER_INPUT; coarser than every cost → still never over the budget", async () => {
  const p = await s.portfolio();
  await s.initiatives(p, [
    { name: "a", budget: 600000, ...wsjf(1, 1) },
    { name: "b", budget: 600000, ...wsjf(2, 1) },
  ]);
  const tooFine = async (budget: number, costUnit: number) =>
    expectError(await app.gql(PLAN_QUERY, { input: { portfolioId: p.id, budget, costUnit } }), "BAD_USER_INPUT", "input.costUnit");
  await tooFine(1e6, 0.01); // 2 × 10^8 capacity units
  await tooFine(4294.967396, 1e-6); // 2^32 + 100 units, past where a 32-bit shift wraps
  await tooFine(1e6, 5e-324); // amount / unit overflows to Infinity
  for (const costUnit of [1e300, 1e18]) {
    const r = await plan({ portfolioId: p.id, budget: 1e6, costUnit });
    expect([r.selected, r.totalCost, r.costUnit]).toEqual([[], 0, costUnit]);
  }
  expect(names((await plan({ portfolioId: p.id, budget: 1e6 })).selected)).toEqual(["b"]);
});

describe("exactness", () => {
  const candidate = fc.record({
    stage: fc.constantFrom("IDEA", "PROPOSED", "APPROVED", "IN_DELIVERY"),
    budget: fc.integer({ min: 0, max: 40 }),
    actualCost: fc.integer({ min: 0, max: 50 }),
    bv: fc.constantFrom(...WSJF_SCALE),
    js: fc.constantFrom(...WSJF_SCALE),
    role: fc.constantFrom("free", "free", "free", "free", "free", "free", "must", "exclude"),
  });

  test("totalScore equals the brute-force best over every subset within the budget (20 random portfolios, up to 14 candidates)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(candidate, { minLength: 1, maxLength: 14 }), fc.integer({ min: 0, max: 150 }), async (cands, budget) => {
        const p = await s.portfolio();
        const refs = await s.initiatives(
          p,
          cands.map((c, i) => ({ name: `c${i}`, stage: c.stage, budget: c.budget, actualCost: c.actualCost, ...wsjf(c.bv, c.js) })),
        );
        const cost = cands.map((c) => (c.stage === "IN_DELIVERY" ? Math.max(c.budget - c.actualCost, 0) : c.budget));
        const score = cands.map((c) => wsjfScore(wsjf(c.bv, c.js)).score!);
        const must = cands.flatMap((c, i) => (c.role === "must" ? [i] : []));
        const exclude = cands.flatMap((c, i) => (c.role === "exclude" ? [i] : []));
        let best = -1;
        for (let mask = 0; mask < 1 << cands.length; mask++) {
          const inSet = (i: number) => (mask >> i) & 1;
          if (must.some((i) => !inSet(i)) || exclude.some((i) => inSet(i))) continue;
          let c = 0;
          let v = 0;
          for (let i = 0; i < cands.length; i++) if (inSet(i)) ((c += cost[i]), (v += score[i]));
          if (c <= budget && v > best) best = v;
        }
        const r = await plan({
          portfolioId: p.id,
          budget,
          costUnit: 1,
          mustInclude: must.map((i) => refs[i].id),
          exclude: exclude.map((i) => refs[i].id),
        });
        const mustCost = must.reduce((t, i) => t + cost[i], 0);
        expect(r.infeasible).toBe(mustCost > budget);
        if (r.infeasible) {
          expect([r.selected, r.totalScore, r.overshoot]).toEqual([[], 0, mustCost - budget]);
          return;
        }
        expect(r.totalScore).toBeCloseTo(best, 9);
        const chosen = r.selected.map((i) => Number(i.initiativeName.slice(1)));
        expect(r.totalCost).toBe(chosen.reduce((t, i) => t + cost[i], 0));
        expect(r.totalCost).toBeLessThanOrEqual(budget);
        expect(r.totalScore).toBeCloseTo(
          chosen.reduce((t, i) => t + score[i], 0),
          9,
        );
        for (const i of must) expect(chosen).toContain(i);
        for (const i of exclude) expect(chosen).not.toContain(i);
        expect(r.selected.length + r.deferred.length + r.unplannable.length).toBe(cands.length);
      }),
      { numRuns: 20 },
    );
  });
});

describe("saved scenarios", () => {
  test("saveScenario keeps the inputs, the result and who made it; scenarios lists newest first; compareScenarios", async () => {
    const f = await handWorked();
    const input = { portfolioId: f.p.id, budget: 100 };
    const fresh = await plan(input);
    const a = (await app.ok(SAVE, { input: { ...input, name: "Base" } })).saveScenario.scenario;
    expect(a).toMatchObject({ name: "Base", createdBy: "bootstrap", portfolio: { id: f.p.id }, plan: fresh });
    const b = (await app.ok(SAVE, { input: { ...input, budget: 90, name: "No A", exclude: [f.A.id] } })).saveScenario.scenario;
    // the saved result stays as computed, whatever happens to the initiatives later
    await app.dataSource.query("UPDATE initiative SET budget = 1 WHERE id = $1", [f.B.rowId]);
    expect((await app.ok(SCENARIO, { id: a.id })).scenario).toEqual({ id: a.id, name: "Base", createdBy: "bootstrap", plan: fresh });
    expect((await plan(input)).totalScore).not.toBe(fresh.totalScore);
    expect((await app.ok(SCENARIOS, { p: f.p.id })).scenarios.nodes.map((n: { name: string }) => n.name)).toEqual(["No A", "Base"]);
    const cmp = (await app.ok(COMPARE, { a: a.id, b: b.id })).compareScenarios;
    expect(cmp).toEqual({
      a: { id: a.id },
      b: { id: b.id },
      onlyInA: [{ initiativeName: "A" }],
      onlyInB: [{ initiativeName: "B" }],
      inBoth: [{ initiativeName: "E" }, { initiativeName: "C" }],
      budgetDelta: -10,
      totalCostDelta: -10,
      totalScoreDelta: -1,
    });
    expectError(await app.gql(COMPARE, { a: a.id, b: f.p.id }), "BAD_USER_INPUT", "b");
  });
});

describe("access", () => {
  test("a VIEWER plans and saves (as its author); someone without access gets NOT_FOUND, null and an empty list", async () => {
    const f = await handWorked();
    const other: Ref = await s.portfolio();
    const viewer = await member(app, f.p.id, "VIEWER");
    expect(names((await plan({ portfolioId: f.p.id, budget: 100 }, viewer)).selected)).toEqual(["A", "E", "C"]);
    const mine = (await viewer.ok(SAVE, { input: { portfolioId: f.p.id, budget: 50, name: "viewer's" } })).saveScenario.scenario;
    expect(mine.createdBy).toBe(viewer.subject);
    const colleague = await member(app, f.p.id, "VIEWER"); // anyone who sees the portfolio sees its scenarios
    expect((await colleague.ok(SCENARIO, { id: mine.id })).scenario).toMatchObject({ name: "viewer's", createdBy: viewer.subject });
    const admins = (await app.ok(SAVE, { input: { portfolioId: other.id, budget: 50, name: "elsewhere" } })).saveScenario.scenario;
    expect((await viewer.ok(SCENARIOS, {})).scenarios.nodes.map((n: { name: string }) => n.name)).toEqual(["viewer's"]);
    expect((await viewer.ok(SCENARIO, { id: admins.id })).scenario).toBeNull();
    expectError(await viewer.gql(COMPARE, { a: mine.id, b: admins.id }), "NOT_FOUND", "b");

    const stranger = await outsider(app);
    expectError(await stranger.gql(PLAN_QUERY, { input: { portfolioId: f.p.id, budget: 100 } }), "NOT_FOUND", "input.portfolioId");
    expectError(await stranger.gql(SAVE, { input: { portfolioId: f.p.id, budget: 100, name: "x" } }), "NOT_FOUND", "input.portfolioId");
    expect((await stranger.ok(SCENARIOS, {})).scenarios.nodes).toEqual([]);
    expect((await stranger.ok(SCENARIOS, { p: f.p.id })).scenarios.nodes).toEqual([]);
    expect((await stranger.ok(SCENARIO, { id: mine.id })).scenario).toBeNull();
    expectError(await stranger.gql(COMPARE, { a: mine.id, b: mine.id }), "NOT_FOUND", "a");
  });
});
