import { useTestApp } from "../support/app";
import { captureLog } from "../support/log-capture";
import { expectError, expectNoLeak } from "../support/factories";
import { post } from "../support/auth-factories";

/**
 * NODE_ENV=production (issue 4, "Hardening"): no introspection or landing page unless
 * enabled, no field suggestions, no stack traces, unexpected errors masked with a request
 * id that is also in the log.
 */
const app = useTestApp({ NODE_ENV: "production" });

const send = (query: string, headers: Record<string, string> = {}) => post(app, { query }, headers);

describe("production defaults", () => {
  it.each([
    ["__schema", `{ __schema { queryType { name } } }`],
    ["__type", `{ __type(name: "Portfolio") { fields { name } } }`],
  ])("refuses introspection (%s) before execution", async (_label, query) => {
    const res = await send(query);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/introspection is not allowed/i),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("does not hash responses into an ETag", async () => {
    const res = await send(`{ __typename }`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBeNull();
  });

  it("still answers __typename", async () => {
    const res = await send(`{ serviceInfo { __typename } }`);
    expect(res.body).toMatchObject({ data: { serviceInfo: { __typename: "ServiceInfo" } } });
  });

  it("does not serve the landing page", async () => {
    const res = await fetch(app.url, { headers: { accept: "text/html" } });
    expect(res.headers.get("content-type")).not.toMatch(/text\/html/);
    const text = await res.text();
    expect(text).not.toMatch(/<!doctype|<html|<script|sandbox|embeddable/i);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ["root field", `{ portfolioz { id } }`],
    ["nested field", `{ portfolios { nodes { nmae } } }`],
    ["argument", `{ portfolios(frist: 1) { totalCount } }`],
    ["enum value", `{ portfolios(orderBy: {field: NAMES}) { totalCount } }`],
  ])("gives no suggestions for a misspelt %s", async (_label, query) => {
    const res = await send(query);
    expect(res.status).toBe(400);
    const { message } = res.body.errors![0];
    expect(message).not.toMatch(/did you mean/i);
    expect(message).not.toMatch(/"(portfolio|portfolios|name|first|NAME)"\s*(\?|or)/);
    expect(res.body.errors![0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("puts no stack trace in any error", async () => {
    for (const res of [await send(`{ initiatives(first: 501) { totalCount } }`), await send(`{ portfolioz }`), await send(`{ broken`)]) {
      expect(res.body.errors!.length).toBeGreaterThan(0);
      expectNoLeak(res.body);
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    }
    expectError((await send(`{ initiatives(first: 501) { totalCount } }`)).body, "BAD_USER_INPUT", "first");
  });
});

describe("unexpected errors", () => {
  beforeAll(async () => {
    await app.dataSource.query(`CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'SELECT password FROM users WHERE secret violates everything'; END $$`);
    await app.dataSource.query(
      `CREATE TRIGGER explode BEFORE INSERT ON portfolio FOR EACH ROW WHEN (NEW.name = 'explode') EXECUTE FUNCTION explode()`,
    );
  });

  async function provoke(headers: Record<string, string> = {}) {
    const capture = captureLog();
    try {
      const res = await send(`mutation { createPortfolio(input: {name: "explode"}) { portfolio { id } } }`, headers);
      return { res, logged: capture.lines };
    } finally {
      capture.stop();
    }
  }

  it("are masked with a request id, which the log carries with the real error", async () => {
    const { res, logged } = await provoke();
    const requestId = res.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: `Internal server error (request id ${requestId})`,
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/password|users|violates|QueryFailedError|stack/);
    expect(logged.filter((line) => line.includes(requestId) && line.includes("SELECT password FROM users"))).toHaveLength(1);
  });

  it("use the caller's X-Request-Id when it is a sane one", async () => {
    const { res, logged } = await provoke({ "x-request-id": "prod-req-42" });
    expect(res.body.errors![0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "prod-req-42" });
    expect(logged.some((line) => line.includes("prod-req-42") && line.includes("violates everything"))).toBe(true);
    const odd = await provoke({ "x-request-id": "no spaces or <html> allowed" });
    expect(odd.res.body.errors![0].extensions!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("production with introspection and the landing page enabled, and SQL stats left at their default", () => {
  const open = useTestApp({ NODE_ENV: "production", RMO_INTROSPECTION: "1", RMO_LANDING_PAGE: "1", RMO_SQL_STATS: "" });

  it("answers introspection and serves the landing page", async () => {
    const res = await post(open, { query: `{ __schema { queryType { name } } }` });
    expect(res.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const page = await fetch(open.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("reports the cost and the record time but not the SQL statement count", async () => {
    const before = Date.now();
    const res = await post(open, { query: `{ serviceInfo { reportingCurrency } }` });
    expect(res.body.extensions).toEqual({ cost: { requested: 2, limit: 50000 }, knownAt: expect.any(String), consistency: { servedBy: "primary" } });
    const knownAt = Date.parse(res.body.extensions!.knownAt as string);
    expect(knownAt).toBeGreaterThanOrEqual(before);
    expect(knownAt).toBeLessThanOrEqual(Date.now());
  });
});
