import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, expectError, unknownId } from "../support/factories";

const app = useTestApp();

const FIELDS = `id statement baseline baselineAt target targetDate weight expectedBenefit state version initiative { id } metric { id }`;
const CREATE = `mutation($input: CreateOutcomeHypothesisInput!) { createOutcomeHypothesis(input: $input) { outcomeHypothesis { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateOutcomeHypothesisInput!) { updateOutcomeHypothesis(input: $input) { outcomeHypothesis { ${FIELDS} } } }`;

const read = async (id: string) => (await app.ok(`query($id: ID!) { outcomeHypothesis(id: $id) { ${FIELDS} } }`, { id })).outcomeHypothesis;
const update = (input: Record<string, unknown>) => app.gql(UPDATE, { input });

const BASE = { statement: "We believe", baseline: 100, baselineAt: "2026-01-01T00:00:00.000Z", target: 120, targetDate: "2026-12-31T00:00:00.000Z" };

/** An initiative and a metric of `direction`, ready for hypotheses. */
async function parents(direction = "INCREASE") {
  const initiative = await createInitiative(app);
  const metric = await createMetric(app, { direction });
  return { initiativeId: initiative.id, metricId: metric.id };
}

async function create(overrides: Record<string, unknown> = {}, direction = "INCREASE") {
  return app.gql(CREATE, { input: { ...BASE, ...(await parents(direction)), ...overrides } });
}

async function countByStatement(statement: string): Promise<number> {
  const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM outcome_hypothesis WHERE statement = $1", [statement]);
  return n;
}

describe("createOutcomeHypothesis", () => {
  it("stores every field, with the defaults weight 1, expectedBenefit 0 and state ACTIVE", async () => {
    const ids = await parents();
    const input = { ...BASE, ...ids, weight: 2.5, expectedBenefit: 50000.25, state: "DRAFT" };
    const h = (await app.ok(CREATE, { input })).createOutcomeHypothesis.outcomeHypothesis;
    expect(h).toEqual({
      ...BASE,
      id: h.id,
      weight: 2.5,
      expectedBenefit: 50000.25,
      state: "DRAFT",
      version: 1,
      initiative: { id: ids.initiativeId },
      metric: { id: ids.metricId },
    });
    expect(await read(h.id)).toEqual(h);

    const plain = (await app.ok(CREATE, { input: { ...BASE, ...ids } })).createOutcomeHypothesis.outcomeHypothesis;
    expect(plain).toMatchObject({ weight: 1, expectedBenefit: 0, state: "ACTIVE" });
  });

  it("accepts a lower target for a DECREASE metric", async () => {
    const res = await create({ baseline: 800, target: 200 }, "DECREASE");
    expect(res.data.createOutcomeHypothesis.outcomeHypothesis).toMatchObject({ baseline: 800, target: 200 });
  });

  it.each([
    ["INCREASE", "a target below the baseline", { target: 90 }, "input.target"],
    ["INCREASE", "a target equal to the baseline", { target: 100 }, "input.target"],
    ["DECREASE", "a target above the baseline", { target: 120 }, "input.target"],
    ["DECREASE", "a target equal to the baseline", { target: 100 }, "input.target"],
    ["INCREASE", "targetDate equal to baselineAt", { targetDate: BASE.baselineAt }, "input.targetDate"],
    ["INCREASE", "targetDate before baselineAt", { targetDate: "2025-12-31T23:59:59Z" }, "input.targetDate"],
    ["INCREASE", "weight 0", { weight: 0 }, "input.weight"],
    ["INCREASE", "a negative weight", { weight: -1 }, "input.weight"],
    ["INCREASE", "a negative expectedBenefit", { expectedBenefit: -1 }, "input.expectedBenefit"],
    ["INCREASE", "an expectedBenefit beyond numeric(18,2)", { expectedBenefit: 1e20 }, "input.expectedBenefit"],
    ["INCREASE", "an empty statement", { statement: "" }, "input.statement"],
  ])("%s metric: rejects %s with BAD_USER_INPUT", async (direction, label, overrides, field) => {
    const statement = `rejected: ${direction} ${label}`;
    const err = expectError(await create({ statement, ...overrides }, direction), "BAD_USER_INPUT", field);
    if (field === "input.target") expect(err.message).toMatch(direction === "INCREASE" ? /above/ : /below/);
    expect(await countByStatement(statement)).toBe(0);
  });

  it("answers unknown initiative and metric IDs with NOT_FOUND, and IDs of other types with BAD_USER_INPUT", async () => {
    const { initiativeId, metricId } = await parents();
    const input = { ...BASE, initiativeId, metricId };
    expectError(await app.gql(CREATE, { input: { ...input, initiativeId: unknownId("Initiative") } }), "NOT_FOUND", "input.initiativeId");
    expectError(await app.gql(CREATE, { input: { ...input, metricId: unknownId("Metric") } }), "NOT_FOUND", "input.metricId");
    expectError(await app.gql(CREATE, { input: { ...input, initiativeId: metricId } }), "BAD_USER_INPUT", "input.initiativeId");
    expectError(await app.gql(CREATE, { input: { ...input, metricId: initiativeId } }), "BAD_USER_INPUT", "input.metricId");
  });
});

describe("updateOutcomeHypothesis", () => {
  it("changes the state through its life, bumping the version", async () => {
    const h = await createHypothesis(app, { state: "DRAFT" });
    let version = 1;
    for (const state of ["ACTIVE", "VALIDATED", "INVALIDATED", "ABANDONED"]) {
      const res = await update({ id: h.id, expectedVersion: version, state });
      expect(res.data.updateOutcomeHypothesis.outcomeHypothesis).toMatchObject({ state, version: ++version });
    }
    expect(await read(h.id)).toMatchObject({ state: "ABANDONED", version: 5, statement: h.statement });
  });

  it("changes numbers and dates, checked against the stored values", async () => {
    const h = await createHypothesis(app, { baseline: 10, target: 20 });
    const res = await update({ id: h.id, target: 30, weight: 3, expectedBenefit: 1000, targetDate: "2027-06-30T00:00:00Z", statement: "Revised" });
    expect(res.data.updateOutcomeHypothesis.outcomeHypothesis).toMatchObject({
      baseline: 10,
      target: 30,
      weight: 3,
      expectedBenefit: 1000,
      targetDate: "2027-06-30T00:00:00.000Z",
      statement: "Revised",
      version: 2,
    });
  });

  it.each([
    ["a target on the wrong side of the stored baseline", { target: 5 }, "input.target"],
    ["a baseline moved above the stored target", { baseline: 25 }, "input.target"],
    ["a targetDate at or before the stored baselineAt", { targetDate: "2026-01-01T00:00:00Z" }, "input.targetDate"],
    ["a baselineAt after the stored targetDate", { baselineAt: "2027-01-01T00:00:00Z" }, "input.targetDate"],
    ["weight 0", { weight: 0 }, "input.weight"],
    ["a negative expectedBenefit", { expectedBenefit: -3 }, "input.expectedBenefit"],
    ["a null state", { state: null }, "input.state"],
    ["a null target", { target: null }, "input.target"],
  ])("rejects %s with BAD_USER_INPUT and changes nothing", async (_label, changes, field) => {
    const h = await createHypothesis(app, { baseline: 10, target: 20 });
    expectError(await update({ id: h.id, ...changes }), "BAD_USER_INPUT", field);
    expect(await read(h.id)).toMatchObject({
      baseline: 10,
      target: 20,
      weight: 1,
      state: "ACTIVE",
      targetDate: "2026-12-31T00:00:00.000Z",
      version: 1,
    });
  });

  it("checks the target against a new metric's direction", async () => {
    const h = await createHypothesis(app, { baseline: 10, target: 20 });
    const down = await createMetric(app, { direction: "DECREASE" });
    expectError(await update({ id: h.id, metricId: down.id }), "BAD_USER_INPUT", "input.target");
    const moved = await update({ id: h.id, metricId: down.id, target: 5 });
    expect(moved.data.updateOutcomeHypothesis.outcomeHypothesis).toMatchObject({ metric: { id: down.id }, target: 5, version: 2 });
    expectError(await update({ id: h.id, metricId: unknownId("Metric") }), "NOT_FOUND", "input.metricId");
  });

  it("answers a stale expectedVersion with CONFLICT and writes nothing", async () => {
    const h = await createHypothesis(app);
    await app.ok(UPDATE, { input: { id: h.id, weight: 2 } });
    expectError(await update({ id: h.id, expectedVersion: 1, state: "VALIDATED" }), "CONFLICT", "input.expectedVersion");
    expect(await read(h.id)).toMatchObject({ state: "ACTIVE", weight: 2, version: 2 });
    expect((await update({ id: h.id, expectedVersion: 2, state: "VALIDATED" })).data.updateOutcomeHypothesis.outcomeHypothesis).toMatchObject({
      state: "VALIDATED",
      version: 3,
    });
  });

  it("answers an unknown id with NOT_FOUND and a Metric's ID with BAD_USER_INPUT", async () => {
    expectError(await update({ id: unknownId("OutcomeHypothesis"), weight: 2 }), "NOT_FOUND", "input.id");
    const m = await createMetric(app);
    expectError(await update({ id: m.id, weight: 2 }), "BAD_USER_INPUT", "input.id");
  });
});
