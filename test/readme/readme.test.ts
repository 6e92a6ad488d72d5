import fs from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { useTestApp } from "../support/app";
import { buildAppSchema } from "../../src/schema";
import { operationCost } from "../../src/graphql/limits";
import { seedDemo } from "../../src/seed/demo";

/**
 * Every GraphQL example in the README is valid against the schema and costs at most half of
 * the default cost limit; the ones that need no variables run against the demo data without
 * errors. A README that drifts from the API fails here.
 */
const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
const app = useTestApp();
const schema = buildAppSchema();

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
    }
  });
});
