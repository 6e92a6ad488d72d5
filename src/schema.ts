import "reflect-metadata";
import { GraphQLSchema } from "graphql";
import { resolvers } from "./resolvers";
import { CapabilityChecker } from "./access/capabilities";
import { buildApiSchema } from "./graphql/schema-build";

let cached: GraphQLSchema | undefined;

/** The whole API. Built once per process; `npm run schema` prints it to schema.graphql. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= buildApiSchema(resolvers, CapabilityChecker);
  return cached;
}
