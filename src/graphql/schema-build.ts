import { GraphQLObjectType, GraphQLSchema, specifiedDirectives } from "graphql";
import { AuthCheckerInterface, buildSchemaSync, NonEmptyArray } from "type-graphql";
import { validateInput } from "./validate-input";
import { callReadableResolversDirectly } from "./direct-resolvers";
import { DateTime } from "./date-time";
import { KNOWN_AT_DIRECTIVE } from "./known-at";

/**
 * Builds the schema from resolver classes with this API's conventions: one DateTime scalar,
 * our input validation, capabilities checked by `authChecker`, and the read-only nested
 * field resolvers called straight from graphql-js. The resolver list and the checker come
 * from the composition root (src/schema.ts), so this layer knows no feature.
 */
export function buildApiSchema<C extends object>(resolvers: NonEmptyArray<Function>, authChecker: new () => AuthCheckerInterface<C>): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers,
    // one date-time scalar for every Date field (STACK.md): graphql-scalars' DateTime, with a
    // fast path for the common UTC form (date-time.ts)
    scalarsMap: [{ type: Date, scalar: DateTime }],
    validateFn: validateInput,
    authChecker,
    // an @Authorized check that fails raises the checker's own typed error (FORBIDDEN)
    authMode: "error",
    directives: [...specifiedDirectives, KNOWN_AT_DIRECTIVE],
    emitSchemaFile: false,
  });
  callReadableResolversDirectly(schema);
  resolveCountsExplicitly(schema);
  return schema;
}

/**
 * A connection's counts (`totalCount`, `scoredCount`) are getters that start a count query
 * only when read, so they are promises. graphql-js awaits a promise found in a property;
 * a compiled executor (graphql-jit) reads a field with no resolver as a plain value. An
 * explicit resolver makes the promise explicit for both.
 */
function resolveCountsExplicitly(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || !type.name.endsWith("Connection")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve && /Count$/.test(field.name)) field.resolve = (source: Record<string, unknown>) => source[field.name];
    }
  }
}
