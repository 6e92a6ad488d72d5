import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, insertMeasurements } from "../support/factories";

/**
 * The N+1 proof: a page of parents costs the same number of SQL statements (the server's
 * `extensions.sqlStatements`) whatever its size, because every relation is one batched
 * statement per request.
 */
const app = useTestApp();

async function statements(query: string, variables: Record<string, unknown>) {
  const res = await app.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return { data: res.data, count: res.extensions!.sqlStatements as number };
}

/** Portfolio `root` with `programs` children; `perProgram` initiatives each, 2 hypotheses each over `metrics`. */
async function buildTree(programs: number, perProgram: number, metricCount: number) {
  const root = await createPortfolio(app);
  const metrics: Array<{ id: string }> = [];
  for (let m = 0; m < metricCount; m++) metrics.push(await createMetric(app, { portfolioId: root.id }));
  let n = 0;
  for (let p = 0; p < programs; p++) {
    const program = await createPortfolio(app, { parentId: root.id, name: `Program ${p}` });
    await Promise.all(
      Array.from({ length: perProgram }, async () => {
        const k = n++;
        const initiative = await createInitiative(app, { portfolioId: program.id, name: `Initiative ${String(k).padStart(3, "0")}` });
        for (const offset of [0, 1]) {
          await createHypothesis(app, { initiativeId: initiative.id, metricId: metrics[(k + offset) % metricCount].id });
        }
      }),
    );
  }
  return root;
}

const INITIATIVES = `query($first: Int!, $filter: InitiativeFilter) {
  initiatives(first: $first, filter: $filter) {
    totalCount
    nodes {
      name
      portfolio { name parent { id } }
      hypotheses { totalCount nodes { statement metric { key portfolio { id } } initiative { name } } }
    }
  }
}`;

describe("statements per request do not grow with the page", () => {
  let root: { id: string };

  beforeAll(async () => {
    root = await buildTree(5, 10, 7); // 50 initiatives, 100 hypotheses over 7 metrics
  });

  it("a page of 50 initiatives with portfolio, hypotheses and metrics costs what a page of 5 does", async () => {
    const filter = { portfolioId: root.id, includeDescendants: true };
    const small = await statements(INITIATIVES, { first: 5, filter });
    const large = await statements(INITIATIVES, { first: 50, filter });
    console.log(`initiatives page: first 5 → ${small.count} statements, first 50 → ${large.count} statements`);

    expect(small.data.initiatives.nodes).toHaveLength(5);
    expect(large.data.initiatives.totalCount).toBe(50);
    const nodes = large.data.initiatives.nodes;
    expect(nodes).toHaveLength(50);
    expect(new Set(nodes.map((n: any) => n.portfolio.name)).size).toBe(5);
    for (const node of nodes) {
      expect(node.portfolio.parent).toEqual({ id: root.id });
      expect(node.hypotheses.totalCount).toBe(2);
      expect(node.hypotheses.nodes.map((h: any) => h.initiative.name)).toEqual([node.name, node.name]);
      expect(node.hypotheses.nodes.every((h: any) => h.metric.portfolio.id === root.id)).toBe(true);
    }
    expect(new Set(nodes.flatMap((n: any) => n.hypotheses.nodes.map((h: any) => h.metric.key))).size).toBe(7);

    expect(large.count).toBe(small.count);
    // 8 when written: list, count, portfolios, parents, hypotheses, their counts, metrics,
    // initiatives (metric portfolios come from the parents batch); a little slack for per-request work
    expect(large.count).toBeLessThanOrEqual(10);
  });

  it("Portfolio.children → initiatives → hypotheses → metric costs the same for 2 children as for 5", async () => {
    const small = await buildTree(2, 2, 2);
    const QUERY = `query($id: ID!) { portfolio(id: $id) {
      children(first: 10) { totalCount nodes {
        name children(first: 5) { totalCount } metrics(first: 5) { totalCount }
        initiatives(first: 20) { totalCount nodes { name portfolio { name } hypotheses(first: 5) { totalCount nodes { metric { key } } } } }
      } }
    } }`;
    const a = await statements(QUERY, { id: small.id });
    const b = await statements(QUERY, { id: root.id });
    console.log(`portfolio tree: 2 children × 2 initiatives → ${a.count} statements, 5 children × 10 initiatives → ${b.count} statements`);

    const children = b.data.portfolio.children;
    expect(children.totalCount).toBe(5);
    expect(children.nodes.map((c: any) => c.initiatives.totalCount)).toEqual([10, 10, 10, 10, 10]);
    expect(children.nodes.flatMap((c: any) => c.initiatives.nodes.map((i: any) => i.portfolio.name === c.name && i.hypotheses.totalCount))).toEqual(
      Array(50).fill(2),
    );
    expect(a.data.portfolio.children.nodes.map((c: any) => c.initiatives.totalCount)).toEqual([2, 2]);
    expect(b.count).toBe(a.count);
  });

  it("Metric.measurements over a page of metrics costs the same for 5 metrics as for 50", async () => {
    const owner = await createPortfolio(app);
    for (let m = 0; m < 50; m++) {
      const metric = await createMetric(app, { portfolioId: owner.id });
      await insertMeasurements(
        app,
        metric.key,
        [1, 2, 3].map((d) => ({ value: m * 10 + d, observedAt: `2026-05-0${d}T00:00:00Z` })),
      );
    }
    const Q = `query($first: Int!, $filter: MetricFilter) { metrics(first: $first, filter: $filter) { nodes { key measurements(first: 2) { totalCount nodes { value metric { key } } } } } }`;
    const filter = { portfolioId: owner.id };
    const small = await statements(Q, { first: 5, filter });
    const large = await statements(Q, { first: 50, filter });
    console.log(`metrics page with measurements: first 5 → ${small.count}, first 50 → ${large.count}`);
    expect(large.data.metrics.nodes).toHaveLength(50);
    for (const m of large.data.metrics.nodes) {
      expect(m.measurements.totalCount).toBe(3);
      expect(m.measurements.nodes.map((x: any) => x.metric.key)).toEqual([m.key, m.key]);
      expect(m.measurements.nodes[0].value - m.measurements.nodes[1].value).toBe(1); // newest first
    }
    expect(large.count).toBe(small.count);
  });
});
