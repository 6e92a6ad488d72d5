import { GraphQLError, GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";

/** Compiled operations kept (by document hash and operation name); the oldest goes first. */
const MAX_COMPILED = 1_000;

/**
 * Executes operations with graphql-jit instead of graphql-js: each operation document is
 * compiled once into JavaScript and reused. Apollo parses, validates and runs every plugin
 * as before; only execution changes (Apollo's gateway interface is its hook for that).
 * Variables are coerced by graphql-js first, so their input objects carry their defaults
 * (graphql-jit 0.8 refuses an input object that omits a non-null field with a default).
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  const executor: GatewayExecutor = async (rc) => {
    // no operation of that name (or several and none named): graphql-js's error, which
    // Apollo answers as OPERATION_RESOLUTION_FAILURE (400)
    if (!rc.operation) return { errors: [new GraphQLError(operationMissing(rc.request.operationName))] } as never;
    const key = `${rc.queryHash}:${rc.operationName ?? ""}`;
    let query = compiled.get(key);
    if (!query) {
      const made = compileQuery(rc.schema, rc.document, rc.operationName ?? undefined);
      if (!isCompiledQuery(made)) return made as never;
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, made);
      query = made;
    }
    const variables = getVariableValues(rc.schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {});
    if (variables.errors) return { errors: variables.errors } as never;
    const result = await query.query(undefined, rc.context, variables.coerced);
    return (result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result) as never;
  };
  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}

function operationMissing(name: string | null | undefined): string {
  return name ? `Unknown operation named "${name}".` : "Must provide operation name if query contains multiple operations.";
}

/**
 * graphql-jit's errors are its own objects: `message` is read-only (graphql-armor rewrites
 * field suggestions away in production) and `extensions` is undefined when the thrown error
 * has none (Apollo reads `extensions.code` of every error, and masked them all as "Internal
 * server error" before our formatError saw them). The same error as graphql-js would make.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  Object.assign(made, { locations: error.locations });
  return made;
}
