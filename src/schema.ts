import "reflect-metadata";
import { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { resolvers } from "./resolvers";
import { CapabilityChecker } from "./access/capabilities";
import { validateInput } from "./graphql/validate-input";
import { callReadableResolversDirectly } from "./graphql/direct-resolvers";
import { DateTime } from "./graphql/date-time";

let cached: GraphQLSchema | undefined;
let directlyCalled = false;

/** The whole API. Built once per process; `npm run schema` prints it to schema.graphql. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    // one date-time scalar for every Date field (STACK.md): graphql-scalars' DateTime, with a
    // fast path for the common UTC form (common/date-time.ts)
    scalarsMap: [{ type: Date, scalar: DateTime }],
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
