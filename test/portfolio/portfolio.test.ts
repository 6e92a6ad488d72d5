import "reflect-metadata";
import { useTestApp } from "../support/app";
import { createInitiative, createMetric, createPortfolio, expectError, unknownId } from "../support/factories";

const app = useTestApp();

const CREATE = `mutation($input: CreatePortfolioInput!) {
  createPortfolio(input: $input) { portfolio { id name version parent { id } budget } }
}`;
const FIELDS = `id name description owner budget version archivedAt parent { id }`;
const UPDATE = `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { ${FIELDS} } } }`;
const ARCHIVE = `mutation($input: ArchivePortfolioInput!) { archivePortfolio(input: $input) { portfolio { ${FIELDS} } } }`;
const GET = `query($id: ID!) { portfolio(id: $id) { ${FIELDS} } }`;

const read = async (id: string) => (await app.ok(GET, { id })).portfolio;
const update = (input: Record<string, unknown>) => app.gql(UPDATE, { input });

/** A three-level chain root → mid → leaf. */
async function chain() {
  const root = await createPortfolio(app);
  const mid = await createPortfolio(app, { parentId: root.id });
  const leaf = await createPortfolio(app, { parentId: mid.id });
  return { root, mid, leaf };
}

describe("createPortfolio", () => {
  it("creates a root and a child and reads them back", async () => {
    const root = (await app.ok(CREATE, { input: { name: "Enterprise", budget: 1000000 } })).createPortfolio.portfolio;
    expect(root).toMatchObject({ name: "Enterprise", version: 1, parent: null, budget: 1000000 });
    const child = (await app.ok(CREATE, { input: { name: "Digital", parentId: root.id } })).createPortfolio.portfolio;
    expect(child.parent).toEqual({ id: root.id });
    const data = await app.ok(`query($id: ID!) { portfolio(id: $id) { name children { totalCount edges { node { name } } } } }`, { id: root.id });
    expect(data.portfolio).toEqual({ name: "Enterprise", children: { totalCount: 1, edges: [{ node: { name: "Digital" } }] } });
  });

  it("stores every field, with money as a Float", async () => {
    const p = (
      await app.ok(
        `mutation { createPortfolio(input: {name: "Ops", description: "Run the shop", owner: "COO", budget: 1234.56}) { portfolio { ${FIELDS} createdAt updatedAt } } }`,
      )
    ).createPortfolio.portfolio;
    expect(p).toMatchObject({ name: "Ops", description: "Run the shop", owner: "COO", budget: 1234.56, version: 1, archivedAt: null });
    expect(Date.parse(p.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await read(p.id)).toMatchObject({ name: "Ops", budget: 1234.56 });
  });

  it.each([
    ["an empty name", { name: "" }, "input.name"],
    ["a name of 201 characters", { name: "x".repeat(201) }, "input.name"],
    ["a negative budget", { name: "Neg", budget: -1 }, "input.budget"],
    ["a budget beyond numeric(18,2)", { name: "Huge", budget: 1e20 }, "input.budget"],
  ])("rejects %s as BAD_USER_INPUT", async (_label, input, field) => {
    expectError(await app.gql(CREATE, { input }), "BAD_USER_INPUT", field);
  });

  it("rejects an unknown parent (NOT_FOUND) and a parent of another type (BAD_USER_INPUT)", async () => {
    expectError(await app.gql(CREATE, { input: { name: "Orphan", parentId: unknownId("Portfolio") } }), "NOT_FOUND", "input.parentId");
    const metric = await createMetric(app);
    const err = expectError(await app.gql(CREATE, { input: { name: "Odd", parentId: metric.id } }), "BAD_USER_INPUT", "input.parentId");
    expect(err.message).toMatch(/Portfolio/);
    const total = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name IN ('Orphan', 'Odd')");
    expect(total[0].n).toBe(0);
  });
});

describe("updatePortfolio", () => {
  it("changes fields, bumps the version, and clears with null", async () => {
    const p = await createPortfolio(app, { owner: "Ann", budget: 10 });
    const res = await update({ id: p.id, expectedVersion: 1, name: "Renamed", description: "New", budget: null });
    expect(res.errors).toBeUndefined();
    expect(res.data.updatePortfolio.portfolio).toMatchObject({ name: "Renamed", description: "New", owner: "Ann", budget: null, version: 2 });
    expect(await read(p.id)).toMatchObject({ name: "Renamed", owner: "Ann", budget: null, version: 2 });
    expectError(await update({ id: p.id, name: null }), "BAD_USER_INPUT", "input.name");
  });

  it("moves a portfolio under another parent and back to the root", async () => {
    const { root, leaf } = await chain();
    const other = await createPortfolio(app);
    const moved = (await update({ id: leaf.id, parentId: other.id })).data.updatePortfolio.portfolio;
    expect(moved).toMatchObject({ parent: { id: other.id }, version: 2 });
    const kids = await app.ok(`query($id: ID!) { portfolio(id: $id) { children { totalCount nodes { id } } } }`, { id: other.id });
    expect(kids.portfolio.children).toEqual({ totalCount: 1, nodes: [{ id: leaf.id }] });
    const rooted = (await update({ id: leaf.id, parentId: null })).data.updatePortfolio.portfolio;
    expect(rooted).toMatchObject({ parent: null, version: 3 });
    expect((await read(root.id)).parent).toBeNull();
  });

  it.each(["itself", "its child", "its grandchild"])("refuses to move a portfolio under %s, changing nothing", async (target) => {
    const { root, mid, leaf } = await chain();
    const parentId = { itself: root.id, "its child": mid.id, "its grandchild": leaf.id }[target];
    const err = expectError(await update({ id: root.id, parentId, name: "Moved" }), "BAD_USER_INPUT", "input.parentId");
    expect(err.message).toMatch(/descendant/);
    expect(await read(root.id)).toMatchObject({ parent: null, name: root.name, version: 1 });
    expect((await read(leaf.id)).parent).toEqual({ id: mid.id });
  });

  it("refuses an unknown new parent with NOT_FOUND", async () => {
    const p = await createPortfolio(app);
    expectError(await update({ id: p.id, parentId: unknownId("Portfolio") }), "NOT_FOUND", "input.parentId");
    expect((await read(p.id)).version).toBe(1);
  });

  it("answers a stale expectedVersion with CONFLICT and writes nothing", async () => {
    const p = await createPortfolio(app, { name: "Stable" });
    await app.ok(UPDATE, { input: { id: p.id, owner: "Bo" } });
    expectError(await update({ id: p.id, expectedVersion: 1, name: "Lost update" }), "CONFLICT", "input.expectedVersion");
    expect(await read(p.id)).toMatchObject({ name: "Stable", owner: "Bo", version: 2 });
    const ok = await update({ id: p.id, expectedVersion: 2, name: "Won" });
    expect(ok.data.updatePortfolio.portfolio).toMatchObject({ name: "Won", version: 3 });
  });

  it("answers an unknown id with NOT_FOUND and an id of another type with BAD_USER_INPUT", async () => {
    expectError(await update({ id: unknownId("Portfolio"), name: "x" }), "NOT_FOUND", "input.id");
    const initiative = await createInitiative(app);
    expectError(await update({ id: initiative.id, name: "x" }), "BAD_USER_INPUT", "input.id");
    expect((await app.ok(`query($id: ID!) { initiative(id: $id) { name version } }`, { id: initiative.id })).initiative).toEqual({
      name: initiative.name,
      version: 1,
    });
  });
});

describe("archivePortfolio", () => {
  const LIST = `query($filter: PortfolioFilter) { portfolios(filter: $filter) { totalCount nodes { id } } }`;

  it("hides archived portfolios unless includeArchived, and restores them", async () => {
    const p = await createPortfolio(app, { name: "Archive me zq" });
    const filter = { nameContains: "archive me zq" };
    const archived = (await app.ok(ARCHIVE, { input: { id: p.id } })).archivePortfolio.portfolio;
    expect(archived.version).toBe(2);
    expect(Date.parse(archived.archivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await app.ok(LIST, { filter })).portfolios).toEqual({ totalCount: 0, nodes: [] });
    expect((await app.ok(LIST, { filter: { ...filter, includeArchived: true } })).portfolios).toEqual({ totalCount: 1, nodes: [{ id: p.id }] });
    expect((await read(p.id)).archivedAt).toBe(archived.archivedAt);

    const restored = (await app.ok(ARCHIVE, { input: { id: p.id, archived: false, expectedVersion: 2 } })).archivePortfolio.portfolio;
    expect(restored).toMatchObject({ archivedAt: null, version: 3 });
    expect((await app.ok(LIST, { filter })).portfolios).toEqual({ totalCount: 1, nodes: [{ id: p.id }] });
  });

  it("hides archived children from Portfolio.children too", async () => {
    const parent = await createPortfolio(app);
    const [a, b] = [await createPortfolio(app, { parentId: parent.id }), await createPortfolio(app, { parentId: parent.id })];
    await app.ok(ARCHIVE, { input: { id: a.id } });
    const q = `query($id: ID!, $all: Boolean!) { portfolio(id: $id) { children(filter: {includeArchived: $all}) { totalCount nodes { id } } } }`;
    expect((await app.ok(q, { id: parent.id, all: false })).portfolio.children).toEqual({ totalCount: 1, nodes: [{ id: b.id }] });
    expect((await app.ok(q, { id: parent.id, all: true })).portfolio.children.totalCount).toBe(2);
  });

  it("answers a stale version with CONFLICT and an unknown id with NOT_FOUND", async () => {
    const p = await createPortfolio(app);
    expectError(await app.gql(ARCHIVE, { input: { id: p.id, expectedVersion: 7 } }), "CONFLICT", "input.expectedVersion");
    expect(await read(p.id)).toMatchObject({ archivedAt: null, version: 1 });
    expectError(await app.gql(ARCHIVE, { input: { id: unknownId("Portfolio") } }), "NOT_FOUND", "input.id");
  });
});
