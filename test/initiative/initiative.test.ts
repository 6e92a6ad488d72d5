import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError, unknownId } from "../support/factories";

const app = useTestApp();

const FIELDS = `id name description owner sponsor stage budget actualCost startDate targetDate tags version portfolio { id }`;
const CREATE = `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { ${FIELDS} } } }`;

const read = async (id: string) => (await app.ok(`query($id: ID!) { initiative(id: $id) { ${FIELDS} } }`, { id })).initiative;
const create = (input: Record<string, unknown>) => app.gql(CREATE, { input });
const update = (input: Record<string, unknown>) => app.gql(UPDATE, { input });

describe("createInitiative", () => {
  it("creates an initiative with hypotheses and reads them through the portfolio", async () => {
    const p = await createPortfolio(app);
    const i = await createInitiative(app, { portfolioId: p.id, budget: 500, tags: ["growth"] });
    const m = await createMetric(app, { portfolioId: p.id });
    await createHypothesis(app, { initiativeId: i.id, metricId: m.id });
    const data = await app.ok(
      `query($id: ID!) { portfolio(id: $id) { initiatives { totalCount nodes { name budget tags hypotheses { totalCount nodes { metric { key } initiative { id } } } } } } }`,
      { id: p.id },
    );
    expect(data.portfolio.initiatives.totalCount).toBe(1);
    expect(data.portfolio.initiatives.nodes[0]).toMatchObject({
      budget: 500,
      tags: ["growth"],
      hypotheses: { totalCount: 1, nodes: [{ metric: { key: m.key }, initiative: { id: i.id } }] },
    });
  });

  it("stores every field and defaults stage to IDEA and tags to []", async () => {
    const p = await createPortfolio(app);
    const input = {
      portfolioId: p.id,
      name: "CRM replacement",
      description: "Move off the old CRM",
      owner: "IT",
      sponsor: "Sales VP",
      stage: "APPROVED",
      budget: 250000.5,
      actualCost: 1000,
      startDate: "2026-02-01",
      targetDate: "2026-02-01",
      tags: ["crm", "sales"],
    };
    const created = (await create(input)).data.createInitiative.initiative;
    const { portfolioId, ...rest } = input;
    expect(created).toMatchObject({ ...rest, version: 1, portfolio: { id: portfolioId } });
    expect(await read(created.id)).toEqual(created);

    const bare = (await create({ portfolioId: p.id, name: "Bare" })).data.createInitiative.initiative;
    expect(bare).toMatchObject({ stage: "IDEA", tags: [], budget: null, actualCost: null, startDate: null, targetDate: null });
  });

  it.each([
    ["targetDate before startDate", { startDate: "2026-03-02", targetDate: "2026-03-01" }, "input.targetDate"],
    ["a negative budget", { budget: -0.01 }, "input.budget"],
    ["a negative actualCost", { actualCost: -5 }, "input.actualCost"],
    ["a budget beyond numeric(18,2)", { budget: 1e20 }, "input.budget"],
    ["an empty name", { name: "" }, "input.name"],
    ["an empty tag", { tags: ["ok", ""] }, "input.tags"],
  ])("rejects %s with BAD_USER_INPUT and stores nothing", async (_label, overrides, field) => {
    const p = await createPortfolio(app);
    expectError(await create({ portfolioId: p.id, name: "Rejected", ...overrides }), "BAD_USER_INPUT", field);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM initiative WHERE name = 'Rejected'");
    expect(n).toBe(0);
  });

  it("rejects an impossible calendar date before any resolver runs", async () => {
    const p = await createPortfolio(app);
    const res = await create({ portfolioId: p.id, name: "Leap", startDate: "2026-02-30" });
    expectError(res, "BAD_USER_INPUT");
  });

  it("answers an unknown portfolioId with NOT_FOUND and a Metric's ID with BAD_USER_INPUT", async () => {
    expectError(await create({ portfolioId: unknownId("Portfolio"), name: "Lost" }), "NOT_FOUND", "input.portfolioId");
    const m = await createMetric(app);
    const err = expectError(await create({ portfolioId: m.id, name: "Lost" }), "BAD_USER_INPUT", "input.portfolioId");
    expect(err.message).toMatch(/Portfolio/);
    expectError(await create({ portfolioId: "not an id", name: "Lost" }), "BAD_USER_INPUT", "input.portfolioId");
  });
});

describe("updateInitiative", () => {
  it("does not take a stage: stages change only through decisions (recordDecision)", async () => {
    const i = await createInitiative(app);
    // the input type has no such field: the variables are refused before anything runs
    expectError(await update({ id: i.id, stage: "APPROVED" }), "BAD_USER_INPUT");
    expect(await read(i.id)).toMatchObject({ stage: "IDEA", version: 1 });
  });

  it("changes money, dates, tags and portfolio; null clears optional fields", async () => {
    const i = await createInitiative(app, { budget: 100, startDate: "2026-01-01", targetDate: "2026-06-30", tags: ["a"], owner: "Ann" });
    const other = await createPortfolio(app);
    const res = await update({ id: i.id, budget: 200, actualCost: 50.25, targetDate: "2026-12-31", tags: ["b", "c"], portfolioId: other.id });
    expect(res.data.updateInitiative.initiative).toMatchObject({
      budget: 200,
      actualCost: 50.25,
      startDate: "2026-01-01",
      targetDate: "2026-12-31",
      tags: ["b", "c"],
      owner: "Ann",
      portfolio: { id: other.id },
      version: 2,
    });
    const cleared = await update({ id: i.id, budget: null, startDate: null, owner: null, tags: null });
    expect(cleared.data.updateInitiative.initiative).toMatchObject({
      budget: null,
      startDate: null,
      owner: null,
      tags: [],
      targetDate: "2026-12-31",
      version: 3,
    });
  });

  it("checks dates against the stored values and changes nothing when they conflict", async () => {
    const i = await createInitiative(app, { startDate: "2026-05-01", targetDate: "2026-09-01" });
    expectError(await update({ id: i.id, targetDate: "2026-04-30" }), "BAD_USER_INPUT", "input.targetDate");
    expectError(await update({ id: i.id, startDate: "2026-09-02" }), "BAD_USER_INPUT", "input.targetDate");
    expect(await read(i.id)).toMatchObject({ startDate: "2026-05-01", targetDate: "2026-09-01", version: 1 });
  });

  it.each([
    ["a negative budget", { budget: -1 }, "BAD_USER_INPUT", "input.budget"],
    ["a negative actualCost", { actualCost: -1 }, "BAD_USER_INPUT", "input.actualCost"],
    ["a null name", { name: null }, "BAD_USER_INPUT", "input.name"],
    ["a null portfolioId", { portfolioId: null }, "BAD_USER_INPUT", "input.portfolioId"],
    ["an unknown portfolioId", { portfolioId: unknownId("Portfolio") }, "NOT_FOUND", "input.portfolioId"],
  ])("rejects %s and changes nothing", async (_label, changes, code, field) => {
    const i = await createInitiative(app, { budget: 10, actualCost: 1 });
    expectError(await update({ id: i.id, ...changes }), code, field);
    expect(await read(i.id)).toMatchObject({ name: i.name, stage: "IDEA", budget: 10, actualCost: 1, portfolio: i.portfolio, version: 1 });
  });

  it("rejects a Metric's ID as portfolioId", async () => {
    const i = await createInitiative(app);
    const m = await createMetric(app);
    expectError(await update({ id: i.id, portfolioId: m.id }), "BAD_USER_INPUT", "input.portfolioId");
  });

  it("answers a stale expectedVersion with CONFLICT and writes nothing", async () => {
    const i = await createInitiative(app, { name: "Before" });
    await app.ok(UPDATE, { input: { id: i.id, sponsor: "CFO" } });
    expectError(await update({ id: i.id, expectedVersion: 1, name: "After", owner: "Someone" }), "CONFLICT", "input.expectedVersion");
    expect(await read(i.id)).toMatchObject({ name: "Before", stage: "IDEA", sponsor: "CFO", version: 2 });
    expect((await update({ id: i.id, expectedVersion: 2, name: "After" })).data.updateInitiative.initiative).toMatchObject({
      name: "After",
      version: 3,
    });
  });

  it("answers an unknown id with NOT_FOUND and a Portfolio's ID with BAD_USER_INPUT", async () => {
    expectError(await update({ id: unknownId("Initiative"), name: "x" }), "NOT_FOUND", "input.id");
    const p = await createPortfolio(app);
    expectError(await update({ id: p.id, name: "x" }), "BAD_USER_INPUT", "input.id");
  });
});
