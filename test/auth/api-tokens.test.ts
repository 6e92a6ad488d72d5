import { useTestApp } from "../support/app";
import { createPortfolio, expectError } from "../support/factories";
import { Caller, CREATE_TOKEN, createToken, CreatedToken, grant, person, post } from "../support/auth-factories";

/**
 * API tokens for scripts (issue 4): the secret is shown once and stored only as a hash;
 * revocation and expiry take effect on the very next request.
 */
const app = useTestApp();

const LIST = `query($includeRevoked: Boolean) {
  apiTokens(first: 500, includeRevoked: $includeRevoked) { totalCount nodes { id name prefix scope createdBy lastUsedAt revokedAt expiresAt } }
}`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(input: {id: $id}) { apiToken { id revokedAt } } }`;
const PING = { query: `{ serviceInfo { reportingCurrency } }` };

/** Every secret this file creates, for the plaintext scan at the end. */
const secrets: string[] = [];
let alice: Caller;
let bob: Caller;
let portfolioId: string;

async function make(creator: Caller, input: Partial<Parameters<typeof createToken>[2]> = {}): Promise<CreatedToken> {
  const token = await createToken(app, creator, { scope: "READ_ONLY", ...input });
  secrets.push(token.secret);
  return token;
}

/** HTTP status of a trivial request sent with `secret`. */
async function statusWith(secret: string): Promise<number> {
  return (await post(app, PING, { authorization: `Bearer ${secret}` })).status;
}

beforeAll(async () => {
  alice = await person(app, "alice");
  bob = await person(app, "bob");
  portfolioId = (await createPortfolio(app, { name: "Tokens" })).id;
  await grant(app, portfolioId, "alice", "CONTRIBUTOR");
});

describe("createApiToken", () => {
  it("returns the secret once, with the rmo_ prefix, and the record shows only the prefix", async () => {
    const data = await alice.ok(CREATE_TOKEN, { input: { name: "nightly-import", scope: "READ_ONLY" } });
    const { secret, apiToken } = data.createApiToken;
    secrets.push(secret);
    expect(secret).toMatch(/^rmo_[A-Za-z0-9_-]{40,}$/);
    expect(apiToken).toMatchObject({ name: "nightly-import", scope: "READ_ONLY", createdBy: "alice", revokedAt: null, lastUsedAt: null });
    expect(secret.startsWith(apiToken.prefix)).toBe(true);
    expect(apiToken.prefix.length).toBeLessThan(secret.length / 2);

    const listed = (await alice.ok(LIST)).apiTokens.nodes.find((t: { id: string }) => t.id === apiToken.id);
    expect(listed).toMatchObject({ prefix: apiToken.prefix, name: "nightly-import" });
    const everything = JSON.stringify(await app.ok(LIST, { includeRevoked: true }));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(apiToken.prefix.length));
  });

  it("has no field that could return the secret again", async () => {
    const res = await app.gql(`{ apiTokens { nodes { secret } } }`);
    expectError(res, "GRAPHQL_VALIDATION_FAILED");
  });

  it("is a node its creator (and an admin) can refetch, with its scope readable; nobody else sees it", async () => {
    const token = await make(alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [portfolioId], metricKeys: ["tok.metric"] });
    const REFETCH = `query($id: ID!) { node(id: $id) { __typename id ... on ApiToken { name scope metricKeys portfolios { id name } createdBy } } }`;
    const expected = {
      __typename: "ApiToken",
      id: token.id,
      scope: "WRITE_MEASUREMENTS",
      metricKeys: ["tok.metric"],
      portfolios: [{ id: portfolioId, name: "Tokens" }],
      createdBy: "alice",
    };
    expect((await alice.ok(REFETCH, { id: token.id })).node).toMatchObject(expected);
    expect((await app.ok(REFETCH, { id: token.id })).node).toMatchObject(expected);
    expect((await bob.ok(REFETCH, { id: token.id })).node).toBeNull();
    expect((await alice.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [token.id] })).nodes).toEqual([{ id: token.id }]);
  });

  it("refuses an expiry in the past (or now)", async () => {
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), new Date().toISOString()]) {
      const res = await alice.gql(CREATE_TOKEN, { input: { name: "late", scope: "READ_ONLY", expiresAt } });
      expectError(res, "BAD_USER_INPUT", "input.expiresAt");
    }
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM api_token WHERE name = 'late'");
    expect(n).toBe(0);
  });

  it("cannot be called with an API token: tokens do not make tokens", async () => {
    const token = await make(alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [portfolioId] });
    const before = await app.dataSource.query("SELECT count(*)::int AS n FROM api_token");
    expectError(await token.caller.gql(CREATE_TOKEN, { input: { name: "child", scope: "READ_ONLY" } }), "FORBIDDEN");
    expectError(await token.caller.gql(REVOKE, { id: token.id }), "FORBIDDEN");
    expect(await app.dataSource.query("SELECT count(*)::int AS n FROM api_token")).toEqual(before);
    expect(await statusWith(token.secret)).toBe(200);
  });
});

describe("using a token", () => {
  it("sets lastUsedAt on use", async () => {
    const token = await make(alice);
    const find = async () => (await alice.ok(LIST)).apiTokens.nodes.find((t: { id: string }) => t.id === token.id);
    expect((await find()).lastUsedAt).toBeNull();
    const before = Date.now();
    expect(await statusWith(token.secret)).toBe(200);
    const lastUsedAt = new Date((await find()).lastUsedAt).getTime();
    expect(lastUsedAt).toBeGreaterThanOrEqual(before - 5_000);
    expect(lastUsedAt).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it("acts for its creator: it sees what they see", async () => {
    const token = await make(alice);
    const query = `{ portfolios(first: 500) { totalCount nodes { id } } }`;
    const asToken = await token.caller.ok(query);
    expect(asToken).toEqual(await alice.ok(query));
    expect(asToken.portfolios.nodes).toEqual([{ id: portfolioId }]);
  });

  it("revokeApiToken: the very next request with it is UNAUTHENTICATED", async () => {
    const token = await make(alice);
    expect(await statusWith(token.secret)).toBe(200);
    const revoked = (await alice.ok(REVOKE, { id: token.id })).revokeApiToken.apiToken;
    expect(revoked.revokedAt).toEqual(expect.any(String));
    const res = await post(app, PING, { authorization: `Bearer ${token.secret}` });
    expect(res.status).toBe(401);
    expect(res.body.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    // hidden from the list unless asked for
    expect((await alice.ok(LIST)).apiTokens.nodes.map((t: { id: string }) => t.id)).not.toContain(token.id);
    expect((await alice.ok(LIST, { includeRevoked: true })).apiTokens.nodes.map((t: { id: string }) => t.id)).toContain(token.id);
  });

  it("an expired token is refused at once (real expiry: expiresAt 1.5 s ahead, then wait)", async () => {
    const expiresAt = new Date(Date.now() + 1_500);
    const token = await make(alice, { expiresAt: expiresAt.toISOString() });
    expect(await statusWith(token.secret)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 100));
    expect(await statusWith(token.secret)).toBe(401);
  });

  it("an expired token is refused at once (simulated: expires_at moved into the past in SQL)", async () => {
    const token = await make(alice, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await statusWith(token.secret)).toBe(200);
    await app.dataSource.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE prefix = $1", [token.prefix]);
    expect(await statusWith(token.secret)).toBe(401);
  });
});

describe("who sees and revokes which tokens", () => {
  let aliceToken: CreatedToken;
  let bobToken: CreatedToken;

  beforeAll(async () => {
    aliceToken = await make(alice, { name: "alice-script" });
    bobToken = await make(bob, { name: "bob-script" });
  });

  const ids = async (who: Pick<Caller, "ok">) =>
    (await who.ok(LIST, { includeRevoked: true })).apiTokens.nodes as Array<{ id: string; createdBy: string }>;

  it("a person lists only their own tokens; admins list every token", async () => {
    const mine = await ids(alice);
    expect(mine.map((t) => t.id)).toContain(aliceToken.id);
    expect(new Set(mine.map((t) => t.createdBy))).toEqual(new Set(["alice"]));
    expect((await ids(bob)).map((t) => t.id)).toEqual([bobToken.id]);
    const admin = await person(app, "the-admin", { admin: true });
    for (const who of [app, admin]) {
      const all = (await ids(who)).map((t) => t.id);
      expect(all).toEqual(expect.arrayContaining([aliceToken.id, bobToken.id]));
    }
  });

  it("a person cannot revoke someone else's token: NOT_FOUND, and it keeps working", async () => {
    expectError(await bob.gql(REVOKE, { id: aliceToken.id }), "NOT_FOUND", "input.id");
    expect(await statusWith(aliceToken.secret)).toBe(200);
  });

  it("an admin can revoke anyone's token", async () => {
    await app.ok(REVOKE, { id: bobToken.id });
    expect(await statusWith(bobToken.secret)).toBe(401);
  });
});

describe("storage", () => {
  it("no token secret is in plaintext anywhere in the database", async () => {
    // every secret made above (created, used, revoked, expired), and one used just now
    const fresh = await make(alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [portfolioId] });
    expect(await statusWith(fresh.secret)).toBe(200);
    const columns: Array<{ table: string; column: string }> = await app.dataSource.query(
      `SELECT c.table_name AS table, c.column_name AS column FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public'
          AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar')))`,
    );
    expect(columns).toEqual(
      expect.arrayContaining([
        { table: "api_token", column: "secret_hash" },
        { table: "api_token", column: "prefix" },
      ]),
    );
    const hits = async (needle: string) => {
      let n = 0;
      for (const { table, column } of columns) {
        const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, [needle]);
        n += row.n;
      }
      return n;
    };
    for (const secret of secrets) {
      expect(await hits(secret)).toBe(0);
      expect(await hits(secret.slice("rmo_".length))).toBe(0);
      expect(await hits(secret.slice(12))).toBe(0);
    }
    // the scan does find what is stored: the prefix shown in lists, in the token's row and in
    // the record of its creation (src/history), which leaves the hash out
    expect(await hits(secrets[0].slice(0, 12))).toBe(2);
  });
});
