import fs from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { useTestApp } from "../support/app";
import { buildAppSchema } from "../../src/schema";
import { operationCost } from "../../src/graphql/limits";
import { seedDemo } from "../../src/seed/demo";

/**
 * Every GraphQL example in the README is valid against the schema and costs at most half of
 * the default cost limit; the queries run against the demo data without errors and with
 * meaningful answers: no list comes back empty and no count is zero, except where the README
 * shows an empty answer on purpose (listed below). A README that drifts from the API, or a
 * demo dataset that stops showing what the README promises, fails here.
 */
const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
const app = useTestApp();
const schema = buildAppSchema();

/** Answers that are empty by design for the demo's admin (paths with list indexes removed). */
const EMPTY_ON_PURPOSE = new Set([
  // the bootstrap admin holds no role and is not an API token
  "viewer.roles",
  // an initiative with every input given misses none; a plan keeps what is in flight
  "portfolios.nodes.ranking.nodes.missingInputs",
  "planScenario.leaving",
]);

/**
 * Paths (list indexes dropped) where the answer is empty everywhere: a list empty in every
 * place it occurs, or a count that is zero in every place (one initiative without hypotheses
 * is demo data; all of them without is a broken example).
 */
function emptyAnswers(data: unknown): string[] {
  const seen = new Map<string, boolean>();
  const note = (path: string, filled: boolean) => seen.set(path, (seen.get(path) ?? false) || filled);
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      note(path, value.length > 0);
      for (const v of value) walk(v, path);
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (/Count$/.test(key) && typeof v === "number") note(at, v > 0);
        else walk(v, at);
      }
    }
  };
  walk(data, "");
  return [...seen].filter(([, filled]) => !filled).map(([path]) => path);
}

describe("README examples", () => {
  // the README's variables, bound to demo rows
  const variables: Record<string, unknown> = { version: 1, after: null };
  beforeAll(async () => {
    await seedDemo(app.dataSource, () => {}, { now: new Date("2026-06-01T00:00:00Z") });
    const data = await app.ok(`{ portfolios(filter: { rootsOnly: true }) { nodes { id initiatives(first: 1) { nodes { id } } } } }`);
    variables.portfolioId = data.portfolios.nodes[0].id;
    variables.id = data.portfolios.nodes[0].initiatives.nodes[0]?.id ?? data.portfolios.nodes[0].id;
  });

  it("has examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b, i) => [i, b] as const))("example %i is valid and within half the cost limit", async (_i, block) => {
    const document = parse(block);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const cost = operationCost(schema, document, variables);
    expect(cost).toBeLessThanOrEqual(app.config.limits.maxCost / 2);
    if (!block.trimStart().startsWith("mutation")) {
      const res = await app.gql(block, variables);
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.cost?.requested).toBe(cost);
      const empty = emptyAnswers(res.data).filter((p) => !EMPTY_ON_PURPOSE.has(p));
      expect(empty).toEqual([]);
    }
  });
});
