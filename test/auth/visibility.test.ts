import { useTestApp } from "../support/app";
import { expectError, insertMeasurements } from "../support/factories";
import { Caller, codeOf, grant, Holding, holding, items, linkHypothesis, person, RECORD, ungrant } from "../support/auth-factories";

/**
 * What a caller may not see does not exist for them (issue 4): lists leave it out (and
 * their totalCount), by-id lookups give null, reports NOT_FOUND; roles reach down the
 * tree, never up; rollups count only what is visible; a removed role is gone at once.
 */
const app = useTestApp();

/** R → C → G, and S beside R. G's initiative also has a hypothesis on S's metric. */
let R: Holding, C: Holding, G: Holding, S: Holding;
let crossHypothesis: string;
let vera: Caller, gina: Caller, stan: Caller;

beforeAll(async () => {
  R = await holding(app, "Root");
  C = await holding(app, "Child", R.portfolio);
  G = await holding(app, "Grandchild", C.portfolio);
  S = await holding(app, "Sibling");
  crossHypothesis = await linkHypothesis(app, G.initiative, S.metric);
  for (const h of [R, G, S]) await insertMeasurements(app, h.metricKey, [{ value: 15, observedAt: "2025-06-01T00:00:00Z" }]);
  await grant(app, R.portfolio, "vera", "VIEWER");
  await grant(app, G.portfolio, "gina", "VIEWER");
  [vera, gina, stan] = await Promise.all(["vera", "gina", "stan"].map((sub) => person(app, sub)));
});

const LISTS = `{
  portfolios(first: 500) { totalCount nodes { id } }
  initiatives(first: 500) { totalCount nodes { id } }
  metrics(first: 500) { totalCount nodes { id } }
  outcomeHypotheses(first: 500) { totalCount nodes { id } }
}`;

async function lists(c: Caller) {
  const data = await c.ok(LISTS);
  const ids = (conn: { totalCount: number; nodes: Array<{ id: string }> }) => {
    expect(conn.totalCount).toBe(conn.nodes.length);
    return conn.nodes.map((n) => n.id).sort();
  };
  return {
    portfolios: ids(data.portfolios),
    initiatives: ids(data.initiatives),
    metrics: ids(data.metrics),
    hypotheses: ids(data.outcomeHypotheses),
  };
}

const sorted = (...ids: string[]) => [...ids].sort();

describe("lists", () => {
  it("a role on R shows R and everything below it, and nothing of S", async () => {
    expect(await lists(vera)).toEqual({
      portfolios: sorted(R.portfolio, C.portfolio, G.portfolio),
      initiatives: sorted(R.initiative, C.initiative, G.initiative),
      // S's metric is used by a hypothesis in G, so it is visible where that hypothesis is
      metrics: sorted(R.metric, C.metric, G.metric, S.metric),
      hypotheses: sorted(R.hypothesis, C.hypothesis, G.hypothesis, crossHypothesis),
    });
  });

  it("a role on G shows G only: not upwards", async () => {
    expect(await lists(gina)).toEqual({
      portfolios: [G.portfolio],
      initiatives: [G.initiative],
      metrics: sorted(G.metric, S.metric),
      hypotheses: sorted(G.hypothesis, crossHypothesis),
    });
  });

  it("no role shows nothing", async () => {
    expect(await lists(stan)).toEqual({ portfolios: [], initiatives: [], metrics: [], hypotheses: [] });
  });

  it("a filter naming an invisible portfolio still only returns visible rows", async () => {
    const q = `query($p: ID!) { initiatives(filter: {portfolioId: $p, includeDescendants: true}) { totalCount nodes { id } } }`;
    expect((await gina.ok(q, { p: R.portfolio })).initiatives).toEqual({ totalCount: 1, nodes: [{ id: G.initiative }] });
    expect((await stan.ok(q, { p: R.portfolio })).initiatives).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe("by id", () => {
  const ONE = `query($id: ID!, $key: String!) {
    portfolio(id: $id) { id } node(id: $id) { id }
    metricByKey(key: $key) { id }
  }`;

  it("node(id), portfolio(id), metricByKey and nodes(ids) give null for what is invisible", async () => {
    expect(await gina.ok(ONE, { id: R.portfolio, key: R.metricKey })).toEqual({ portfolio: null, node: null, metricByKey: null });
    expect(await gina.ok(ONE, { id: G.portfolio, key: G.metricKey })).toEqual({
      portfolio: { id: G.portfolio },
      node: { id: G.portfolio },
      metricByKey: { id: G.metric },
    });
    const all = [R, C, G, S].flatMap((h) => [h.portfolio, h.initiative, h.metric, h.hypothesis]);
    const visible = new Set([G.portfolio, G.initiative, G.metric, G.hypothesis, S.metric]);
    const got = (await gina.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: all })).nodes;
    expect(got).toEqual(all.map((id) => (visible.has(id) ? { id } : null)));
  });

  it("typed lookups too: initiative, metric, outcomeHypothesis", async () => {
    const q = `query($i: ID!, $m: ID!, $h: ID!) { initiative(id: $i) { id } metric(id: $m) { id } outcomeHypothesis(id: $h) { id } }`;
    expect(await gina.ok(q, { i: C.initiative, m: C.metric, h: C.hypothesis })).toEqual({ initiative: null, metric: null, outcomeHypothesis: null });
    expect(await vera.ok(q, { i: C.initiative, m: C.metric, h: C.hypothesis })).toEqual({
      initiative: { id: C.initiative },
      metric: { id: C.metric },
      outcomeHypothesis: { id: C.hypothesis },
    });
  });

  it("a measurement of an invisible metric is null", async () => {
    const ids = await app.ok(`query($id: ID!) { metric(id: $id) { measurements { nodes { id } } } }`, { id: R.metric });
    const measurement = ids.metric.measurements.nodes[0].id;
    expect((await gina.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: measurement })).node).toBeNull();
    expect((await vera.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: measurement })).node).toEqual({ id: measurement });
  });

  it("`parent` is null where the parent is invisible", async () => {
    const q = `query($id: ID!) { portfolio(id: $id) { parent { id parent { id parent { id } } } } }`;
    expect((await gina.ok(q, { id: G.portfolio })).portfolio.parent).toBeNull();
    expect((await vera.ok(q, { id: G.portfolio })).portfolio.parent).toEqual({ id: C.portfolio, parent: { id: R.portfolio, parent: null } });
  });
});

describe("reports and rollups", () => {
  const REPORT = `query($p: ID!) { valueReport(portfolioId: $p, asOf: "2025-12-01T00:00:00Z") { totalCount nodes { hypothesisId } } }`;
  const SUMMARY = `query($p: ID!) { portfolio(id: $p) { valueSummary(asOf: "2025-12-01T00:00:00Z") { hypothesisCount expectedBenefit realizedBenefit investment plannedInvestment } } }`;

  it("valueReport on an invisible portfolio is NOT_FOUND", async () => {
    expectError(await gina.gql(REPORT, { p: R.portfolio }), "NOT_FOUND", "portfolioId");
    expectError(await stan.gql(REPORT, { p: G.portfolio }), "NOT_FOUND", "portfolioId");
  });

  it("a visible subtree's report and rollup are what the admin sees of that subtree", async () => {
    const mine = (await gina.ok(REPORT, { p: G.portfolio })).valueReport;
    expect(mine.nodes.map((n: { hypothesisId: string }) => n.hypothesisId).sort()).toEqual(sorted(G.hypothesis, crossHypothesis));
    expect(mine).toEqual((await app.ok(REPORT, { p: G.portfolio })).valueReport);
    expect(await gina.ok(SUMMARY, { p: G.portfolio })).toEqual(await app.ok(SUMMARY, { p: G.portfolio }));
    const summary = (await vera.ok(SUMMARY, { p: R.portfolio })).portfolio.valueSummary;
    expect(summary).toEqual((await app.ok(SUMMARY, { p: R.portfolio })).portfolio.valueSummary);
    expect(summary).toMatchObject({ hypothesisCount: 4, investment: 120, plannedInvestment: 300 });
  });

  it("nested lists and filtered lists count only what is visible", async () => {
    const q = `query($p: ID!, $m: ID!) {
      portfolio(id: $p) { children { totalCount } initiatives { totalCount nodes { hypotheses { totalCount } } } metrics { totalCount } }
      outcomeHypotheses(filter: {metricId: $m}) { totalCount nodes { id } }
    }`;
    const vars = { p: G.portfolio, m: S.metric };
    const mine = await gina.ok(q, vars);
    const admin = await app.ok(q, vars);
    // S's metric is visible to gina, but of its two hypotheses only the one in G is
    expect(mine.outcomeHypotheses).toEqual({ totalCount: 1, nodes: [{ id: crossHypothesis }] });
    expect(admin.outcomeHypotheses.totalCount).toBe(2);
    expect(mine.portfolio).toEqual(admin.portfolio);
    expect(mine.portfolio.initiatives.nodes).toEqual([{ hypotheses: { totalCount: 2 } }]);
  });

  it("a metric visible through a hypothesis shows its data, but is not writable without a role on its portfolio", async () => {
    const q = `query($m: ID!) { metric(id: $m) { key measurements { totalCount } series(from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: YEAR) { count } } }`;
    expect((await gina.ok(q, { m: S.metric })).metric).toEqual({ key: S.metricKey, measurements: { totalCount: 1 }, series: [{ count: 1 }] });
    const update = await gina.gql(`mutation($m: ID!) { updateMetric(input: {id: $m, unit: "x"}) { metric { id } } }`, { m: S.metric });
    expect(codeOf(update)).toBe("FORBIDDEN");
    await grant(app, G.portfolio, "gina", "CONTRIBUTOR");
    const rec = await gina.ok(RECORD, { input: { measurements: items([S.metricKey, G.metricKey]) } });
    expect(rec.recordMeasurements).toMatchObject({ accepted: 1, rejected: [{ index: 0, code: "FORBIDDEN" }] });
    await grant(app, G.portfolio, "gina", "VIEWER");
  });
});

describe("members", () => {
  const MEMBERS = `query($p: ID!) { portfolio(id: $p) { members { totalCount nodes { subject role createdBy } } } }`;

  it("an OWNER grants a role below; the newcomer sees that subtree from the next request on", async () => {
    await grant(app, R.portfolio, "olga", "OWNER");
    const olga = await person(app, "olga");
    const newbie = await person(app, "newbie");
    expect((await newbie.ok(LISTS)).portfolios.totalCount).toBe(0);
    await olga.ok(`mutation($p: ID!) { addPortfolioMember(input: {portfolioId: $p, subject: "newbie", role: VIEWER}) { member { subject } } }`, {
      p: C.portfolio,
    });
    expect((await lists(newbie)).portfolios).toEqual(sorted(C.portfolio, G.portfolio));
    expect((await vera.ok(MEMBERS, { p: C.portfolio })).portfolio.members).toEqual({
      totalCount: 1,
      nodes: [{ subject: "newbie", role: "VIEWER", createdBy: "olga" }],
    });
  });

  it("removePortfolioMember takes effect on the next request", async () => {
    const q = `query($p: ID!) { portfolio(id: $p) { id } }`;
    expect((await vera.ok(q, { p: R.portfolio })).portfolio).toEqual({ id: R.portfolio });
    await ungrant(app, R.portfolio, "vera");
    expect((await vera.ok(q, { p: R.portfolio })).portfolio).toBeNull();
    expect(await lists(vera)).toEqual({ portfolios: [], initiatives: [], metrics: [], hypotheses: [] });
  });
});
