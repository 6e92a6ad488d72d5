/**
 * Initiative.valueSummary and Portfolio.valueSummary through GraphQL: a worked example,
 * a property test against refRollup over random trees, and the statement-count proof.
 */
import "reflect-metadata";
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { at, fixtures, plusDays, Ref, statementsOf } from "./fixtures";
import { nearThreshold } from "./progress.support";
import { refProgress, refRollup, RefHypothesis, RefMeasurement, RefProgress, RefRollup, STATUSES } from "./reference";

const app = useTestApp();
const fx = fixtures(app);

const SUMMARY = `asOf hypothesisCount statusCounts { status count } weightedProgress expectedBenefit realizedBenefit investment plannedInvestment benefitCostRatio`;
const BASE_AT = at("2024-01-01T00:00:00Z");
const day = (n: number) => plusDays(BASE_AT, n);

const counts = (s: { statusCounts: Array<{ status: string; count: number }> }) => Object.fromEntries(s.statusCounts.map((c) => [c.status, c.count]));

describe("valueSummary: worked example", () => {
  test("states, NO_DATA, clamping, money over every initiative, subtree and direct-only", async () => {
    const root = await fx.portfolio();
    const child = await fx.portfolio({ parent: root, archived: true }); // archived still counts in the subtree
    const a = await fx.initiative(root, { budget: 1000, actualCost: 400 });
    const b = await fx.initiative(child, { budget: null, actualCost: 100, stage: "CLOSED" });
    await fx.initiative(child, { budget: 500, actualCost: null, stage: "IDEA" }); // no hypotheses: money only
    const m = await fx.metric(root);
    await fx.measurements(m, [{ value: 150, observedAt: day(1) }]);
    const h = (state: string, weight: number, expectedBenefit: number, baseline: number, target: number) => ({
      state,
      weight,
      expectedBenefit,
      baseline,
      target,
      baselineAt: BASE_AT,
      targetDate: day(10),
    });
    await fx.hypothesis(a, m, h("ACTIVE", 2, 1000, 100, 200)); // r = 0.5, e = 0.5 → ON_TRACK
    await fx.hypothesis(a, m, h("VALIDATED", 1, 500, 100, 120)); // r = 2.5 → ACHIEVED, clamped to 1
    await fx.hypothesis(b, m, h("INVALIDATED", 1, 300, 200, 300)); // r = −0.5 → OFF_TRACK, clamped to 0
    const later = await fx.metric(root);
    await fx.hypothesis(b, later, h("ACTIVE", 5, 800, 0, 1)); // NO_DATA
    await fx.hypothesis(a, m, h("DRAFT", 10, 9999, 100, 200)); // not counted
    await fx.hypothesis(b, m, h("ABANDONED", 10, 9999, 100, 200)); // not counted

    const q = `query($id: ID!, $a: ID!) {
      p: node(id: $id) { ... on Portfolio { deep: valueSummary(asOf: "2024-01-06T00:00:00Z") { ${SUMMARY} } own: valueSummary(asOf: "2024-01-06T00:00:00Z", includeDescendants: false) { ${SUMMARY} } } }
      i: node(id: $a) { ... on Initiative { valueSummary(asOf: "2024-01-06T00:00:00Z") { ${SUMMARY} } } }
    }`;
    const data = await app.ok(q, { id: root.id, a: a.id });
    const deep = data.p.deep;
    expect(deep).toMatchObject({
      asOf: "2024-01-06T00:00:00.000Z",
      hypothesisCount: 4,
      weightedProgress: 0.5,
      expectedBenefit: 2600,
      realizedBenefit: 1000,
      investment: 500,
      plannedInvestment: 1500,
      benefitCostRatio: 2,
    });
    expect(deep.statusCounts.map((c: any) => c.status)).toEqual(STATUSES);
    expect(counts(deep)).toEqual({ NO_DATA: 1, ON_TRACK: 1, AT_RISK: 0, OFF_TRACK: 1, ACHIEVED: 1, MISSED: 0 });
    expect(data.p.own).toMatchObject({
      hypothesisCount: 2,
      weightedProgress: 2 / 3,
      expectedBenefit: 1500,
      realizedBenefit: 1000,
      investment: 400,
      plannedInvestment: 1000,
      benefitCostRatio: 2.5,
    });
    expect(data.i.valueSummary).toMatchObject({ hypothesisCount: 2, investment: 400 });

    const empty = await fx.portfolio();
    const e = (await app.ok(`query($id: ID!) { node(id: $id) { ... on Portfolio { valueSummary { ${SUMMARY} } } } }`, { id: empty.id })).node
      .valueSummary;
    expect(e).toMatchObject({
      hypothesisCount: 0,
      weightedProgress: null,
      expectedBenefit: 0,
      realizedBenefit: 0,
      investment: 0,
      plannedInvestment: 0,
      benefitCostRatio: null,
    });
    expect(e.statusCounts).toHaveLength(6);
  });
});

const ROLLED: readonly string[] = ["ACTIVE", "VALIDATED", "INVALIDATED"];
const WINDOW_START = Date.UTC(2024, 0, 1);
const WINDOW = 365 * 86_400_000;
const instant = fc.integer({ min: WINDOW_START, max: WINDOW_START + WINDOW });
const money = fc.option(
  fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
  { nil: null },
);
const state = fc.constantFrom("DRAFT", "ACTIVE", "VALIDATED", "INVALIDATED", "ABANDONED");
const scenario = fc.record({
  parents: fc.array(fc.nat(), { maxLength: 4 }), // portfolio k+1 hangs under portfolio (parent % (k+1))
  initiatives: fc.array(
    fc.record({ portfolio: fc.nat(), budget: money, actualCost: money, stage: fc.constantFrom("IDEA", "IN_DELIVERY", "CLOSED", "STOPPED") }),
    { minLength: 1, maxLength: 5 },
  ),
  histories: fc.tuple(
    ...[0, 1].map(() =>
      fc.uniqueArray(
        fc.record({ t: instant, value: fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100), source: fc.constantFrom("a", "b") }),
        {
          selector: (m) => `${m.t}|${m.source}`,
          maxLength: 10,
        },
      ),
    ),
  ),
  hypotheses: fc.array(
    fc.record({
      initiative: fc.nat(),
      metric: fc.nat({ max: 1 }),
      state,
      baseline: fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100),
      delta: fc.integer({ min: 1, max: 100_000 }).map((v) => v / 100),
      up: fc.boolean(),
      start: instant,
      duration: fc.integer({ min: 3_600_000, max: WINDOW }),
      weight: fc.integer({ min: 1, max: 1000 }).map((w) => w / 100),
      expectedBenefit: fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
    }),
    { maxLength: 8 },
  ),
  asOf: fc.integer({ min: WINDOW_START - WINDOW / 4, max: WINDOW_START + 2 * WINDOW }),
});

function expectRollupLike(got: any, ref: RefRollup, exactStatuses: boolean, what: string): void {
  const msg = `${what}: ${JSON.stringify({ got, ref })}`;
  const close = (a: number | null, b: number | null, rel = 1e-9) =>
    (a === null) === (b === null) && (a === null || Math.abs(a - b!) <= rel * (1 + Math.abs(b!)));
  if (got.hypothesisCount !== ref.hypothesisCount) throw new Error(msg);
  if (exactStatuses && JSON.stringify(counts(got)) !== JSON.stringify(ref.statusCounts)) throw new Error(msg);
  for (const k of ["weightedProgress", "expectedBenefit", "realizedBenefit", "investment", "plannedInvestment", "benefitCostRatio"] as const) {
    if (!close(got[k], ref[k])) throw new Error(`${k} differs — ${msg}`);
  }
}

describe("valueSummary: property test against refRollup", () => {
  test("random trees, stages, states, money and histories", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const portfolios: Ref[] = [await fx.portfolio()];
        const parentOf: number[] = [-1];
        for (const [k, p] of s.parents.entries()) {
          parentOf.push(p % (k + 1));
          portfolios.push(await fx.portfolio({ parent: portfolios[p % (k + 1)], archived: p % 3 === 0 }));
        }
        const inits: Array<{ at: number; ref: Ref; budget: number | null; actualCost: number | null }> = [];
        for (const i of s.initiatives) {
          const at = i.portfolio % portfolios.length;
          inits.push({ ...i, at, ref: await fx.initiative(portfolios[at], i) });
        }
        const metrics = [await fx.metric(portfolios[0]), await fx.metric(portfolios[0])];
        const histories: RefMeasurement[][] = [];
        for (const [k, h] of s.histories.entries()) {
          histories.push(
            await fx.measurements(
              metrics[k],
              h.map((m) => ({ value: m.value, observedAt: new Date(m.t), source: m.source })),
            ),
          );
        }
        const asOf = new Date(s.asOf);
        const items: Array<{ h: RefHypothesis; initiative: (typeof inits)[number]; progress: RefProgress }> = [];
        for (const h of s.hypotheses) {
          const spec = {
            baseline: h.baseline,
            target: h.up ? h.baseline + h.delta : h.baseline - h.delta,
            baselineAt: new Date(h.start),
            targetDate: new Date(h.start + h.duration),
          };
          const initiative = inits[h.initiative % inits.length];
          await fx.hypothesis(initiative.ref, metrics[h.metric], { ...spec, weight: h.weight, expectedBenefit: h.expectedBenefit, state: h.state });
          const rh: RefHypothesis = { ...spec, weight: h.weight, expectedBenefit: h.expectedBenefit, state: h.state as RefHypothesis["state"] };
          items.push({ h: rh, initiative, progress: refProgress(rh, histories[h.metric], asOf) });
        }
        const inSubtree = (p: number, root: number): boolean => p === root || (p > 0 && inSubtree(parentOf[p], root));
        const expected = (keep: (i: (typeof inits)[number]) => boolean) => {
          const scope = items.filter((it) => keep(it.initiative));
          const exact = !scope.some((it) => ROLLED.includes(it.h.state) && nearThreshold(it.progress));
          return { ref: refRollup(scope, inits.filter(keep)), exact };
        };

        const q = `query($ids: [ID!]!, $root: ID!, $asOf: DateTime) {
          root: node(id: $root) { ... on Portfolio { own: valueSummary(asOf: $asOf, includeDescendants: false) { ${SUMMARY} } } }
          nodes(ids: $ids) { ... on Portfolio { valueSummary(asOf: $asOf) { ${SUMMARY} } } ... on Initiative { valueSummary(asOf: $asOf) { ${SUMMARY} } } }
        }`;
        const ids = [...portfolios.map((p) => p.id), ...inits.map((i) => i.ref.id)];
        const data = await app.ok(q, { ids, root: portfolios[0].id, asOf: asOf.toISOString() });
        const own = expected((i) => i.at === 0);
        expectRollupLike(data.root.own, own.ref, own.exact, "root, direct only");
        portfolios.forEach((_, p) => {
          const e = expected((i) => inSubtree(i.at, p));
          expectRollupLike(data.nodes[p].valueSummary, e.ref, e.exact, `portfolio ${p}`);
        });
        inits.forEach((init, k) => {
          const e = expected((i) => i === init);
          expectRollupLike(data.nodes[portfolios.length + k].valueSummary, e.ref, e.exact, `initiative ${k}`);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe("valueSummary: statements", () => {
  test("portfolio summaries over a 30-node tree cost what 3 do; initiatives likewise", async () => {
    const tree: Ref[] = [await fx.portfolio()];
    for (let k = 1; k < 30; k++) tree.push(await fx.portfolio({ parent: tree[Math.floor((k - 1) / 3)] }));
    const metric = await fx.metric(tree[0]);
    await fx.measurements(metric, [{ value: 5, observedAt: day(2) }]);
    const inits: Ref[] = [];
    for (const p of tree) {
      const i = await fx.initiative(p, { budget: 100, actualCost: 50 });
      inits.push(i);
      await fx.hypothesis(i, metric, { baseline: 0, target: 10, baselineAt: BASE_AT, targetDate: day(10) });
    }
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Portfolio { valueSummary { hypothesisCount realizedBenefit } own: valueSummary(includeDescendants: false) { hypothesisCount } }
      ... on Initiative { valueSummary { weightedProgress statusCounts { status count } } } } }`;
    const big = await statementsOf(app, q, { ids: tree.map((p) => p.id) });
    expect(big).toBe(await statementsOf(app, q, { ids: tree.slice(0, 3).map((p) => p.id) }));
    expect(big).toBe(2); // nodes, then one summary batch for both flags
    const data = await app.ok(q, { ids: [tree[0].id] });
    expect(data.nodes[0].valueSummary).toEqual({ hypothesisCount: 30, realizedBenefit: 0 }); // expectedBenefit defaults to 0
    expect(await statementsOf(app, q, { ids: inits.map((i) => i.id) })).toBe(2);
    expect(await statementsOf(app, q, { ids: inits.slice(0, 5).map((i) => i.id) })).toBe(2);
  });
});
