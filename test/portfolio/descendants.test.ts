import { useTestApp } from "../support/app";
import { createInitiative, createMetric, createPortfolio } from "../support/factories";

/**
 * `Portfolio.initiatives` and `Portfolio.metrics` with `filter: {includeDescendants: true}`
 * list the whole subtree (the flag used to be ignored there), batched for every portfolio
 * of a page like any nested list.
 */

const app = useTestApp();

interface Tree {
  tag: string;
  root: string;
  a: string;
  a1: string;
  b: string;
}

/**
 * root → a → a1, root → b, with initiatives and metrics in each. Names start with distinct
 * words (Alpha … Foxtrot), so their order is the same under any collation, and carry the
 * tree's tag, so one tree's rows cannot pass for another's.
 */
async function tree(tag: string): Promise<Tree> {
  const root = (await createPortfolio(app, { name: `Desc ${tag} root` })).id;
  const a = (await createPortfolio(app, { name: `Desc ${tag} a`, parentId: root })).id;
  const a1 = (await createPortfolio(app, { name: `Desc ${tag} a1`, parentId: a })).id;
  const b = (await createPortfolio(app, { name: `Desc ${tag} b`, parentId: root })).id;
  const initiatives: Array<[string, string, string]> = [
    [root, "Echo", "IDEA"],
    [a, "Alpha", "IDEA"],
    [a, "Delta", "APPROVED"],
    [a1, "Charlie", "APPROVED"],
    [a1, "Foxtrot", "IDEA"],
    [b, "Bravo", "IDEA"],
  ];
  for (const [portfolioId, word, stage] of initiatives) await createInitiative(app, { portfolioId, name: `${word} ${tag}`, stage });
  const metrics: Array<[string, string, string]> = [
    [root, "echo", "INCREASE"],
    [a, "alpha", "INCREASE"],
    [a, "delta", "DECREASE"],
    [a1, "charlie", "DECREASE"],
    [b, "bravo", "INCREASE"],
  ];
  for (const [portfolioId, word, direction] of metrics) {
    await createMetric(app, { portfolioId, key: `desc.${tag}.${word}`, name: `${word[0].toUpperCase()}${word.slice(1)} KPI ${tag}`, direction });
  }
  return { tag, root, a, a1, b };
}

/** Initiative names of a tree, in name order, from the words given. */
const inits = (t: Tree, ...words: string[]) => words.map((w) => `${w} ${t.tag}`);
const kpis = (t: Tree, ...words: string[]) => words.map((w) => `${w} KPI ${t.tag}`);

const ALL_INITS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
const ALL_KPIS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];

/** What each portfolio of a tree holds, by portfolio name: its own, and its subtree's. */
function expectedByName(t: Tree): Record<string, { own: string[]; subtree: string[]; ownKpis: string[]; subtreeKpis: string[] }> {
  return {
    [`Desc ${t.tag} root`]: { own: inits(t, "Echo"), subtree: inits(t, ...ALL_INITS), ownKpis: kpis(t, "Echo"), subtreeKpis: kpis(t, ...ALL_KPIS) },
    [`Desc ${t.tag} a`]: {
      own: inits(t, "Alpha", "Delta"),
      subtree: inits(t, "Alpha", "Charlie", "Delta", "Foxtrot"),
      ownKpis: kpis(t, "Alpha", "Delta"),
      subtreeKpis: kpis(t, "Alpha", "Charlie", "Delta"),
    },
    [`Desc ${t.tag} a1`]: {
      own: inits(t, "Charlie", "Foxtrot"),
      subtree: inits(t, "Charlie", "Foxtrot"),
      ownKpis: kpis(t, "Charlie"),
      subtreeKpis: kpis(t, "Charlie"),
    },
    [`Desc ${t.tag} b`]: { own: inits(t, "Bravo"), subtree: inits(t, "Bravo"), ownKpis: kpis(t, "Bravo"), subtreeKpis: kpis(t, "Bravo") },
  };
}

const names = (conn: { nodes: Array<{ name: string }> }) => conn.nodes.map((n) => n.name);

const INITIATIVES = `query($id: ID!, $filter: InitiativeFilter, $first: Int, $after: String) {
  portfolio(id: $id) { initiatives(filter: $filter, first: $first, after: $after) {
    totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage endCursor }
  } }
}`;
const METRICS = `query($id: ID!, $filter: MetricFilter) {
  portfolio(id: $id) { metrics(filter: $filter) { totalCount nodes { name } } }
}`;

async function initiativesOf(id: string, filter?: Record<string, unknown>, page: { first?: number; after?: string } = {}) {
  return (await app.ok(INITIATIVES, { id, filter, ...page })).portfolio.initiatives;
}
async function metricsOf(id: string, filter?: Record<string, unknown>) {
  return (await app.ok(METRICS, { id, filter })).portfolio.metrics;
}

let t1: Tree;
let t2: Tree;
let t3: Tree;

beforeAll(async () => {
  t1 = await tree("t1");
  t2 = await tree("t2");
  t3 = await tree("t3");
});

describe("Portfolio.initiatives(filter: {includeDescendants: true})", () => {
  it("lists the whole subtree in name order, with its totalCount", async () => {
    const root = await initiativesOf(t1.root, { includeDescendants: true });
    expect({ names: names(root), totalCount: root.totalCount }).toEqual({ names: inits(t1, ...ALL_INITS), totalCount: 6 });
    const a = await initiativesOf(t1.a, { includeDescendants: true });
    expect({ names: names(a), totalCount: a.totalCount }).toEqual({ names: inits(t1, "Alpha", "Charlie", "Delta", "Foxtrot"), totalCount: 4 });
    const a1 = await initiativesOf(t1.a1, { includeDescendants: true });
    expect({ names: names(a1), totalCount: a1.totalCount }).toEqual({ names: inits(t1, "Charlie", "Foxtrot"), totalCount: 2 });
    const b = await initiativesOf(t1.b, { includeDescendants: true });
    expect({ names: names(b), totalCount: b.totalCount }).toEqual({ names: inits(t1, "Bravo"), totalCount: 1 });
  });

  it("without the flag (absent or false, or no filter) lists only the portfolio's own", async () => {
    for (const filter of [undefined, {}, { includeDescendants: false }]) {
      const root = await initiativesOf(t1.root, filter);
      expect({ filter, names: names(root), totalCount: root.totalCount }).toEqual({ filter, names: inits(t1, "Echo"), totalCount: 1 });
      const a = await initiativesOf(t1.a, filter);
      expect({ filter, names: names(a), totalCount: a.totalCount }).toEqual({ filter, names: inits(t1, "Alpha", "Delta"), totalCount: 2 });
    }
  });

  it("still applies the other filters (stages, nameContains) over the subtree", async () => {
    const idea = await initiativesOf(t1.root, { includeDescendants: true, stages: ["IDEA"] });
    expect({ names: names(idea), totalCount: idea.totalCount }).toEqual({ names: inits(t1, "Alpha", "Bravo", "Echo", "Foxtrot"), totalCount: 4 });
    const approved = await initiativesOf(t1.root, { includeDescendants: true, stages: ["APPROVED"] });
    expect({ names: names(approved), totalCount: approved.totalCount }).toEqual({ names: inits(t1, "Charlie", "Delta"), totalCount: 2 });
    const ha = await initiativesOf(t1.root, { includeDescendants: true, nameContains: "HA" });
    expect({ names: names(ha), totalCount: ha.totalCount }).toEqual({ names: inits(t1, "Alpha", "Charlie"), totalCount: 2 });
    const both = await initiativesOf(t1.a, { includeDescendants: true, nameContains: "ha", stages: ["APPROVED", "DELIVERED"] });
    expect({ names: names(both), totalCount: both.totalCount }).toEqual({ names: inits(t1, "Charlie"), totalCount: 1 });
    const none = await initiativesOf(t1.b, { includeDescendants: true, stages: ["APPROVED"] });
    expect({ names: names(none), totalCount: none.totalCount }).toEqual({ names: [], totalCount: 0 });
  });

  it("pages over the subtree with first/after", async () => {
    const filter = { includeDescendants: true };
    const p1 = await initiativesOf(t2.root, filter, { first: 2 });
    expect({ names: names(p1), totalCount: p1.totalCount, next: p1.pageInfo.hasNextPage, prev: p1.pageInfo.hasPreviousPage }).toEqual({
      names: inits(t2, "Alpha", "Bravo"),
      totalCount: 6,
      next: true,
      prev: false,
    });
    const p2 = await initiativesOf(t2.root, filter, { first: 2, after: p1.pageInfo.endCursor });
    expect({ names: names(p2), totalCount: p2.totalCount, next: p2.pageInfo.hasNextPage, prev: p2.pageInfo.hasPreviousPage }).toEqual({
      names: inits(t2, "Charlie", "Delta"),
      totalCount: 6,
      next: true,
      prev: true,
    });
    const p3 = await initiativesOf(t2.root, filter, { first: 3, after: p2.pageInfo.endCursor });
    expect({ names: names(p3), next: p3.pageInfo.hasNextPage }).toEqual({ names: inits(t2, "Echo", "Foxtrot"), next: false });
  });

  it("ignores portfolioId in the nested filter", async () => {
    const wide = await initiativesOf(t1.root, { includeDescendants: true, portfolioId: t1.b });
    expect({ names: names(wide), totalCount: wide.totalCount }).toEqual({ names: inits(t1, ...ALL_INITS), totalCount: 6 });
    const own = await initiativesOf(t1.a, { portfolioId: t1.root });
    expect({ names: names(own), totalCount: own.totalCount }).toEqual({ names: inits(t1, "Alpha", "Delta"), totalCount: 2 });
    const otherTree = await initiativesOf(t1.a1, { includeDescendants: true, portfolioId: t2.root });
    expect(names(otherTree)).toEqual(inits(t1, "Charlie", "Foxtrot"));
  });
});

describe("Portfolio.metrics(filter: {includeDescendants: true})", () => {
  it("lists the whole subtree, only the portfolio's own without the flag, and applies direction and search", async () => {
    const all = await metricsOf(t1.root, { includeDescendants: true });
    expect({ names: names(all), totalCount: all.totalCount }).toEqual({ names: kpis(t1, ...ALL_KPIS), totalCount: 5 });
    const a = await metricsOf(t1.a, { includeDescendants: true });
    expect({ names: names(a), totalCount: a.totalCount }).toEqual({ names: kpis(t1, "Alpha", "Charlie", "Delta"), totalCount: 3 });
    const own = await metricsOf(t1.root);
    expect({ names: names(own), totalCount: own.totalCount }).toEqual({ names: kpis(t1, "Echo"), totalCount: 1 });
    const ownA = await metricsOf(t1.a, { includeDescendants: false, portfolioId: t1.root });
    expect({ names: names(ownA), totalCount: ownA.totalCount }).toEqual({ names: kpis(t1, "Alpha", "Delta"), totalCount: 2 });
    const decrease = await metricsOf(t1.root, { includeDescendants: true, direction: "DECREASE" });
    expect({ names: names(decrease), totalCount: decrease.totalCount }).toEqual({ names: kpis(t1, "Charlie", "Delta"), totalCount: 2 });
    const search = await metricsOf(t1.root, { includeDescendants: true, search: "ha", portfolioId: t1.b });
    expect({ names: names(search), totalCount: search.totalCount }).toEqual({ names: kpis(t1, "Alpha", "Charlie"), totalCount: 2 });
  });
});

describe("a page of portfolios", () => {
  const PAGE = `query($first: Int!) {
    portfolios(first: $first, filter: {nameContains: "Desc t"}) { nodes {
      name
      initiatives(filter: {includeDescendants: true}) { totalCount nodes { name } }
      own: initiatives { nodes { name } }
      metrics(filter: {includeDescendants: true}) { totalCount nodes { name } }
    } }
  }`;

  const ALIASES = `query($first: Int!) {
    portfolios(first: $first, filter: {nameContains: "Desc t"}) { nodes {
      name
      x: initiatives(filter: {stages: [IDEA], includeDescendants: true}) { totalCount nodes { name } }
      y: initiatives(filter: {stages: [APPROVED], includeDescendants: true}) { totalCount nodes { name } }
    } }
  }`;

  const expected = () => ({ ...expectedByName(t1), ...expectedByName(t2), ...expectedByName(t3) });
  const IDEA = ["Alpha", "Bravo", "Echo", "Foxtrot"];

  it("gives each portfolio its own subtree, in one request", async () => {
    const nodes = (await app.ok(PAGE, { first: 12 })).portfolios.nodes;
    expect(nodes).toHaveLength(12);
    const byName = expected();
    expect(nodes.map((n: { name: string }) => n.name).sort()).toEqual(Object.keys(byName).sort());
    for (const node of nodes) {
      const e = byName[node.name];
      expect({ portfolio: node.name, subtree: names(node.initiatives), count: node.initiatives.totalCount }).toEqual({
        portfolio: node.name,
        subtree: e.subtree,
        count: e.subtree.length,
      });
      expect({ portfolio: node.name, own: names(node.own) }).toEqual({ portfolio: node.name, own: e.own });
      expect({ portfolio: node.name, kpis: names(node.metrics), count: node.metrics.totalCount }).toEqual({
        portfolio: node.name,
        kpis: e.subtreeKpis,
        count: e.subtreeKpis.length,
      });
    }
  });

  it("keeps two aliases of the same list with different filters apart, in a constant number of statements", async () => {
    const byName = expected();
    const counts: number[] = [];
    for (const first of [2, 6]) {
      const res = await app.gql(ALIASES, { first });
      expect(res.errors).toBeUndefined();
      const nodes = res.data.portfolios.nodes;
      expect(nodes).toHaveLength(first);
      for (const node of nodes) {
        const subtree = byName[node.name].subtree;
        const idea = subtree.filter((n) => IDEA.includes(n.split(" ")[0]));
        const approved = subtree.filter((n) => !IDEA.includes(n.split(" ")[0]));
        expect({ portfolio: node.name, x: names(node.x), xCount: node.x.totalCount, y: names(node.y), yCount: node.y.totalCount }).toEqual({
          portfolio: node.name,
          x: idea,
          xCount: idea.length,
          y: approved,
          yCount: approved.length,
        });
      }
      counts.push(res.extensions!.sqlStatements);
    }
    // the portfolios page, then for each alias one page statement and one count statement,
    // whatever the number of portfolios
    expect(counts).toEqual([5, 5]);
  });

  it("shows the two aliases really differ under one parent", async () => {
    const res = await app.ok(
      `query($id: ID!) { portfolio(id: $id) {
        x: initiatives(filter: {stages: [IDEA], includeDescendants: true}) { nodes { name } }
        y: initiatives(filter: {stages: [APPROVED], includeDescendants: true}) { nodes { name } }
        z: initiatives(filter: {stages: [IDEA]}) { nodes { name } }
      } }`,
      { id: t3.a },
    );
    expect({ x: names(res.portfolio.x), y: names(res.portfolio.y), z: names(res.portfolio.z) }).toEqual({
      x: inits(t3, "Alpha", "Foxtrot"),
      y: inits(t3, "Charlie", "Delta"),
      z: inits(t3, "Alpha"),
    });
  });
});
