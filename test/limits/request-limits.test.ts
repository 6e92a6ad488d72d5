import { Lexer, Source, TokenKind } from "graphql";
import { GraphQLResponse, useTestApp } from "../support/app";
import { createPortfolio } from "../support/factories";
import { createToken, person, post } from "../support/auth-factories";

/**
 * Request limits (issue 4, "Hardening"), each just under and just over. A request over a
 * limit is refused with a clear message before any resolver runs: the mutations below
 * would write a row, and none does; `extensions.sqlStatements` counts the statements the
 * request sent (0 with the bootstrap token, which needs no lookup).
 */
const LIMITS = {
  RMO_MAX_DEPTH: "5",
  RMO_MAX_ALIASES: "3",
  RMO_MAX_DIRECTIVES: "3",
  RMO_MAX_TOKENS: "200",
  RMO_MAX_COST: "100",
  RMO_MAX_BODY_BYTES: "2000",
};
const app = useTestApp(LIMITS);

let parentId: string;
beforeAll(async () => {
  parentId = (await createPortfolio(app, { name: "Limits" })).id;
});

let seq = 0;
const uniqueName = () => `limit-test-${++seq}`;

async function rows(name: string): Promise<number> {
  const [p] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name = $1", [name]);
  const [t] = await app.dataSource.query("SELECT count(*)::int AS n FROM api_token WHERE name = $1", [name]);
  return p.n + t.n;
}

function expectAccepted(res: { status: number; body: GraphQLResponse }) {
  expect(res.body.errors).toBeUndefined();
  expect(res.status).toBe(200);
}

/** Refused before execution: 400, one error naming the limit, no data, no SQL, nothing written. */
async function expectRefused(res: { status: number; body: GraphQLResponse }, message: RegExp, name?: string) {
  expect(res.status).toBe(400);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0].message).toMatch(message);
  expect(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"]).toContain(res.body.errors![0].extensions!.code);
  expect(res.body.data).toBeUndefined();
  expect(res.body.extensions?.sqlStatements).toBe(0);
  if (name) expect(await rows(name)).toBe(0);
}

const send = (query: string, variables?: Record<string, unknown>, operationName?: string) => post(app, { query, variables, operationName });

describe("depth (RMO_MAX_DEPTH=5)", () => {
  const create = (name: string, selection: string) =>
    `mutation { createPortfolio(input: {name: "${name}", parentId: "${parentId}"}) { portfolio { ${selection} } } }`;

  it("depth 5 runs", async () => {
    const name = uniqueName();
    expectAccepted(await send(create(name, "parent { parent { id } }")));
    expect(await rows(name)).toBe(1);
  });

  it("depth 6 is refused", async () => {
    const name = uniqueName();
    await expectRefused(await send(create(name, "parent { parent { parent { id } } }")), /depth limit of 5 exceeded, found 6/i, name);
  });

  it("fragments count at the depth they are spread", async () => {
    const q = `query { portfolios(first: 1) { nodes { ...P } } } fragment P on Portfolio { parent { parent { parent { id } } } }`;
    await expectRefused(await send(q), /depth limit of 5 exceeded/i);
  });
});

describe("aliases (RMO_MAX_ALIASES=3)", () => {
  const create = (names: string[]) =>
    `mutation { ${names.map((n, i) => `a${i}: createPortfolio(input: {name: "${n}", parentId: "${parentId}"}) { portfolio { id } }`).join(" ")} }`;

  it("3 aliases run", async () => {
    const names = [uniqueName(), uniqueName(), uniqueName()];
    expectAccepted(await send(create(names)));
    for (const n of names) expect(await rows(n)).toBe(1);
  });

  it("4 aliases are refused", async () => {
    const names = [uniqueName(), uniqueName(), uniqueName(), uniqueName()];
    await expectRefused(await send(create(names)), /aliases limit of 3 exceeded, found 4/i);
    for (const n of names) expect(await rows(n)).toBe(0);
  });
});

describe("directives (RMO_MAX_DIRECTIVES=3)", () => {
  const create = (name: string, directives: number) =>
    `mutation { createPortfolio(input: {name: "${name}", parentId: "${parentId}"}) { portfolio { id ${["name", "version", "createdAt", "updatedAt"]
      .slice(0, directives)
      .map((f) => `${f} @include(if: true)`)
      .join(" ")} } } }`;

  it("3 directives run", async () => {
    const name = uniqueName();
    expectAccepted(await send(create(name, 3)));
    expect(await rows(name)).toBe(1);
  });

  it("4 directives are refused", async () => {
    const name = uniqueName();
    await expectRefused(await send(create(name, 4)), /directives limit of 3 exceeded, found 4/i, name);
  });
});

describe("tokens (RMO_MAX_TOKENS=200)", () => {
  const count = (doc: string) => {
    const lexer = new Lexer(new Source(doc));
    let n = 0;
    while (lexer.advance().kind !== TokenKind.EOF) n++;
    return n;
  };
  /** A createApiToken whose document has exactly `tokens` lexical tokens (metric keys pad it). */
  const withTokens = (name: string, tokens: number) => {
    const doc = (keys: number) =>
      `mutation { createApiToken(input: {name: "${name}", scope: WRITE_MEASUREMENTS, metricKeys: [${Array(keys).fill('"k"').join(" ")}]}) { apiToken { id } } }`;
    const base = count(doc(0));
    const result = doc(tokens - base);
    expect(count(result)).toBe(tokens);
    return result;
  };

  it("200 tokens run", async () => {
    const name = uniqueName();
    expectAccepted(await send(withTokens(name, 200)));
    expect(await rows(name)).toBe(1);
  });

  it("201 tokens are refused, with a 400 and the usual extensions", async () => {
    const name = uniqueName();
    await expectRefused(await send(withTokens(name, 201)), /token limit of 200 exceeded/i, name);
  });
});

describe("cost (RMO_MAX_COST=100)", () => {
  // a connection costs 1 + its page size × what each node asks for; other fields cost 1
  it("cost 100 runs, and the response reports it", async () => {
    const res = await send(`{ portfolios(first: 49) { nodes { id } } __typename }`);
    expectAccepted(res);
    expect(res.body.extensions!.cost).toEqual({ requested: 100, limit: 100 });
  });

  it("cost 101 is refused, naming both numbers", async () => {
    await expectRefused(await send(`{ portfolios(first: 50) { nodes { id } } }`), /cost 101 exceeds the limit of 100/);
  });

  it("variables are part of the cost", async () => {
    const q = `query($n: Int!) { portfolios(first: $n) { nodes { id } } }`;
    const under = await send(q, { n: 49 });
    expectAccepted(under);
    expect(under.body.extensions!.cost.requested).toBe(99);
    await expectRefused(await send(q, { n: 50 }), /cost 101 exceeds/);
  });

  it("a remembered cost belongs to its variables and operation", async () => {
    // costs are cached per document, operation name and variables: the same text with other
    // values, or another operation of the same document, is costed on its own
    const q = `query Small($n: Int!) { portfolios(first: $n) { nodes { id } } } query Big { portfolios(first: 50) { nodes { id } } }`;
    for (let round = 0; round < 2; round++) {
      const small = await send(q, { n: 10 }, "Small");
      expectAccepted(small);
      expect(small.body.extensions!.cost.requested).toBe(21);
      await expectRefused(await send(q, { n: 50 }, "Small"), /cost 101 exceeds/);
      await expectRefused(await send(q, { n: 10 }, "Big"), /cost 101 exceeds/);
      expect((await send(q, { n: 49 }, "Small")).body.extensions!.cost.requested).toBe(99);
    }
  });

  it("a mutation over the cost writes nothing", async () => {
    const create = (name: string, first: number) =>
      `mutation { createPortfolio(input: {name: "${name}", parentId: "${parentId}"}) { portfolio { children(first: ${first}) { nodes { id } } } } }`;
    const ok = uniqueName();
    const under = await send(create(ok, 48));
    expectAccepted(under);
    expect(under.body.extensions!.cost.requested).toBe(99);
    const over = uniqueName();
    await expectRefused(await send(create(over, 49)), /cost 101 exceeds the limit of 100/, over);
  });

  it("every successful response reports its cost", async () => {
    const res = await send(`{ serviceInfo { reportingCurrency } }`);
    expect(res.body.extensions!.cost).toEqual({ requested: 2, limit: 100 });
  });
});

describe("body size (RMO_MAX_BODY_BYTES=2000)", () => {
  /** A JSON body of exactly `bytes` bytes, padded with a GraphQL comment. */
  const bodyOf = (query: string, bytes: number) => {
    const empty = JSON.stringify({ query: `${query} #` });
    const body = JSON.stringify({ query: `${query} #${"x".repeat(bytes - empty.length)}` });
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  };
  const create = (name: string) => `mutation { createPortfolio(input: {name: "${name}", parentId: "${parentId}"}) { portfolio { id } } }`;

  it("2000 bytes run", async () => {
    const name = uniqueName();
    expectAccepted(await post(app, bodyOf(create(name), 2000)));
    expect(await rows(name)).toBe(1);
  });

  it("2001 bytes are 413 with a JSON errors body, and nothing runs", async () => {
    const name = uniqueName();
    const res = await post(app, bodyOf(create(name), 2001));
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.text).not.toMatch(/<html|<pre|at .*\.js:\d+/i);
    expect(res.body).toEqual({
      errors: [{ message: "Request body larger than 2000 bytes (RMO_MAX_BODY_BYTES)", extensions: { code: "BAD_REQUEST" } }],
    });
    expect(await rows(name)).toBe(0);
  });
});

describe("with an API token, a refused request costs only the token lookup", () => {
  it("sqlStatements is 1: authentication, no resolver", async () => {
    const alice = await person(app, "alice");
    const token = await createToken(app, alice, { scope: "READ_ONLY" });
    expectAccepted(await post(app, { query: "{ serviceInfo { reportingCurrency } }" }, { authorization: `Bearer ${token.secret}` }));
    const res = await post(app, { query: `{ portfolios(first: 50) { nodes { id } } }` }, { authorization: `Bearer ${token.secret}` });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.extensions!.sqlStatements).toBe(1);
  });
});

describe("outside production", () => {
  it("serves the landing page and suggests field names", async () => {
    const page = await fetch(app.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/RMO API explorer/);
    expect((await send(`{ portfolioz { id } }`)).body.errors![0].message).toMatch(/Did you mean "portfolio/);
  });
});
