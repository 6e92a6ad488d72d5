import { useTestApp } from "../support/app";
import { createHypothesis, createMetric, createPortfolio, expectError, unknownId } from "../support/factories";

const app = useTestApp();

const FIELDS = `id key name description unit direction aggregation cadence version portfolio { id }`;
const CREATE = `mutation($input: CreateMetricInput!) { createMetric(input: $input) { metric { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateMetricInput!) { updateMetric(input: $input) { metric { ${FIELDS} } } }`;

const read = async (id: string) => (await app.ok(`query($id: ID!) { metric(id: $id) { ${FIELDS} } }`, { id })).metric;
const update = (input: Record<string, unknown>) => app.gql(UPDATE, { input });

async function create(overrides: Record<string, unknown>) {
  const portfolioId = overrides.portfolioId ?? (await createPortfolio(app)).id;
  return app.gql(CREATE, { input: { key: "k", name: "A metric", direction: "INCREASE", ...overrides, portfolioId } });
}

describe("createMetric", () => {
  it("stores every field, defaults aggregation to LAST, and is found by key", async () => {
    const p = await createPortfolio(app);
    const input = {
      key: "sales.conversion_rate-v2",
      name: "Conversion",
      description: "Orders / visits",
      unit: "%",
      direction: "DECREASE",
      aggregation: "AVERAGE",
      cadence: "WEEKLY",
    };
    const res = await create({ ...input, portfolioId: p.id });
    expect(res.errors).toBeUndefined();
    const m = res.data.createMetric.metric;
    expect(m).toEqual({ ...input, id: m.id, version: 1, portfolio: { id: p.id } });
    expect((await app.ok(`query($k: String!) { metricByKey(key: $k) { id } }`, { k: input.key })).metricByKey).toEqual({ id: m.id });

    const bare = (await create({ key: "bare", portfolioId: p.id })).data.createMetric.metric;
    expect(bare).toMatchObject({ aggregation: "LAST", cadence: null, unit: null, description: null });
  });

  it("answers a key already taken with CONFLICT on input.key, keeping the first", async () => {
    const first = await createMetric(app, { key: "revenue.monthly", name: "First" });
    const err = expectError(await create({ key: "revenue.monthly", name: "Second" }), "CONFLICT", "input.key");
    expect(err.message).toContain("revenue.monthly");
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM metric WHERE key = 'revenue.monthly'");
    expect(n).toBe(1);
    expect((await read(first.id)).name).toBe("First");
  });

  it.each([
    ["upper case", "Revenue"],
    ["a leading dash", "-starts-with-dash"],
    ["a space", "has space"],
    ["empty", ""],
    ["101 characters", "a".repeat(101)],
    ["non-ASCII", "ümlaut"],
  ])("rejects a key that is %s with BAD_USER_INPUT", async (_label, key) => {
    expectError(await create({ key }), "BAD_USER_INPUT", "input.key");
  });

  it("accepts a key of 100 characters", async () => {
    const key = "a".repeat(100);
    expect((await create({ key })).data.createMetric.metric.key).toBe(key);
  });

  it.each([
    ["an empty name", { key: "bad.name", name: "" }, "BAD_USER_INPUT", "input.name"],
    ["a unit over 50 characters", { key: "bad.unit", unit: "u".repeat(51) }, "BAD_USER_INPUT", "input.unit"],
    ["an unknown portfolio", { key: "bad.portfolio", portfolioId: unknownId("Portfolio") }, "NOT_FOUND", "input.portfolioId"],
  ])("rejects %s", async (_label, overrides, code, field) => {
    expectError(await create(overrides), code, field);
  });
});

describe("updateMetric", () => {
  it("changes fields, keeps the key, and bumps the version", async () => {
    const m = await createMetric(app, { unit: "USD", cadence: "MONTHLY" });
    const other = await createPortfolio(app);
    const res = await update({
      id: m.id,
      expectedVersion: 1,
      name: "Renamed",
      aggregation: "SUM",
      cadence: null,
      portfolioId: other.id,
      direction: "DECREASE",
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateMetric.metric).toMatchObject({
      key: m.key,
      name: "Renamed",
      unit: "USD",
      aggregation: "SUM",
      cadence: null,
      direction: "DECREASE",
      portfolio: { id: other.id },
      version: 2,
    });
    expect(await read(m.id)).toEqual(res.data.updateMetric.metric);
  });

  it("refuses a direction change while hypotheses use the metric, changing nothing", async () => {
    const m = await createMetric(app, { direction: "INCREASE" });
    await createHypothesis(app, { metricId: m.id, baseline: 1, target: 2 });
    expectError(await update({ id: m.id, direction: "DECREASE", name: "Flipped" }), "BAD_USER_INPUT", "input.direction");
    expect(await read(m.id)).toMatchObject({ direction: "INCREASE", name: m.name, version: 1 });
    // the same direction is not a change
    expect((await update({ id: m.id, direction: "INCREASE", name: "Same way" })).data.updateMetric.metric).toMatchObject({
      direction: "INCREASE",
      version: 2,
    });
  });

  it("answers a stale expectedVersion with CONFLICT and writes nothing", async () => {
    const m = await createMetric(app, { name: "Original" });
    await app.ok(UPDATE, { input: { id: m.id, unit: "ms" } });
    expectError(await update({ id: m.id, expectedVersion: 1, name: "Lost" }), "CONFLICT", "input.expectedVersion");
    expect(await read(m.id)).toMatchObject({ name: "Original", unit: "ms", version: 2 });
    expect((await update({ id: m.id, expectedVersion: 2, name: "Kept" })).data.updateMetric.metric).toMatchObject({ name: "Kept", version: 3 });
  });

  it.each([
    ["a null name", { name: null }, "BAD_USER_INPUT", "input.name"],
    ["a null direction", { direction: null }, "BAD_USER_INPUT", "input.direction"],
    ["an empty name", { name: "" }, "BAD_USER_INPUT", "input.name"],
    ["an unknown portfolio", { portfolioId: unknownId("Portfolio") }, "NOT_FOUND", "input.portfolioId"],
  ])("rejects %s and changes nothing", async (_label, changes, code, field) => {
    const m = await createMetric(app);
    expectError(await update({ id: m.id, ...changes }), code, field);
    expect(await read(m.id)).toMatchObject({ name: m.name, direction: m.direction, version: 1 });
  });

  it("answers an unknown id with NOT_FOUND and a hypothesis's ID with BAD_USER_INPUT", async () => {
    expectError(await update({ id: unknownId("Metric"), name: "x" }), "NOT_FOUND", "input.id");
    const h = await createHypothesis(app);
    expectError(await update({ id: h.id, name: "x" }), "BAD_USER_INPUT", "input.id");
  });
});
