import { useTestApp } from "../support/app";
import { createInitiative, createPortfolio, expectError } from "../support/factories";

const app = useTestApp();

const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $filter: InitiativeFilter, $orderBy: InitiativeOrder) {
  initiatives(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { name stage }
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  totalCount: number;
  nodes: Array<{ name: string; stage: string }>;
  edges: Array<{ cursor: string; node: { name: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const list = async (vars: Record<string, unknown>): Promise<Page> => (await app.ok(LIST, vars)).initiatives;
const names = (p: Page) => p.nodes.map((n) => n.name);

/** Walks a list to its end, `size` at a time, forwards (first/after) or backwards (last/before). */
async function walk(vars: Record<string, unknown>, size: number, backward = false): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await list(backward ? { ...vars, last: size, before: cursor } : { ...vars, first: size, after: cursor });
    pages.push(page);
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) return pages;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    if (pages.length > 20) throw new Error("walk does not end");
  }
}

const STAGES = ["IDEA", "PROPOSED", "APPROVED", "IN_DELIVERY", "DELIVERED", "CLOSED", "STOPPED"];
// created in this order, so creation order differs from name order
const ORDER = [7, 2, 11, 5, 1, 12, 9, 3, 8, 10, 4, 6];
const NAMES = [...ORDER].sort((a, b) => a - b).map((n) => `Item ${String(n).padStart(2, "0")}`);
let portfolioId: string;

beforeAll(async () => {
  portfolioId = (await createPortfolio(app, { name: "Paged" })).id;
  for (const n of ORDER) {
    const tags = [n % 2 ? "odd" : "even", ...(n % 3 === 0 ? ["three"] : [])];
    await createInitiative(app, { portfolioId, name: `Item ${String(n).padStart(2, "0")}`, stage: STAGES[n % STAGES.length], tags });
  }
});

describe("forward and backward", () => {
  it("pages forward with first:5 through all 12 in name order, without duplicates", async () => {
    const pages = await walk({ filter: { portfolioId } }, 5);
    expect(pages.map(names)).toEqual([NAMES.slice(0, 5), NAMES.slice(5, 10), NAMES.slice(10)]);
    expect(pages.map((p) => p.totalCount)).toEqual([12, 12, 12]);
    expect(pages.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    for (const p of pages) {
      expect(p.pageInfo.startCursor).toBe(p.edges[0].cursor);
      expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1].cursor);
      expect(p.edges.map((e) => e.node.name)).toEqual(names(p));
    }
  });

  it("pages backward with last:5 from the end through the same set", async () => {
    const pages = await walk({ filter: { portfolioId } }, 5, true);
    expect(pages.map(names)).toEqual([NAMES.slice(7), NAMES.slice(2, 7), NAMES.slice(0, 2)]);
    expect(pages.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
    expect(pages.reverse().flatMap(names)).toEqual(NAMES);
  });

  it("goes back from a forward page's cursor to the page before it", async () => {
    const [, second] = await walk({ filter: { portfolioId } }, 5);
    const back = await list({ filter: { portfolioId }, last: 5, before: second.pageInfo.startCursor });
    expect(names(back)).toEqual(NAMES.slice(0, 5));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const after = await list({ filter: { portfolioId }, first: 3, after: second.pageInfo.endCursor });
    expect(names(after)).toEqual(NAMES.slice(10));
  });

  it("returns the default page of 50 and accepts the maximum of 500", async () => {
    const p = await list({ filter: { portfolioId } });
    expect(names(p)).toEqual(NAMES);
    expect(p.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(names(await list({ filter: { portfolioId }, first: 500 }))).toEqual(NAMES);
  });
});

describe("cursors are read only when asked for", () => {
  // a page selects its rows' sort keys only when the operation reads a cursor, wherever it is
  // asked: directly, in a named fragment, in an inline fragment, under an alias
  const forms = [
    [
      "pageInfo.endCursor in a named fragment",
      `fragment P on InitiativeConnection { pageInfo { hasNextPage endCursor } }`,
      `...P`,
      (p: any) => p.pageInfo.endCursor,
    ],
    [
      "edges.cursor in an inline fragment, aliased",
      ``,
      `... on InitiativeConnection { edges { c: cursor } pageInfo { hasNextPage } }`,
      (p: any) => p.edges[p.edges.length - 1].c,
    ],
    ["pageInfo.endCursor directly", ``, `pageInfo { hasNextPage endCursor }`, (p: any) => p.pageInfo.endCursor],
  ] as const;

  it.each(forms)("%s: the cursor pages on exactly like the plain list", async (_label, fragment, selection, cursorOf) => {
    const q = `query($after: String) { initiatives(first: 5, after: $after, filter: { portfolioId: "${portfolioId}" }) { nodes { name } ${selection} } } ${fragment}`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: any = (await app.ok(q, { after })).initiatives;
      seen.push(...page.nodes.map((n: { name: string }) => n.name));
      if (!page.pageInfo.hasNextPage) break;
      after = cursorOf(page);
    }
    expect(seen).toEqual(NAMES);
  });

  it("a page that asks for no cursor still says whether there is more", async () => {
    const page = (
      await app.ok(`{ initiatives(first: 5, filter: { portfolioId: "${portfolioId}" }) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }`)
    ).initiatives;
    expect(page).toEqual({ nodes: NAMES.slice(0, 5).map((name) => ({ name })), pageInfo: { hasNextPage: true, hasPreviousPage: false } });
  });
});

describe("orderBy", () => {
  it("NAME DESC, both ways", async () => {
    const orderBy = { field: "NAME", direction: "DESC" };
    const forward = await walk({ filter: { portfolioId }, orderBy }, 5);
    expect(forward.flatMap(names)).toEqual([...NAMES].reverse());
    const backward = await walk({ filter: { portfolioId }, orderBy }, 4, true);
    expect(backward.map(names)).toEqual([NAMES.slice(0, 4).reverse(), NAMES.slice(4, 8).reverse(), NAMES.slice(8).reverse()]);
  });

  it("CREATED_AT, ascending and descending", async () => {
    const created = ORDER.map((n) => `Item ${String(n).padStart(2, "0")}`);
    const asc = await walk({ filter: { portfolioId }, orderBy: { field: "CREATED_AT" } }, 5);
    expect(asc.flatMap(names)).toEqual(created);
    const desc = await walk({ filter: { portfolioId }, orderBy: { field: "CREATED_AT", direction: "DESC" } }, 5, true);
    expect(desc.reverse().flatMap(names)).toEqual([...created].reverse());
  });

  it("STAGE in life-cycle order (ties by id), the same in pages of 3 as in one page", async () => {
    const orderBy = { field: "STAGE" };
    const whole = (await list({ filter: { portfolioId }, orderBy })).nodes;
    expect(whole.map((n) => STAGES.indexOf(n.stage))).toEqual([...whole.map((n) => STAGES.indexOf(n.stage))].sort((a, b) => a - b));
    expect(new Set(whole.map((n) => n.stage)).size).toBe(7);
    expect((await walk({ filter: { portfolioId }, orderBy }, 3)).flatMap(names)).toEqual(whole.map((n) => n.name));
    const back = await walk({ filter: { portfolioId }, orderBy: { field: "STAGE", direction: "DESC" } }, 3, true);
    expect(back.reverse().flatMap(names)).toEqual(whole.map((n) => n.name).reverse());
  });
});

describe("filters", () => {
  it.each([
    ["stages", { stages: ["IDEA", "STOPPED"] }, (n: number) => [0, 6].includes(n % 7)],
    ["one tag", { tags: ["odd"] }, (n: number) => n % 2 === 1],
    ["all of several tags", { tags: ["even", "three"] }, (n: number) => n % 6 === 0],
    ["nameContains, case-insensitive", { nameContains: "iTEM 1" }, (n: number) => n >= 10],
    [
      "stages and tags together",
      { stages: ["PROPOSED", "APPROVED", "IN_DELIVERY"], tags: ["odd"] },
      (n: number) => n % 2 === 1 && [1, 2, 3].includes(n % 7),
    ],
  ])("%s, with totalCount over all pages", async (_label, filter, keep) => {
    const want = NAMES.filter((_, i) => keep(i + 1));
    expect(want.length).toBeGreaterThan(0);
    const pages = await walk({ filter: { portfolioId, ...filter } }, 2);
    expect(pages.flatMap(names)).toEqual(want);
    expect(pages[0].totalCount).toBe(want.length);
  });

  it("nameContains treats % and _ literally", async () => {
    const p = await createPortfolio(app);
    await createInitiative(app, { portfolioId: p.id, name: "Grow 50% faster" });
    await createInitiative(app, { portfolioId: p.id, name: "Grow 500 faster" });
    await createInitiative(app, { portfolioId: p.id, name: "snake_case" });
    await createInitiative(app, { portfolioId: p.id, name: "snakeXcase" });
    expect(names(await list({ filter: { portfolioId: p.id, nameContains: "50%" } }))).toEqual(["Grow 50% faster"]);
    expect(names(await list({ filter: { portfolioId: p.id, nameContains: "e_c" } }))).toEqual(["snake_case"]);
  });

  it("portfolioId with includeDescendants covers a 3-level tree", async () => {
    const root = await createPortfolio(app);
    const mid = await createPortfolio(app, { parentId: root.id });
    const leaf = await createPortfolio(app, { parentId: mid.id });
    const sibling = await createPortfolio(app);
    for (const [p, name] of [
      [root, "T root"],
      [mid, "T mid"],
      [leaf, "T leaf"],
      [sibling, "T sibling"],
    ] as const) {
      await createInitiative(app, { portfolioId: p.id, name });
    }
    const at = async (id: string, includeDescendants: boolean) => {
      const page = await list({ filter: { portfolioId: id, includeDescendants }, first: 2 });
      const all = (await walk({ filter: { portfolioId: id, includeDescendants } }, 2)).flatMap(names);
      return { totalCount: page.totalCount, all };
    };
    expect(await at(root.id, true)).toEqual({ totalCount: 3, all: ["T leaf", "T mid", "T root"] });
    expect(await at(root.id, false)).toEqual({ totalCount: 1, all: ["T root"] });
    expect(await at(mid.id, true)).toEqual({ totalCount: 2, all: ["T leaf", "T mid"] });
    expect(await at(leaf.id, true)).toEqual({ totalCount: 1, all: ["T leaf"] });
  });
});

describe("cursors under inserts", () => {
  it("neither repeats nor skips when rows are inserted before and after the cursor", async () => {
    const p = await createPortfolio(app);
    for (const n of ["B", "D", "F", "H", "J", "L"]) await createInitiative(app, { portfolioId: p.id, name: n });
    const filter = { portfolioId: p.id };
    const first = await list({ filter, first: 3 });
    expect(names(first)).toEqual(["B", "D", "F"]);
    await createInitiative(app, { portfolioId: p.id, name: "A" }); // sorts before the cursor
    await createInitiative(app, { portfolioId: p.id, name: "C" }); // sorts before the cursor
    await createInitiative(app, { portfolioId: p.id, name: "G" }); // sorts after it
    const second = await list({ filter, first: 3, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(["G", "H", "J"]);
    expect(second.totalCount).toBe(9);

    await createInitiative(app, { portfolioId: p.id, name: "K" }); // after the backward cursor
    const back = await list({ filter, last: 3, before: second.pageInfo.startCursor });
    expect(names(back)).toEqual(["C", "D", "F"]);
  });

  it("keeps its place when the row at the cursor changes", async () => {
    const p = await createPortfolio(app);
    const rows: Array<{ id: string }> = [];
    for (const n of ["P1", "P2", "P3", "P4"]) rows.push(await createInitiative(app, { portfolioId: p.id, name: n }));
    const first = await list({ filter: { portfolioId: p.id }, first: 2 });
    await app.ok(`mutation($id: ID!) { updateInitiative(input: {id: $id, name: "P9"}) { initiative { id } } }`, { id: rows[1].id });
    expect(names(await list({ filter: { portfolioId: p.id }, first: 5, after: first.pageInfo.endCursor }))).toEqual(["P3", "P4", "P9"]);
  });
});

describe("limits and bad cursors", () => {
  it.each([
    ["first: 501", { first: 501 }, "first"],
    ["last: 501", { last: 501 }, "last"],
    ["first: -1", { first: -1 }, "first"],
    ["first and last together", { first: 1, last: 1 }, "first"],
    ["a cursor that is not base64 JSON", { after: "garbage!!" }, "after"],
    ["a before cursor that is not base64 JSON", { last: 2, before: "bm90IGpzb24" }, "before"],
    ["a cursor of the wrong shape", { after: Buffer.from(JSON.stringify({ a: 1 })).toString("base64url") }, "after"],
    ["a cursor with a made-up id", { after: Buffer.from(JSON.stringify(["Item", "not-a-uuid"])).toString("base64url") }, "after"],
  ])("%s is BAD_USER_INPUT", async (_label, vars, field) => {
    expectError(await app.gql(LIST, { filter: { portfolioId }, ...vars }), "BAD_USER_INPUT", field);
  });

  it("a cursor taken from another order is BAD_USER_INPUT, not an internal error", async () => {
    const byName = await list({ filter: { portfolioId }, first: 2 });
    const res = await app.gql(LIST, { filter: { portfolioId }, orderBy: { field: "CREATED_AT" }, first: 2, after: byName.pageInfo.endCursor });
    expectError(res, "BAD_USER_INPUT", "after");
  });

  it("first: 0 returns no edges", async () => {
    const p = await list({ filter: { portfolioId }, first: 0 });
    expect(p).toMatchObject({ totalCount: 12, nodes: [], pageInfo: { startCursor: null, endCursor: null } });
  });
});
