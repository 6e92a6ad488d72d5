/**
 * Portfolio.ranking through GraphQL (DOMAIN.md, "Prioritization and re-prioritization"):
 * each formula against a hand-computed value, the tie rules, scope, pagination, missing
 * inputs, and the whole ranking against the pure reference `rankInitiatives` on random
 * portfolios. Custom models are in scoring-model.test.ts.
 */
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { expectError } from "../support/factories";
import { rankInitiatives, riceScore, valuePerCostScore, wsjfScore } from "../../src/prioritization/scoring";
import { WSJF_SCALE, RICE_IMPACTS } from "../../src/initiative/scoring-inputs";
import { InitiativeSpec, member, outsider, rankingOf, rankingPage, RANKING, Ref, seed, Seed } from "./support";

const app = useTestApp();
let s: Seed;
beforeAll(() => {
  s = seed(app);
});

/** Hypotheses with these expected benefits (and states) on the initiative, each on a fresh metric. */
async function benefits(portfolio: Ref, initiative: Ref, list: Array<[number, string?]>) {
  const metric = await s.metric(portfolio);
  await s.hypotheses(list.map(([expectedBenefit, state]) => ({ initiative, metric, expectedBenefit, state })));
}

describe("each model's score equals the hand-computed value", () => {
  test("WSJF = (8 + 5 + 3) / 5 = 3.2, RICE = 1000 × 2 × 0.8 / 4 = 400, with the inputs used", async () => {
    const p = await s.portfolio();
    await s.initiatives(p, [
      { name: "one", businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 5, reach: 1000, impact: 2, confidence: 0.8, effort: 4 },
    ]);
    const [w] = await rankingOf(app, p.id, { model: "WSJF" });
    expect(w).toMatchObject({ rank: 1, score: 3.2, missingInputs: [] });
    expect(w.inputs).toEqual([
      { name: "businessValue", value: 8 },
      { name: "timeCriticality", value: 5 },
      { name: "riskReduction", value: 3 },
      { name: "jobSize", value: 5 },
    ]);
    const [r] = await rankingOf(app, p.id, { model: "RICE" });
    expect(r).toMatchObject({ rank: 1, score: 400, missingInputs: [] });
    expect(r.inputs).toEqual([
      { name: "reach", value: 1000 },
      { name: "impact", value: 2 },
      { name: "confidence", value: 0.8 },
      { name: "effort", value: 4 },
    ]);
  });

  test("VALUE_PER_COST = Σ expectedBenefit of counted hypotheses / budget = 430000 / 200000 = 2.15", async () => {
    const p = await s.portfolio();
    const [a, noBudget, zeroBudget] = await s.initiatives(p, [
      { name: "a", budget: 200000 },
      { name: "b", budget: null },
      { name: "c", budget: 0 },
    ]);
    // ACTIVE, VALIDATED and INVALIDATED count; DRAFT and ABANDONED do not
    await benefits(p, a, [[300000], [100000, "VALIDATED"], [30000, "INVALIDATED"], [50000, "DRAFT"], [70000, "ABANDONED"]]);
    await benefits(p, noBudget, [[10]]);
    await benefits(p, zeroBudget, [[10]]);
    const entries = await rankingOf(app, p.id, { model: "VALUE_PER_COST" });
    expect(entries.map((e) => [e.initiative.name, e.rank, e.score, e.expectedBenefit, e.missingInputs])).toEqual([
      ["a", 1, 2.15, 430000, []],
      ["b", null, null, 10, ["budget"]],
      ["c", null, null, 10, ["budget"]],
    ]);
    expect(entries[0].inputs).toEqual([
      { name: "expectedBenefit", value: 430000 },
      { name: "budget", value: 200000 },
    ]);
  });

  test("missingInputs lists exactly the missing ones; an unscored initiative has rank and score null", async () => {
    const p = await s.portfolio();
    await s.initiatives(p, [{ name: "partial", businessValue: 8, jobSize: 2, reach: 10, effort: 1 }]);
    const [w] = await rankingOf(app, p.id, { model: "WSJF" });
    expect(w).toMatchObject({ rank: null, score: null, missingInputs: ["timeCriticality", "riskReduction"] });
    expect(w.inputs.find((i) => i.name === "riskReduction")).toEqual({ name: "riskReduction", value: null });
    const [r] = await rankingOf(app, p.id, { model: "RICE" });
    expect(r.missingInputs).toEqual(["impact", "confidence"]);
    const page = await rankingPage(app, p.id, { model: "RICE" });
    expect([page.model, page.scoringModelVersion, page.totalCount, page.scoredCount]).toEqual(["RICE", null, 1, 0]);
  });
});

describe("order and scope", () => {
  test("equal scores → greater expectedBenefit → name in code-point order; unscored last by name; CLOSED and STOPPED left out", async () => {
    const p = await s.portfolio();
    const two = { timeCriticality: 1, riskReduction: 1 }; // (bv + 2) / js
    const refs = await s.initiatives(p, [
      { name: "a", businessValue: 2, jobSize: 2, ...two }, // 2, EB 50
      { name: "b", businessValue: 8, jobSize: 5, ...two }, // 2, EB 100
      { name: "Zed", businessValue: 2, jobSize: 2, ...two }, // 2, EB 50
      { name: "zed", businessValue: 2, jobSize: 2, ...two }, // 2, EB 50
      { name: "Ärger", businessValue: 2, jobSize: 2, ...two }, // 2, EB 50: Ä (U+00C4) after z
      { name: "top", businessValue: 20, jobSize: 1, ...two }, // 22
      { name: "apple" },
      { name: "Mango" },
      { name: "Banana", businessValue: 1 },
      { name: "closed", businessValue: 20, jobSize: 1, ...two, stage: "CLOSED" },
      { name: "stopped", businessValue: 20, jobSize: 1, ...two, stage: "STOPPED" },
    ]);
    for (const [i, eb] of [
      [0, 50],
      [1, 100],
      [2, 50],
      [3, 50],
      [4, 50],
      [6, 1e6],
    ] as const)
      await benefits(p, refs[i], [[eb]]);
    const entries = await rankingOf(app, p.id);
    expect(entries.map((e) => [e.rank, e.initiative.name, e.score])).toEqual([
      [1, "top", 22],
      [2, "b", 2],
      [3, "Zed", 2],
      [4, "a", 2],
      [5, "zed", 2],
      [6, "Ärger", 2],
      [null, "Banana", null],
      [null, "Mango", null],
      [null, "apple", null], // a huge expected benefit does not lift an unscored one
    ]);
    const page = await rankingPage(app, p.id);
    expect([page.totalCount, page.scoredCount]).toEqual([9, 6]);
  });

  test("includeDescendants: the subtree by default, only the portfolio's own with false", async () => {
    const root = await s.portfolio();
    const child = await s.portfolio(root);
    const grandchild = await s.portfolio(child);
    const wsjf = (bv: number) => ({ businessValue: bv, timeCriticality: 1, riskReduction: 1, jobSize: 1 });
    await s.initiatives(root, [{ name: "own", ...wsjf(1) }]);
    await s.initiatives(child, [{ name: "child", ...wsjf(2) }]);
    await s.initiatives(grandchild, [{ name: "grandchild", ...wsjf(3) }]);
    expect((await rankingOf(app, root.id)).map((e) => [e.rank, e.initiative.name])).toEqual([
      [1, "grandchild"],
      [2, "child"],
      [3, "own"],
    ]);
    expect((await rankingOf(app, root.id, { deep: true })).length).toBe(3);
    expect((await rankingOf(app, root.id, { deep: false })).map((e) => [e.rank, e.initiative.name])).toEqual([[1, "own"]]);
    expect((await rankingOf(app, child.id, { deep: false })).map((e) => e.initiative.name)).toEqual(["child"]);
  });
});

describe("pagination", () => {
  let p: Ref;
  let all: string[];
  beforeAll(async () => {
    p = await s.portfolio();
    await s.initiatives(
      p,
      [1, 2, 3, 5, 8, 13, 20].map((bv, i) => ({ name: `n${i}`, businessValue: bv, timeCriticality: 1, riskReduction: 1, jobSize: 1 })),
    );
    await s.initiatives(p, [{ name: "u1" }, { name: "u2" }]);
    all = (await rankingOf(app, p.id)).map((e) => e.initiative.name);
    expect(all).toEqual(["n6", "n5", "n4", "n3", "n2", "n1", "n0", "u1", "u2"]);
  });

  test.each([1, 2, 4, 9])("first %p / after walks the whole ranking, ranks continuing across pages", async (n) => {
    const seen: Array<[number | null, string]> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await rankingPage(app, p.id, { first: n, after });
      seen.push(...page.edges.map((e) => [e.node.rank, e.node.initiative.name] as [number | null, string]));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.totalCount).toBe(9);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((x) => x[1])).toEqual(all);
    expect(seen.map((x) => x[0])).toEqual([1, 2, 3, 4, 5, 6, 7, null, null]);
  });

  test.each([1, 3, 9])("last %p / before walks it backwards", async (n) => {
    const pages: string[][] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await rankingPage(app, p.id, { last: n, before });
      pages.unshift(page.edges.map((e) => e.node.initiative.name));
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(pages.flat()).toEqual(all);
  });

  test("totals come with the page's rows; past the end they cost one statement, and only when selected", async () => {
    const statementsOf = async (query: string, variables: Record<string, unknown>) => {
      const res = await app.gql(query, variables);
      expect(res.errors).toBeUndefined();
      return { data: res.data, statements: res.extensions!.sqlStatements as number };
    };
    const q = (fields: string) => `query($id: ID!, $after: String) { portfolio(id: $id) { ranking(first: 3, after: $after) { ${fields} } } }`;
    const end = (await rankingPage(app, p.id, { last: 1 })).pageInfo.endCursor;
    const withRows = await statementsOf(q("totalCount scoredCount edges { cursor }"), { id: p.id, after: null });
    const withoutTotals = await statementsOf(q("edges { cursor }"), { id: p.id, after: null });
    expect(withRows.data.portfolio.ranking).toMatchObject({ totalCount: 9, scoredCount: 7 });
    expect(withRows.statements).toBe(withoutTotals.statements);
    const pastEnd = await statementsOf(q("totalCount scoredCount edges { cursor }"), { id: p.id, after: end });
    const pastEndBare = await statementsOf(q("edges { cursor }"), { id: p.id, after: end });
    expect(pastEnd.data.portfolio.ranking).toEqual({ totalCount: 9, scoredCount: 7, edges: [] });
    expect(pastEnd.statements).toBe(pastEndBare.statements + 1);
  });

  test("an empty portfolio ranks nothing", async () => {
    const page = await rankingPage(app, (await s.portfolio()).id);
    expect(page).toMatchObject({ totalCount: 0, scoredCount: 0, edges: [] });
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  test("past the end: no edges; a made-up cursor, a page size outside 0–500, or first with last is BAD_USER_INPUT", async () => {
    const last = await rankingPage(app, p.id, { first: 1, after: (await rankingPage(app, p.id, { last: 1 })).pageInfo.endCursor });
    expect(last.edges).toEqual([]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expectError(await app.gql(RANKING, { id: p.id, model: "WSJF", after: "bm9wZQ" }), "BAD_USER_INPUT", "after");
    expectError(await app.gql(RANKING, { id: p.id, model: "WSJF", before: "bm9wZQ" }), "BAD_USER_INPUT", "before");
    expectError(await app.gql(RANKING, { id: p.id, model: "WSJF", first: 501 }), "BAD_USER_INPUT", "first");
    expectError(await app.gql(RANKING, { id: p.id, model: "WSJF", last: -1 }), "BAD_USER_INPUT", "last");
    expectError(await app.gql(RANKING, { id: p.id, model: "WSJF", first: 1, last: 1 }), "BAD_USER_INPUT", "first");
  });
});

describe("agrees with rankInitiatives on random portfolios", () => {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
  const spec = fc.record({
    name: fc.constantFrom("a", "A", "b", "B", "ä", "Ä", "é", "e", "z", "😀", "ﬀ"),
    stage: fc.constantFrom("IDEA", "PROPOSED", "APPROVED", "IN_DELIVERY", "DELIVERED", "CLOSED", "STOPPED"),
    budget: maybe(fc.constantFrom(0, 100, 250, 1000)),
    businessValue: maybe(fc.constantFrom(...WSJF_SCALE)),
    timeCriticality: maybe(fc.constantFrom(...WSJF_SCALE)),
    riskReduction: maybe(fc.constantFrom(...WSJF_SCALE)),
    jobSize: maybe(fc.constantFrom(...WSJF_SCALE)),
    reach: maybe(fc.constantFrom(0, 1, 3, 10, 1000.5)),
    impact: maybe(fc.constantFrom(...RICE_IMPACTS)),
    confidence: maybe(fc.constantFrom(0, 0.1, 0.5, 0.8, 1)),
    effort: maybe(fc.constantFrom(0.5, 1, 3, 7)),
    benefits: fc.array(fc.tuple(fc.constantFrom(0, 100, 250.5, 1000), fc.constantFrom("ACTIVE", "VALIDATED", "INVALIDATED", "DRAFT", "ABANDONED")), {
      maxLength: 3,
    }),
  });

  test("same order, same ranks, same scores (30 random portfolios, every model)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 12 }), fc.constantFrom("WSJF", "RICE", "VALUE_PER_COST"), async (specs, model) => {
        const p = await s.portfolio();
        const refs = await s.initiatives(p, specs as InitiativeSpec[]);
        const metric = await s.metric(p);
        await s.hypotheses(
          specs.flatMap((x, i) => x.benefits.map(([expectedBenefit, state]) => ({ initiative: refs[i], metric, expectedBenefit, state }))),
        );
        const items = specs
          .map((x, i) => ({ x, id: refs[i].rowId, gid: refs[i].id }))
          .filter(({ x }) => x.stage !== "CLOSED" && x.stage !== "STOPPED")
          .map(({ x, id, gid }) => {
            const expectedBenefit = x.benefits.filter(([, st]) => ["ACTIVE", "VALIDATED", "INVALIDATED"].includes(st)).reduce((t, [b]) => t + b, 0);
            const result =
              model === "WSJF" ? wsjfScore(x) : model === "RICE" ? riceScore(x) : valuePerCostScore({ expectedBenefit, budget: x.budget });
            return { id, gid, name: x.name, expectedBenefit, score: result.score, missing: result.missing };
          });
        const expected = rankInitiatives(items);
        const actual = await rankingOf(app, p.id, { model });
        expect(actual.map((e) => [e.initiative.id, e.rank, e.score, e.expectedBenefit, e.missingInputs])).toEqual(
          expected.map((e) => [e.gid, e.rank, e.score, e.expectedBenefit, e.missing]),
        );
      }),
      { numRuns: 30 },
    );
  });
});

describe("access", () => {
  test("a VIEWER reads the ranking; someone without access gets null for the portfolio", async () => {
    const p = await s.portfolio();
    const child = await s.portfolio(p);
    await s.initiatives(child, [{ name: "x", businessValue: 3, timeCriticality: 3, riskReduction: 3, jobSize: 3 }]);
    const viewer = await member(app, p.id, "VIEWER");
    expect((await rankingOf(viewer, p.id)).map((e) => [e.rank, e.score])).toEqual([[1, 3]]);
    expect((await rankingOf(viewer, child.id)).length).toBe(1); // roles hold for the subtree
    const stranger = await outsider(app);
    expect((await stranger.ok(RANKING, { id: p.id, model: "WSJF" })).portfolio).toBeNull();
  });
});
