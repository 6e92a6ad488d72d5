import { SignJWT, JWTPayload } from "jose";
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull, GraphQLScalarType, GraphQLSchema } from "graphql";
import { GraphQLResponse, TEST_JWT_SECRET, TestApp } from "./app";
import { personToken } from "./jwt";

/**
 * Helpers for the access-control suites (test/auth): callers, memberships, API tokens,
 * a database fingerprint, and a call of any mutation with a minimal valid input.
 */

export type Role = "VIEWER" | "CONTRIBUTOR" | "OWNER";

/** Someone calling the API with a bearer credential. */
export interface Caller {
  token: string;
  gql: TestApp["gql"];
  ok: TestApp["ok"];
}

export function caller(app: TestApp, token: string): Caller {
  return { token, ...app.as(token) };
}

/** A person signed in through the identity provider (an HS256 JWT in tests). */
export async function person(app: TestApp, sub: string, options: { admin?: boolean } = {}): Promise<Caller> {
  return caller(app, await personToken(sub, options));
}

/**
 * A JWT with exactly these claims, signed with `secret` (default: the test server's).
 * `exp`: seconds since the epoch or a jose duration ("1h", default); null for none.
 */
export async function signJwt(claims: JWTPayload, options: { secret?: string; exp?: number | string | null } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? "1h");
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** Grants (or changes) a role, as the global admin. */
export async function grant(app: TestApp, portfolioId: string, subject: string, role: Role): Promise<void> {
  await app.ok(`mutation($input: AddPortfolioMemberInput!) { addPortfolioMember(input: $input) { member { role } } }`, {
    input: { portfolioId, subject, role },
  });
}

export async function ungrant(app: TestApp, portfolioId: string, subject: string): Promise<void> {
  await app.ok(`mutation($input: RemovePortfolioMemberInput!) { removePortfolioMember(input: $input) { removed } }`, {
    input: { portfolioId, subject },
  });
}

export const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { secret apiToken { id name prefix scope metricKeys createdBy expiresAt revokedAt lastUsedAt } }
}`;

export interface CreatedToken {
  id: string;
  secret: string;
  prefix: string;
  caller: Caller;
}

/** Creates an API token as `creator` (a person); fails the test on any error. */
export async function createToken(
  app: TestApp,
  creator: Pick<Caller, "ok">,
  input: { name?: string; scope: "READ_ONLY" | "WRITE_MEASUREMENTS"; metricKeys?: string[]; portfolioIds?: string[]; expiresAt?: string },
): Promise<CreatedToken> {
  const data = await creator.ok(CREATE_TOKEN, { input: { name: "script", ...input } });
  const { secret, apiToken } = data.createApiToken;
  return { id: apiToken.id, secret, prefix: apiToken.prefix, caller: caller(app, secret) };
}

export const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code field message } }
}`;

let observed = 0;
/** One measurement item per metric key, each at a fresh instant (so every accepted item inserts). */
export function items(keys: string[]): Array<{ metricKey: string; value: number; observedAt: string }> {
  return keys.map((metricKey) => ({ metricKey, value: 1, observedAt: new Date(Date.UTC(2025, 0, 1) + ++observed * 1000).toISOString() }));
}

/** Codes of the first error, one per response (undefined when there is none). */
export function codeOf(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/**
 * A fingerprint of every row of every table in the public schema, to show a refused
 * request changed nothing. A partitioned table's rows are read through it, not its partitions.
 */
export async function fingerprint(app: TestApp, except: string[] = []): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await app.dataSource.query(
    `SELECT t.table_name AS name FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND NOT (SELECT c.relispartition FROM pg_class c WHERE c.oid = format('%I.%I', t.table_schema, t.table_name)::regclass)
      ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [{ digest }] = await app.dataSource.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`);
    result[name] = digest;
  }
  return result;
}

/** A GraphQL literal for a value of `type` that passes input coercion (required fields only). */
function literal(type: GraphQLInputType, placeholderId: string): string {
  if (type instanceof GraphQLNonNull) return literal(type.ofType, placeholderId);
  if (type instanceof GraphQLList) return `[${literal(type.ofType, placeholderId)}]`;
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined);
    return `{${fields.map((f) => `${f.name}: ${literal(f.type, placeholderId)}`).join(", ")}}`;
  }
  const scalar = (type as GraphQLScalarType).name;
  switch (scalar) {
    case "ID":
      return JSON.stringify(placeholderId);
    case "Int":
    case "Float":
      return "1";
    case "Boolean":
      return "true";
    case "DateTime":
      return `"2026-01-01T00:00:00Z"`;
    case "LocalDate":
      return `"2026-01-01"`;
    default:
      return `"x"`;
  }
}

/**
 * Every mutation of the schema as a document with minimal valid arguments (IDs all
 * `placeholderId`), so a suite can show a caller is refused each one, including
 * mutations added after the suite was written.
 */
export function everyMutation(schema: GraphQLSchema, placeholderId: string): Array<{ name: string; query: string }> {
  const fields = Object.values(schema.getMutationType()!.getFields());
  return fields.map((field) => {
    const args = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type, placeholderId)}`).join(", ")})` : "";
    return { name: field.name, query: `mutation { ${field.name}${argText} { __typename } }` };
  });
}

/** A raw POST: status, headers and parsed body. `authorization` defaults to the admin token; "" sends none. */
export async function post(
  app: TestApp,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponse; text: string }> {
  const { authorization = `Bearer ${app.adminToken}`, ...rest } = headers;
  const res = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...rest },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: GraphQLResponse = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the test looking at `text` will say so
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** One portfolio's things, as global IDs. */
export interface Holding {
  portfolio: string;
  initiative: string;
  metric: string;
  metricKey: string;
  hypothesis: string;
}

let holdingSeq = 0;
/** A portfolio (under `parentId`, if given) with one initiative, one metric and one hypothesis linking them. */
export async function holding(app: TestApp, name: string, parentId?: string): Promise<Holding> {
  const n = ++holdingSeq;
  const data = await app.ok(`mutation($p: CreatePortfolioInput!) { createPortfolio(input: $p) { portfolio { id } } }`, {
    p: { name, ...(parentId ? { parentId } : {}) },
  });
  const portfolio = data.createPortfolio.portfolio.id;
  const ids = await app.ok(
    `mutation($i: CreateInitiativeInput!, $m: CreateMetricInput!) {
      createInitiative(input: $i) { initiative { id } }
      createMetric(input: $m) { metric { id key } }
    }`,
    {
      i: { portfolioId: portfolio, name: `${name} initiative`, budget: 100, actualCost: 40 },
      m: {
        portfolioId: portfolio,
        key: `holding.${n}.${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
        name: `${name} KPI`,
        direction: "INCREASE",
      },
    },
  );
  const hypothesis = await linkHypothesis(app, ids.createInitiative.initiative.id, ids.createMetric.metric.id);
  return {
    portfolio,
    initiative: ids.createInitiative.initiative.id,
    metric: ids.createMetric.metric.id,
    metricKey: ids.createMetric.metric.key,
    hypothesis,
  };
}

export async function linkHypothesis(app: TestApp, initiativeId: string, metricId: string): Promise<string> {
  const data = await app.ok(`mutation($h: CreateOutcomeHypothesisInput!) { createOutcomeHypothesis(input: $h) { outcomeHypothesis { id } } }`, {
    h: {
      initiativeId,
      metricId,
      statement: "It moves the KPI",
      baseline: 10,
      baselineAt: "2025-01-01T00:00:00Z",
      target: 20,
      targetDate: "2027-01-01T00:00:00Z",
      expectedBenefit: 1000,
    },
  });
  return data.createOutcomeHypothesis.outcomeHypothesis.id;
}
