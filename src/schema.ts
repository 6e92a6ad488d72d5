import "reflect-metadata";
import { GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchemaSync } from "type-graphql";
import { resolvers } from "./resolvers";
import { CapabilityChecker } from "./auth/capabilities";
import { validateInput } from "./validate-input";
import { callReadableResolversDirectly } from "./direct-resolvers";

let cached: GraphQLSchema | undefined;
let directlyCalled = false;

/** The whole API. Built once per process; `npm run schema` prints it to schema.graphql. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    // one date-time scalar for every Date field (STACK.md)
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validateFn: validateInput,
    authChecker: CapabilityChecker,
    // an @Authorized check that fails raises the checker's own typed error (FORBIDDEN)
    authMode: "error",
    emitSchemaFile: false,
  });
  if (!directlyCalled) {
    callReadableResolversDirectly(cached);
    directlyCalled = true;
  }
  return cached;
}
