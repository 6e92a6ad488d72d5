import fs from "node:fs";
import path from "node:path";
import { execute, getOperationAST, parse } from "graphql";
import { useTestApp } from "../support/app";
import { buildAppSchema } from "../../src/schema";
import { createContext } from "../../src/context";
import { jitGateway } from "../../src/graphql/jit-executor";
import { seedDemo } from "../../src/seed/demo";
import { Viewer } from "../../src/access/viewer";

/**
 * The compiled executor (graphql-jit, the default) answers exactly as graphql-js does: every
 * query of the README, the bench's questions and the argument forms graphql-jit once got wrong
 * (omitted arguments, input objects with defaulted fields, as literals and as variables) are
 * run through both on the demo data, with the same clock, and their answers compared whole.
 */
const app = useTestApp();
const schema = buildAppSchema();
const admin: Viewer = { kind: "bootstrap", subject: "bootstrap", name: "bootstrap", admin: true };
const NOW = new Date("2026-06-01T00:00:00Z");

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const readmeQueries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((q) => !q.trimStart().startsWith("mutation"));

const FORMS: Array<[string, string, Record<string, unknown>]> = [
  [
    "omitted arguments take their defaults",
    `{ initiatives { totalCount nodes { name } } portfolios(filter: { rootsOnly: true }) { nodes { name } } }`,
    {},
  ],
  [
    "an input literal omitting defaulted fields",
    `{ metricByKey(key: "cs.nps") { measurements(first: 3, filter: { from: "2026-01-01T00:00:00Z" }) { totalCount nodes { value } } } }`,
    {},
  ],
  [
    "an input variable omitting defaulted fields",
    `query($f: MeasurementFilter) { metricByKey(key: "cs.nps") { measurements(first: 3, filter: $f) { totalCount nodes { value observedAt } } } }`,
    { f: { from: "2026-01-01T00:00:00Z" } },
  ],
  [
    "a variable with a default in the operation",
    `query($n: Int = 4, $asOf: DateTime) { outcomeHypotheses(first: $n) { nodes { statement progress(asOf: $asOf) { ratio status } } } }`,
    { asOf: "2026-03-01T00:00:00Z" },
  ],
  ["a field error keeps its path and code", `{ initiatives(first: 501) { totalCount } metricByKey(key: "cs.nps") { name } }`, {}],
  [
    "a value error deep in a list",
    `{ metricByKey(key: "cs.nps") { series(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: WEEK) { value } } }`,
    {},
  ],
];

let variables: Record<string, unknown> = {};
beforeAll(async () => {
  await seedDemo(app.dataSource, () => {}, { now: NOW });
  const data = await app.ok(`{ portfolios(filter: { rootsOnly: true }) { nodes { id initiatives(first: 1) { nodes { id } } } } }`);
  variables = {
    version: 1,
    after: null,
    portfolioId: data.portfolios.nodes[0].id,
    id: data.portfolios.nodes[0].initiatives.nodes[0]?.id ?? data.portfolios.nodes[0].id,
  };
});

function context() {
  const ctx = createContext(app.config, app.dataSource, admin, "jit-test");
  ctx.now = NOW;
  return ctx;
}

/** An answer as a client sees it: data, and each error's message, path and code. */
function seen(result: {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; originalError?: unknown }>;
}) {
  return {
    data: JSON.parse(JSON.stringify(result.data ?? null)),
    errors: (result.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: (e.originalError as { code?: string } | undefined)?.code })),
  };
}

async function both(query: string, vars: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const reference = await execute({ schema, document, contextValue: context(), variableValues: vars });
  const { executor } = await jitGateway(schema).load({ apollo: {} });
  const compiled = await executor!({
    schema,
    document,
    operation,
    operationName: operation.name?.value ?? null,
    queryHash: query,
    source: query,
    request: { query, variables: vars },
    context: context(),
  } as never);
  return { graphqlJs: seen(reference), jit: seen(compiled as never) };
}

describe("graphql-jit answers as graphql-js does", () => {
  it("has README queries to compare", () => expect(readmeQueries.length).toBeGreaterThanOrEqual(10));

  it.each(readmeQueries.map((q, i) => [i, q] as const))("README query %i", async (_i, query) => {
    const { graphqlJs, jit } = await both(query, variables);
    expect(graphqlJs.errors).toEqual([]);
    expect(jit).toEqual(graphqlJs);
  });

  it.each(FORMS)("%s", async (_label, query, vars) => {
    const { graphqlJs, jit } = await both(query, vars);
    expect(jit).toEqual(graphqlJs);
  });
});

describe("an operation name the document does not hold", () => {
  it.each([
    ["an unknown name", { query: "query A { __typename }", operationName: "nope" }, 'Unknown operation named "nope".'],
    [
      "no name among several",
      { query: "query A { __typename } query B { __typename }" },
      "Must provide operation name if query contains multiple operations.",
    ],
  ])("%s is a 400 OPERATION_RESOLUTION_FAILURE, as graphql-js answers it", async (_label, body, message) => {
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(answer.errors.map((e) => [e.message, e.extensions.code])).toEqual([[message, "OPERATION_RESOLUTION_FAILURE"]]);
  });
});
