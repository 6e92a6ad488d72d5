import { useTestApp } from "../support/app";
import { captureLog } from "../support/log-capture";
import { createHypothesis, createInitiative, createMetric, createPortfolio, expectError, expectNoLeak } from "../support/factories";

const app = useTestApp();

const API_CODES = ["BAD_USER_INPUT", "NOT_FOUND", "UNAUTHENTICATED", "FORBIDDEN", "CONFLICT", "INTERNAL_SERVER_ERROR"];

describe("INTERNAL_SERVER_ERROR masking", () => {
  // An unexpected database failure, made on purpose: a trigger whose message reads like SQL.
  beforeAll(async () => {
    await app.dataSource.query(`CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'SELECT secret FROM vault WHERE id = 1 violates everything'; END $$`);
    await app.dataSource.query(
      `CREATE TRIGGER explode BEFORE INSERT ON portfolio FOR EACH ROW WHEN (NEW.name = 'explode') EXECUTE FUNCTION explode()`,
    );
  });

  it("answers a generic message with the request id, and logs the real error under that id", async () => {
    const capture = captureLog();
    const logged = capture.lines;
    try {
      const res = await app.gql(
        `mutation { createPortfolio(input: {name: "explode"}) { portfolio { id } } }`,
        {},
        { "x-request-id": "req-masking-1" },
      );
      const err = expectError(res, "INTERNAL_SERVER_ERROR");
      expect(err.message).toBe("Internal server error (request id req-masking-1)");
      expect(err.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "req-masking-1" });
      expect(res.data).toBeNull();
      expect(JSON.stringify(res)).not.toMatch(/secret|vault|violates|QueryFailedError/);
    } finally {
      capture.stop();
    }
    expect(logged.some((line) => line.includes("req-masking-1") && line.includes("SELECT secret FROM vault"))).toBe(true);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name = 'explode'");
    expect(n).toBe(0);
  });

  it("masks a failure in one of several mutations, after the earlier one committed", async () => {
    const p = await createPortfolio(app, { name: "Survivor" });
    const capture = captureLog(); // the expected error's log line, kept out of the test output
    try {
      const res = await app.gql(
        `mutation($id: ID!) {
        ok: updatePortfolio(input: {id: $id, owner: "Kim"}) { portfolio { owner } }
        boom: createPortfolio(input: {name: "explode"}) { portfolio { id } }
      }`,
        { id: p.id },
      );
      // payloads are non-null, so the failure nulls `data`; the error names its field
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: ["boom"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expectNoLeak(res);
    } finally {
      capture.stop();
    }
    const after = await app.ok(`query($id: ID!) { portfolio(id: $id) { owner version } }`, { id: p.id });
    expect(after.portfolio).toEqual({ owner: "Kim", version: 2 });
  });
});

describe("client mistakes that reach Postgres limits are BAD_USER_INPUT, never INTERNAL_SERVER_ERROR", () => {
  let ids: { portfolio: string; initiative: string; metric: string; hypothesis: string };

  beforeAll(async () => {
    const portfolio = await createPortfolio(app);
    const initiative = await createInitiative(app, { portfolioId: portfolio.id });
    const metric = await createMetric(app, { portfolioId: portfolio.id });
    const hypothesis = await createHypothesis(app, { initiativeId: initiative.id, metricId: metric.id });
    ids = { portfolio: portfolio.id, initiative: initiative.id, metric: metric.id, hypothesis: hypothesis.id };
  });

  const HYPOTHESIS = `statement: "s", baseline: 1, target: 2, baselineAt: "2026-01-01T00:00:00Z", targetDate: "2026-06-01T00:00:00Z"`;

  // money is numeric(18,2): 1e20 overflows it ("numeric field overflow" if it got that far)
  it.each([
    ["createPortfolio budget", `mutation { createPortfolio(input: {name: "big", budget: 1e20}) { portfolio { id } } }`, "input.budget"],
    ["updatePortfolio budget", `mutation($p: ID!) { updatePortfolio(input: {id: $p, budget: 1e20}) { portfolio { id } } }`, "input.budget"],
    [
      "createInitiative budget",
      `mutation($p: ID!) { createInitiative(input: {portfolioId: $p, name: "big", budget: 1e20}) { initiative { id } } }`,
      "input.budget",
    ],
    [
      "createInitiative actualCost",
      `mutation($p: ID!) { createInitiative(input: {portfolioId: $p, name: "big", actualCost: 1e16}) { initiative { id } } }`,
      "input.actualCost",
    ],
    [
      "updateInitiative actualCost",
      `mutation($i: ID!) { updateInitiative(input: {id: $i, actualCost: 1e20}) { initiative { id } } }`,
      "input.actualCost",
    ],
    [
      "createOutcomeHypothesis expectedBenefit",
      `mutation($i: ID!, $m: ID!) { createOutcomeHypothesis(input: {initiativeId: $i, metricId: $m, ${HYPOTHESIS}, expectedBenefit: 1e20}) { outcomeHypothesis { id } } }`,
      "input.expectedBenefit",
    ],
    [
      "updateOutcomeHypothesis expectedBenefit",
      `mutation($h: ID!) { updateOutcomeHypothesis(input: {id: $h, expectedBenefit: 1e20}) { outcomeHypothesis { id } } }`,
      "input.expectedBenefit",
    ],
    [
      "a LocalDate in year 0000",
      `mutation($p: ID!) { createInitiative(input: {portfolioId: $p, name: "old", startDate: "0000-06-01"}) { initiative { id } } }`,
      "input.startDate",
    ],
  ])("%s", async (_label, query, field) => {
    const res = await app.gql(query, { p: ids.portfolio, i: ids.initiative, m: ids.metric, h: ids.hypothesis });
    expectError(res, "BAD_USER_INPUT", field);
  });

  it("keeps the largest accepted amount exactly", async () => {
    const p = (await app.ok(`mutation { createPortfolio(input: {name: "rich", budget: 1e15}) { portfolio { budget } } }`)).createPortfolio.portfolio;
    expect(p.budget).toBe(1e15);
  });

  // Postgres text cannot hold U+0000, whichever argument carries it
  // input objects are checked before anything runs and name the field; a plain argument, or one of a nested
  // read-only field (resolved without type-graphql's validation), reaches Postgres, which refuses it
  it.each([
    ["a name", `mutation { createPortfolio(input: {name: "a\\u0000b"}) { portfolio { id } } }`, "input.name"],
    [
      "a tag",
      `mutation($p: ID!) { createInitiative(input: {portfolioId: $p, name: "n", tags: ["a\\u0000"]}) { initiative { id } } }`,
      "input.tags.0",
    ],
    ["a list filter", `{ initiatives(filter: {nameContains: "a\\u0000"}) { totalCount } }`, "nameContains"],
    ["a metric key lookup", `{ metricByKey(key: "a\\u0000") { id } }`, undefined],
    ["a measurement source filter", `query($m: ID!) { metric(id: $m) { measurements(filter: {sources: ["\\u0000"]}) { totalCount } } }`, undefined],
  ])("a U+0000 character in %s", async (_label, query, field) => {
    const res = await app.gql(query, { p: ids.portfolio, m: ids.metric });
    expectError(res, "BAD_USER_INPUT", field);
  });
});

describe("error codes", () => {
  let ids: { p: string; m: string };

  beforeAll(async () => {
    const p = await createPortfolio(app);
    const m = await createMetric(app, { portfolioId: p.id, key: "taken" });
    ids = { p: p.id, m: m.id };
  });

  // one request per mistake: a non-null field's error nulls `data` and can hide its siblings' errors
  it.each([
    ["an ID of the wrong type", `query($p: ID!) { initiative(id: $p) { id } }`, "BAD_USER_INPUT", "id"],
    ["a page over 500", `{ initiatives(first: 501) { totalCount } }`, "BAD_USER_INPUT", "first"],
    ["a garbage cursor", `{ metrics(after: "zzz") { totalCount } }`, "BAD_USER_INPUT", "after"],
    [
      "an empty time window",
      `query($m: ID!) { metric(id: $m) { measurements(filter: {from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z"}) { totalCount } } }`,
      "BAD_USER_INPUT",
      "filter.to",
    ],
    [
      "a filter ID of the wrong type",
      `query($m: ID!) { initiatives(filter: {portfolioId: $m}) { totalCount } }`,
      "BAD_USER_INPUT",
      "filter.portfolioId",
    ],
    [
      "a stale version",
      `mutation($p: ID!) { updatePortfolio(input: {id: $p, expectedVersion: 99}) { portfolio { id } } }`,
      "CONFLICT",
      "input.expectedVersion",
    ],
    [
      "a key already taken",
      `mutation($p: ID!) { createMetric(input: {portfolioId: $p, key: "taken", name: "x", direction: INCREASE}) { metric { id } } }`,
      "CONFLICT",
      "input.key",
    ],
    [
      "an unknown parent",
      `mutation { createInitiative(input: {portfolioId: "UG9ydGZvbGlvOjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA", name: "x"}) { initiative { id } } }`,
      "NOT_FOUND",
      "input.portfolioId",
    ],
  ])("%s gets the API.md code and field, on its own path, without leaks", async (_label, query, code, field) => {
    const res = await app.gql(query, ids);
    const err = expectError(res, code, field);
    expect(API_CODES).toContain(err.extensions!.code);
    expect(err.path).toHaveLength(query.includes("measurements") ? 2 : 1);
  });

  it("a failing nullable field leaves its siblings' data in place", async () => {
    const p = await createPortfolio(app);
    const res = await app.gql(`query($p: ID!) { good: portfolio(id: $p) { id } wrongType: metric(id: $p) { id } }`, { p: p.id });
    expect(res.data).toEqual({ good: { id: p.id }, wrongType: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ["wrongType"], extensions: { code: "BAD_USER_INPUT", field: "id" } });
  });

  it("a duplicate key raced by concurrent requests is one success and CONFLICTs, never a driver error", async () => {
    const p = await createPortfolio(app);
    const create = () =>
      app.gql(`mutation($p: ID!) { createMetric(input: {portfolioId: $p, key: "race.key", name: "Race", direction: INCREASE}) { metric { id } } }`, {
        p: p.id,
      });
    const results = await Promise.all(Array.from({ length: 6 }, create));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expectError(r, "CONFLICT", "input.key");
  });
});
