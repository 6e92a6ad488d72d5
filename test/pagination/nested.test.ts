import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError, insertMeasurements } from "../support/factories";

const app = useTestApp();

const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

describe("Portfolio.children, initiatives and metrics", () => {
  let parents: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    parents = [await createPortfolio(app, { name: "Parent A" }), await createPortfolio(app, { name: "Parent B" })];
    for (const [i, parent] of parents.entries()) {
      for (const n of [3, 1, 2]) await createPortfolio(app, { parentId: parent.id, name: `Child ${"AB"[i]}${n}` });
      for (const [j, stage] of ["IDEA", "APPROVED", "IDEA", "CLOSED"].entries()) {
        await createInitiative(app, { portfolioId: parent.id, name: `Init ${"AB"[i]}${j}`, stage });
      }
      for (const key of ["zeta", "alpha", "mu"]) await createMetric(app, { portfolioId: parent.id, key: `${key}.${"ab"[i]}` });
    }
  });

  it("pages each parent's children separately in one query, and continues from a nested cursor", async () => {
    const data = await app.ok(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Portfolio { name children(first: 2) { totalCount nodes { name } ${PAGE_INFO} } } } }`,
      { ids: parents.map((p) => p.id) },
    );
    expect(
      data.nodes.map((n: any) => [n.name, n.children.totalCount, n.children.nodes.map((c: any) => c.name), n.children.pageInfo.hasNextPage]),
    ).toEqual([
      ["Parent A", 3, ["Child A1", "Child A2"], true],
      ["Parent B", 3, ["Child B1", "Child B2"], true],
    ]);
    const rest = await app.ok(
      `query($id: ID!, $after: String) { portfolio(id: $id) { children(first: 2, after: $after) { nodes { name } ${PAGE_INFO} } } }`,
      {
        id: parents[1].id,
        after: data.nodes[1].children.pageInfo.endCursor,
      },
    );
    expect(rest.portfolio.children).toMatchObject({ nodes: [{ name: "Child B3" }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const back = await app.ok(
      `query($id: ID!, $before: String) { portfolio(id: $id) { children(last: 5, before: $before, orderBy: {field: NAME, direction: DESC}) { nodes { name } } } }`,
      {
        id: parents[0].id,
        before: null,
      },
    );
    expect(back.portfolio.children.nodes.map((n: any) => n.name)).toEqual(["Child A3", "Child A2", "Child A1"]);
  });

  it("filters, orders and pages Portfolio.initiatives", async () => {
    const q = `query($id: ID!, $after: String) { portfolio(id: $id) {
      initiatives(first: 1, after: $after, filter: {stages: [IDEA, APPROVED]}, orderBy: {field: NAME, direction: DESC}) { totalCount nodes { name } ${PAGE_INFO} } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await app.ok(q, { id: parents[0].id, after })).portfolio.initiatives;
      expect(page.totalCount).toBe(3);
      seen.push(...page.nodes.map((n: any) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["Init A2", "Init A1", "Init A0"]);
  });

  it("orders Portfolio.metrics by key and pages backward", async () => {
    const q = `query($id: ID!, $before: String) { portfolio(id: $id) { metrics(last: 2, before: $before) { totalCount nodes { key } ${PAGE_INFO} } } }`;
    const last = (await app.ok(q, { id: parents[1].id, before: null })).portfolio.metrics;
    expect(last).toMatchObject({
      totalCount: 3,
      nodes: [{ key: "mu.b" }, { key: "zeta.b" }],
      pageInfo: { hasPreviousPage: true, hasNextPage: false },
    });
    const first = (await app.ok(q, { id: parents[1].id, before: last.pageInfo.startCursor })).portfolio.metrics;
    expect(first).toMatchObject({ nodes: [{ key: "alpha.b" }], pageInfo: { hasPreviousPage: false, hasNextPage: true } });
  });
});

describe("Initiative.hypotheses", () => {
  it("orders by target date and pages", async () => {
    const initiative = await createInitiative(app);
    const metric = await createMetric(app);
    for (const [statement, month] of [
      ["H late", "11"],
      ["H early", "03"],
      ["H mid", "07"],
    ]) {
      await createHypothesis(app, { initiativeId: initiative.id, metricId: metric.id, statement, targetDate: `2026-${month}-01T00:00:00Z` });
    }
    const q = `query($id: ID!, $after: String) { initiative(id: $id) {
      hypotheses(first: 2, after: $after, orderBy: {field: TARGET_DATE}) { totalCount nodes { statement } ${PAGE_INFO} } } }`;
    const one = (await app.ok(q, { id: initiative.id, after: null })).initiative.hypotheses;
    expect(one).toMatchObject({ totalCount: 3, nodes: [{ statement: "H early" }, { statement: "H mid" }], pageInfo: { hasNextPage: true } });
    const two = (await app.ok(q, { id: initiative.id, after: one.pageInfo.endCursor })).initiative.hypotheses;
    expect(two).toMatchObject({ nodes: [{ statement: "H late" }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const byState = await app.ok(`query($id: ID!) { initiative(id: $id) { hypotheses(filter: {states: [DRAFT]}) { totalCount } } }`, {
      id: initiative.id,
    });
    expect(byState.initiative.hypotheses.totalCount).toBe(0);
  });
});

describe("Metric.measurements", () => {
  let metric: { id: string; key: string };
  const day = (d: number) => `2026-04-${String(d).padStart(2, "0")}T00:00:00.000Z`;

  beforeAll(async () => {
    metric = await createMetric(app);
    const rows = Array.from({ length: 10 }, (_, i) => ({ value: i + 1, observedAt: day(i + 1), source: i % 2 ? "crm" : "erp" }));
    await insertMeasurements(app, metric.key, rows);
    const other = await createMetric(app);
    await insertMeasurements(app, other.key, [{ value: 99, observedAt: day(5) }]);
  });

  const Q = `query($id: ID!, $first: Int, $after: String, $filter: MeasurementFilter, $orderBy: MeasurementOrder) {
    metric(id: $id) { measurements(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount nodes { value observedAt source metric { id } } ${PAGE_INFO} } } }`;
  const measurements = async (vars: Record<string, unknown>) => (await app.ok(Q, { id: metric.id, ...vars })).metric.measurements;
  const values = (c: any) => c.nodes.map((n: any) => n.value);

  it("lists newest first by default and pages through all of them", async () => {
    const one = await measurements({ first: 4 });
    expect(one.totalCount).toBe(10);
    expect(values(one)).toEqual([10, 9, 8, 7]);
    expect(one.nodes[0]).toMatchObject({ observedAt: day(10), source: "crm", metric: { id: metric.id } });
    const two = await measurements({ first: 4, after: one.pageInfo.endCursor });
    const three = await measurements({ first: 4, after: two.pageInfo.endCursor });
    expect([...values(two), ...values(three)]).toEqual([6, 5, 4, 3, 2, 1]);
    expect(three.pageInfo.hasNextPage).toBe(false);
  });

  it("filters by from (inclusive) and to (exclusive), with totalCount to match", async () => {
    const window = await measurements({ filter: { from: day(3), to: day(7) } });
    expect(window).toMatchObject({ totalCount: 4 });
    expect(values(window)).toEqual([6, 5, 4, 3]);
    expect(values(await measurements({ filter: { from: day(9) } }))).toEqual([10, 9]);
    expect(values(await measurements({ filter: { to: day(2) } }))).toEqual([1]);
    const paged = await measurements({ first: 2, filter: { from: day(3), to: day(7) }, orderBy: { field: "OBSERVED_AT", direction: "ASC" } });
    expect(values(paged)).toEqual([3, 4]);
    const next = await measurements({
      first: 2,
      after: paged.pageInfo.endCursor,
      filter: { from: day(3), to: day(7) },
      orderBy: { field: "OBSERVED_AT", direction: "ASC" },
    });
    expect(values(next)).toEqual([5, 6]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it("filters by source", async () => {
    const erp = await measurements({ filter: { sources: ["erp"] } });
    expect(erp.totalCount).toBe(5);
    expect(values(erp)).toEqual([9, 7, 5, 3, 1]);
  });

  it("refuses a window whose end is not after its start", async () => {
    expectError(await app.gql(Q, { id: metric.id, filter: { from: day(5), to: day(5) } }), "BAD_USER_INPUT", "filter.to");
  });
});

describe("root lists of portfolios, metrics and hypotheses", () => {
  it("portfolios: rootsOnly and parentId filters, NAME order, paging", async () => {
    const root = await createPortfolio(app, { name: "Root list zz" });
    for (const n of ["c", "a", "b"]) await createPortfolio(app, { parentId: root.id, name: `Kid ${n}` });
    const q = `query($filter: PortfolioFilter, $after: String) { portfolios(first: 2, after: $after, filter: $filter) { totalCount nodes { name } ${PAGE_INFO} } }`;
    const one = (await app.ok(q, { filter: { parentId: root.id } })).portfolios;
    const two = (await app.ok(q, { filter: { parentId: root.id }, after: one.pageInfo.endCursor })).portfolios;
    expect([one.totalCount, ...one.nodes, ...two.nodes]).toEqual([3, { name: "Kid a" }, { name: "Kid b" }, { name: "Kid c" }]);
    const roots = (await app.ok(q, { filter: { rootsOnly: true, nameContains: "root list" } })).portfolios;
    expect(roots).toMatchObject({ totalCount: 1, nodes: [{ name: "Root list zz" }] });
  });

  it("metrics: search, direction and includeDescendants", async () => {
    const top = await createPortfolio(app);
    const below = await createPortfolio(app, { parentId: top.id });
    await createMetric(app, { portfolioId: top.id, key: "ops.latency", name: "Latency", direction: "DECREASE" });
    await createMetric(app, { portfolioId: below.id, key: "ops.uptime", name: "Uptime" });
    const q = `query($filter: MetricFilter) { metrics(filter: $filter) { totalCount nodes { key } } }`;
    expect((await app.ok(q, { filter: { portfolioId: top.id, includeDescendants: true } })).metrics).toEqual({
      totalCount: 2,
      nodes: [{ key: "ops.latency" }, { key: "ops.uptime" }],
    });
    expect((await app.ok(q, { filter: { portfolioId: top.id } })).metrics.totalCount).toBe(1);
    expect((await app.ok(q, { filter: { search: "UPTIME" } })).metrics.nodes).toEqual([{ key: "ops.uptime" }]);
    expect((await app.ok(q, { filter: { search: "ops.", direction: "DECREASE" } })).metrics.nodes).toEqual([{ key: "ops.latency" }]);
  });

  it("outcomeHypotheses: states, metric and portfolio subtree", async () => {
    const top = await createPortfolio(app);
    const below = await createPortfolio(app, { parentId: top.id });
    const metric = await createMetric(app);
    const a = await createHypothesis(app, { initiativeId: (await createInitiative(app, { portfolioId: top.id })).id, metricId: metric.id });
    const b = await createHypothesis(app, {
      initiativeId: (await createInitiative(app, { portfolioId: below.id })).id,
      metricId: metric.id,
      state: "DRAFT",
    });
    const q = `query($filter: OutcomeHypothesisFilter) { outcomeHypotheses(filter: $filter) { totalCount nodes { id } } }`;
    expect((await app.ok(q, { filter: { portfolioId: top.id } })).outcomeHypotheses).toEqual({ totalCount: 2, nodes: [{ id: a.id }, { id: b.id }] });
    expect((await app.ok(q, { filter: { metricId: metric.id, states: ["DRAFT"] } })).outcomeHypotheses).toEqual({
      totalCount: 1,
      nodes: [{ id: b.id }],
    });
    expect((await app.ok(q, { filter: { portfolioId: below.id, states: ["ACTIVE"] } })).outcomeHypotheses.totalCount).toBe(0);
  });
});
