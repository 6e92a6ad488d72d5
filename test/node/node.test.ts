import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError, insertMeasurements, unknownId } from "../support/factories";

const app = useTestApp();

/** What each type shows through `node`, so a wrong row or type cannot pass. */
const NODE_FIELDS = `__typename id
  ... on Portfolio { name }
  ... on Initiative { name }
  ... on Metric { key }
  ... on OutcomeHypothesis { statement }
  ... on Measurement { value source metric { key } }`;

interface World {
  portfolio: { id: string; name: string };
  initiative: { id: string; name: string };
  metric: { id: string; key: string };
  hypothesis: { id: string; statement: string };
  measurement: { id: string; value: number };
}

let w: World;

beforeAll(async () => {
  const portfolio = await createPortfolio(app);
  const initiative = await createInitiative(app, { portfolioId: portfolio.id });
  const metric = await createMetric(app, { portfolioId: portfolio.id });
  const hypothesis = await createHypothesis(app, { initiativeId: initiative.id, metricId: metric.id });
  await insertMeasurements(app, metric.key, [{ value: 42.5, observedAt: "2026-03-01T00:00:00Z", source: "erp" }]);
  const data = await app.ok(`query($id: ID!) { metric(id: $id) { measurements { nodes { id value } } } }`, { id: metric.id });
  const [measurement] = data.metric.measurements.nodes;
  w = { portfolio, initiative, metric, hypothesis, measurement };
});

function expected(): Record<keyof World, Record<string, unknown>> {
  return {
    portfolio: { __typename: "Portfolio", id: w.portfolio.id, name: w.portfolio.name },
    initiative: { __typename: "Initiative", id: w.initiative.id, name: w.initiative.name },
    metric: { __typename: "Metric", id: w.metric.id, key: w.metric.key },
    hypothesis: { __typename: "OutcomeHypothesis", id: w.hypothesis.id, statement: w.hypothesis.statement },
    measurement: { __typename: "Measurement", id: w.measurement.id, value: 42.5, source: "erp", metric: { key: w.metric.key } },
  };
}

describe("node(id)", () => {
  it.each(["portfolio", "initiative", "metric", "hypothesis", "measurement"] as const)("refetches the %s with the right __typename", async (kind) => {
    const data = await app.ok(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: w[kind].id });
    expect(data.node).toEqual(expected()[kind]);
  });

  it.each([
    ["an unknown Portfolio", () => unknownId("Portfolio")],
    ["an unknown Measurement", () => unknownId("Measurement")],
    ["an empty string", () => ""],
    ["plain text", () => "hello world"],
    ["base64 of an unknown type", () => Buffer.from("Widget:00000000-0000-4000-8000-000000000001").toString("base64url")],
    ["base64 of a bad key", () => Buffer.from("Portfolio:not-a-uuid").toString("base64url")],
    ["base64 of Measurement:0", () => Buffer.from("Measurement:0").toString("base64url")],
    ["base64 without a type", () => Buffer.from("42").toString("base64url")],
  ])("gives null for %s", async (_label, id) => {
    const res = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: id() });
    expect(res).toMatchObject({ data: { node: null } });
    expect(res.errors).toBeUndefined();
  });
});

describe("nodes(ids)", () => {
  it("refetches every type in the order given, null where there is none, in one statement per table", async () => {
    const e = expected();
    const ids = [w.measurement.id, "garbage", w.hypothesis.id, w.metric.id, unknownId("Initiative"), w.initiative.id, w.portfolio.id, w.portfolio.id];
    const res = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([e.measurement, null, e.hypothesis, e.metric, null, e.initiative, e.portfolio, e.portfolio]);
    // one batched statement per table; the measurement's metric comes from the Metric batch's cache
    expect(res.extensions!.sqlStatements).toBe(5);
  });

  it("returns an empty list for no IDs and refuses more than 500", async () => {
    expect((await app.ok(`{ nodes(ids: []) { id } }`)).nodes).toEqual([]);
    const ids = Array.from({ length: 501 }, () => w.portfolio.id);
    expectError(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }), "BAD_USER_INPUT", "ids");
  });
});

describe("typed root queries", () => {
  it("return each object by its ID", async () => {
    const data = await app.ok(
      `query($p: ID!, $i: ID!, $m: ID!, $h: ID!, $k: String!) {
        portfolio(id: $p) { id name }
        initiative(id: $i) { id name portfolio { id } }
        metric(id: $m) { id key }
        metricByKey(key: $k) { id key }
        outcomeHypothesis(id: $h) { id statement initiative { id } metric { id } }
      }`,
      { p: w.portfolio.id, i: w.initiative.id, m: w.metric.id, h: w.hypothesis.id, k: w.metric.key },
    );
    expect(data).toEqual({
      portfolio: { id: w.portfolio.id, name: w.portfolio.name },
      initiative: { id: w.initiative.id, name: w.initiative.name, portfolio: { id: w.portfolio.id } },
      metric: { id: w.metric.id, key: w.metric.key },
      metricByKey: { id: w.metric.id, key: w.metric.key },
      outcomeHypothesis: { id: w.hypothesis.id, statement: w.hypothesis.statement, initiative: { id: w.initiative.id }, metric: { id: w.metric.id } },
    });
  });

  it("return null for IDs and keys that do not exist", async () => {
    const data = await app.ok(
      `query($p: ID!, $i: ID!, $m: ID!, $h: ID!) {
        portfolio(id: $p) { id } initiative(id: $i) { id } metric(id: $m) { id }
        metricByKey(key: "no.such.key") { id } outcomeHypothesis(id: $h) { id }
      }`,
      { p: unknownId("Portfolio"), i: unknownId("Initiative"), m: unknownId("Metric"), h: unknownId("OutcomeHypothesis") },
    );
    expect(data).toEqual({ portfolio: null, initiative: null, metric: null, metricByKey: null, outcomeHypothesis: null });
  });

  it.each([
    ["initiative", () => w.portfolio.id, /Initiative/],
    ["portfolio", () => w.initiative.id, /Portfolio/],
    ["metric", () => w.hypothesis.id, /Metric/],
    ["outcomeHypothesis", () => w.measurement.id, /OutcomeHypothesis/],
    ["initiative", () => "garbage", /valid ID/],
  ])("%s(id:) with an ID of another type or a malformed one is BAD_USER_INPUT", async (field, id, message) => {
    const res = await app.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: id() });
    const err = expectError(res, "BAD_USER_INPUT", "id");
    expect(err.message).toMatch(message);
    expect(err.path).toEqual([field]);
  });
});
