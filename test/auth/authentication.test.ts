import { randomBytes } from "node:crypto";
import { UnsecuredJWT } from "jose";
import { useTestApp } from "../support/app";
import { personToken } from "../support/jwt";
import { createPortfolio, expectError } from "../support/factories";
import { person, post, signJwt } from "../support/auth-factories";

/**
 * Who is calling (issue 4, "Identities"): people by JWT, scripts by API token, the
 * bootstrap admin token; anything else is refused with 401 before GraphQL runs.
 */
const app = useTestApp();

const INTRUDE = `mutation { createPortfolio(input: {name: "intruder"}) { portfolio { id } } }`;
const COUNT = `{ portfolios(first: 500) { totalCount } }`;
const now = () => Math.floor(Date.now() / 1000);

async function intruders(): Promise<number> {
  const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name = 'intruder'");
  return n;
}

beforeAll(async () => {
  await createPortfolio(app, { name: "Existing A" });
  await createPortfolio(app, { name: "Existing B" });
});

describe("refused credentials: 401 UNAUTHENTICATED, and nothing runs", () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ["no Authorization header", async () => ""],
    ["a Basic header", async () => "Basic dXNlcjpwYXNzd29yZA=="],
    ["Bearer without a token", async () => "Bearer"],
    ["Bearer with two words", async () => "Bearer abc def"],
    ["a token that is neither a JWT nor ours", async () => "Bearer not-a-jwt"],
    ["an unknown rmo_ API token", async () => `Bearer rmo_${randomBytes(32).toString("base64url")}`],
    ["a JWT with a bad signature", async () => `Bearer ${await personToken("alice", { secret: "some-other-secret-that-is-32-chars-long" })}`],
    ["an expired JWT", async () => `Bearer ${await signJwt({ sub: "alice" }, { exp: now() - 60 })}`],
    ["a JWT without sub", async () => `Bearer ${await signJwt({ name: "Nobody", roles: ["rmo:admin"] })}`],
    [
      "an unsigned JWT (alg none) claiming admin",
      async () => `Bearer ${new UnsecuredJWT({ sub: "eve", roles: ["rmo:admin"] }).setExpirationTime("1h").encode()}`,
    ],
    [
      "a JWT whose payload was edited to claim admin",
      async () => {
        const [h, , s] = (await personToken("eve")).split(".");
        const payload = Buffer.from(JSON.stringify({ sub: "eve", roles: ["rmo:admin"], exp: now() + 3600 })).toString("base64url");
        return `Bearer ${h}.${payload}.${s}`;
      },
    ],
    ["the bootstrap token with a character changed", async () => `Bearer ${app.adminToken.slice(0, -1)}X`],
  ];

  it.each(cases)("%s", async (_label, authorization) => {
    const res = await post(app, { query: INTRUDE }, { authorization: await authorization() });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="rmo"');
    // refused before Apollo: no data, no extensions (so no SQL count, no resolver)
    expect(res.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "UNAUTHENTICATED" } }] });
    expect(await intruders()).toBe(0);
  });

  it("says what is wrong in the message", async () => {
    const messages = async (authorization: string) => (await post(app, { query: COUNT }, { authorization })).body.errors![0].message;
    expect(await messages("")).toMatch(/Authorization: Bearer/);
    expect(await messages("Basic abc")).toMatch(/must be `Bearer <token>`/);
    expect(await messages(`Bearer rmo_${"x".repeat(43)}`)).toMatch(/API token/);
    expect(await messages(`Bearer ${await signJwt({ name: "x" })}`)).toMatch(/no subject/);
  });

  it("refuses a GET query without credentials too", async () => {
    const res = await fetch(`${app.url}?query=${encodeURIComponent("{ serviceInfo { reportingCurrency } }")}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "UNAUTHENTICATED" } }] });
  });
});

describe("accepted credentials", () => {
  it("the bootstrap token is a global admin", async () => {
    const data = await app.ok(`mutation { createPortfolio(input: {name: "Bootstrap root"}) { portfolio { id } } }`);
    expect(data.createPortfolio.portfolio.id).toEqual(expect.any(String));
    expect((await app.ok(COUNT)).portfolios.totalCount).toBeGreaterThanOrEqual(3);
  });

  it("a person's JWT: `sub` identifies them; without memberships they see nothing and may not create roots", async () => {
    const alice = await person(app, "alice");
    const res = await alice.gql(COUNT);
    expect(res.errors).toBeUndefined();
    expect(res.data.portfolios.totalCount).toBe(0);
    expectError(await alice.gql(`mutation { createPortfolio(input: {name: "Alice root"}) { portfolio { id } } }`), "FORBIDDEN");
  });

  it.each([
    ["a roles array", { roles: ["openid", "rmo:admin"] }],
    ["a space-separated roles string", { roles: "openid rmo:admin" }],
  ])("`rmo:admin` in %s makes a global admin", async (_label, claims) => {
    const root = await signJwt({ sub: "root-person", ...claims });
    const seen = (await app.as(root).ok(COUNT)).portfolios.totalCount;
    expect(seen).toBe((await app.ok(COUNT)).portfolios.totalCount);
    const created = await app.as(root).ok(`mutation { createPortfolio(input: {name: "Admin root"}) { portfolio { id } } }`);
    expect(created.createPortfolio.portfolio.id).toEqual(expect.any(String));
  });

  it.each([
    ["a look-alike role", { roles: ["rmo:administrator", "RMO:ADMIN"] }],
    ["an admin claim that is not `roles`", { role: "rmo:admin", groups: ["rmo:admin"] }],
  ])("%s is not admin", async (_label, claims) => {
    const token = await signJwt({ sub: "pretender", ...claims });
    expect((await app.as(token).ok(COUNT)).portfolios.totalCount).toBe(0);
  });

  it("issuer and audience are not checked when not configured", async () => {
    const token = await signJwt({ sub: "anyone", iss: "https://some-idp.example", aud: "whatever" });
    expect((await app.as(token).gql(COUNT)).errors).toBeUndefined();
  });
});
