/**
 * Pages read only the columns their nodes' selection needs (src/graphql/projection.ts). The
 * danger is a field that silently reads a column the page left out, so this property test
 * selects random subsets of every field of Initiative, OutcomeHypothesis and the hypothesis's
 * Metric (fields taken from introspection, so new fields are covered without editing the
 * test) through `Portfolio.initiatives → hypotheses → metric`, and compares each node with
 * the same selection read through `nodes(ids)`, whose loaders read whole rows. The root lists
 * (`initiatives`, `outcomeHypotheses`, `metrics`) are compared the same way.
 */
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, insertMeasurements } from "../support/factories";

const app = useTestApp();

interface FieldInfo {
  name: string;
  /** The selection that goes with it: "" for a leaf, `{ … }` for an object. */
  sub: string;
}

const TYPE = `query($name: String!) { __type(name: $name) { fields { name args { type { kind } } type { ...T } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

function namedType(t: any): { kind: string; name: string } {
  while (t.ofType) t = t.ofType;
  return t;
}

/** The fields of `typeName` callable without arguments, objects with their own leaf fields. */
async function fieldsOf(typeName: string, skip: string[] = []): Promise<FieldInfo[]> {
  const fields = (await app.ok(TYPE, { name: typeName })).__type.fields as any[];
  const out: FieldInfo[] = [];
  for (const f of fields) {
    if (skip.includes(f.name) || f.args.some((a: any) => a.type.kind === "NON_NULL")) continue;
    const t = namedType(f.type);
    if (t.kind === "OBJECT") {
      const inner = ((await app.ok(TYPE, { name: t.name })).__type.fields as any[]).filter(
        (g) => !g.args.some((a: any) => a.type.kind === "NON_NULL") && ["SCALAR", "ENUM"].includes(namedType(g.type).kind),
      );
      out.push({ name: f.name, sub: `{ __typename ${inner.map((g) => g.name).join(" ")} }` });
    } else out.push({ name: f.name, sub: "" });
  }
  return out;
}

const byKey = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const select = (fields: FieldInfo[]) => fields.map((f) => `${f.name} ${f.sub}`).join(" ");

describe("page projection", () => {
  test("any selection of initiative, hypothesis and metric fields reads what the whole rows give", async () => {
    const portfolio = await createPortfolio(app, { budget: 1000 });
    const metrics = [
      await createMetric(app, { portfolioId: portfolio.id, unit: "EUR", cadence: "WEEKLY", description: "d" }),
      await createMetric(app, { portfolioId: portfolio.id }),
    ];
    await insertMeasurements(app, metrics[0].key, [
      { value: 12, observedAt: "2026-02-01T00:00:00Z" },
      { value: 15, observedAt: "2026-03-01T00:00:00Z" },
    ]);
    const initiativeIds: string[] = [];
    const hypothesisIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const initiative = await createInitiative(app, {
        portfolioId: portfolio.id,
        description: `about ${i}`,
        owner: "o",
        sponsor: "s",
        stage: "IN_DELIVERY",
        budget: 100 + i,
        actualCost: 50,
        startDate: "2026-01-01",
        targetDate: "2026-06-30",
        tags: ["a", `t${i}`],
        businessValue: 8,
        timeCriticality: 5,
        riskReduction: 3,
        jobSize: 2,
        reach: 100,
        impact: 2,
        confidence: 0.8,
        effort: 3,
      });
      initiativeIds.push(initiative.id);
      for (let j = 0; j < 2; j++) {
        hypothesisIds.push(
          (await createHypothesis(app, { initiativeId: initiative.id, metricId: metrics[(i + j) % 2].id, weight: 1 + j, expectedBenefit: 10 * i }))
            .id,
        );
      }
    }
    // the connection fields themselves are paged separately; their presence is what matters here
    const initiativeFields = await fieldsOf("Initiative", ["hypotheses"]);
    const hypothesisFields = await fieldsOf("OutcomeHypothesis", ["metric"]);
    const metricFields = await fieldsOf("Metric");
    expect(initiativeFields.map((f) => f.name)).toEqual(expect.arrayContaining(["id", "name", "tags", "portfolio", "valueSummary", "businessValue"]));

    await fc.assert(
      fc.asyncProperty(
        fc.subarray(initiativeFields, { minLength: 1 }),
        fc.subarray(hypothesisFields, { minLength: 1 }),
        fc.option(fc.subarray(metricFields, { minLength: 1 })),
        async (ini, hyp, met) => {
          const hypSel = `${select(hyp)} ${met ? `metric { ${select(met)} }` : ""}`;
          const metricSel = met
            ? `rootMetrics: metrics(first: 5, filter: { portfolioId: $id }) { nodes { id ${select(met)} } }
              metrics: nodes(ids: $metrics) { ... on Metric { id ${select(met)} } }`
            : "";
          // one request, so fields evaluated "now" see the same instant on both sides
          const res = await app.ok(
            `query($id: ID!, $initiatives: [ID!]!, $hypotheses: [ID!]!${met ? ", $metrics: [ID!]!" : ""}) {
              paged: node(id: $id) { ... on Portfolio { initiatives(first: 5) { nodes { id ${select(ini)} hypotheses(first: 5) { nodes { id ${hypSel} } } } } } }
              rootInitiatives: initiatives(first: 5, filter: { portfolioId: $id }) { nodes { id ${select(ini)} } }
              rootHypotheses: outcomeHypotheses(first: 10, filter: { portfolioId: $id }) { nodes { id ${hypSel} } }
              ${metricSel}
              initiatives: nodes(ids: $initiatives) { ... on Initiative { id ${select(ini)} } }
              hypotheses: nodes(ids: $hypotheses) { ... on OutcomeHypothesis { id ${hypSel} } }
            }`,
            { id: portfolio.id, initiatives: initiativeIds, hypotheses: hypothesisIds, ...(met ? { metrics: metrics.map((m) => m.id) } : {}) },
          );
          // the page's order is by name; compare node by node through the ids
          const byId = (list: any[]) => new Map(list.map((n) => [n.id, n]));
          const paged = res.paged.initiatives.nodes;
          expect(paged.map((n: any) => n.id).sort()).toEqual([...initiativeIds].sort());
          const wholeInitiatives = byId(res.initiatives);
          for (const { hypotheses, ...own } of paged) expect(own).toEqual(wholeInitiatives.get(own.id));
          const pagedHypotheses = paged.flatMap((n: any) => n.hypotheses.nodes);
          expect(pagedHypotheses).toHaveLength(hypothesisIds.length);
          const wholeHypotheses = byId(res.hypotheses);
          for (const h of pagedHypotheses) expect(h).toEqual(wholeHypotheses.get(h.id));
          // the root lists read the same way
          expect(res.rootInitiatives.nodes).toHaveLength(initiativeIds.length);
          for (const n of res.rootInitiatives.nodes) expect(n).toEqual(wholeInitiatives.get(n.id));
          expect(res.rootHypotheses.nodes).toHaveLength(hypothesisIds.length);
          for (const h of res.rootHypotheses.nodes) expect(h).toEqual(wholeHypotheses.get(h.id));
          if (met) expect([...res.rootMetrics.nodes].sort(byKey)).toEqual([...res.metrics].sort(byKey));
        },
      ),
      { numRuns: 60 },
    );
  });
});
