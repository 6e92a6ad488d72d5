import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLError,
  GraphQLNonNull,
  GraphQLSchema,
  OperationDefinitionNode,
  getDirectiveValues,
} from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { DateTime } from "./date-time";

/**
 * `query Board @knownAt(at: "2026-11-30T23:59:59Z") { … }`: the whole operation is answered
 * as the service knew it then (DOMAIN.md, "History"): every object and list as it was
 * recorded by that instant, every value field from the measurements recorded by then (and
 * `asOf` defaults to it). One argument a BI tool sets once per report; a value field's own
 * `knownAt` argument still wins for that field. Queries only: a write happens now.
 */
export const KNOWN_AT_DIRECTIVE = new GraphQLDirective({
  name: "knownAt",
  description:
    "Answer the whole query as the service knew it at `at` (record time): objects, lists and figures as recorded by then, so a figure can be " +
    "reproduced exactly later. `asOf` of every value field defaults to it. The instant used is returned in `extensions.knownAt`.",
  locations: [DirectiveLocation.QUERY],
  args: {
    at: { type: new GraphQLNonNull(DateTime), description: "The record time; an instant not in the past means now." },
  },
});

/** The description every value field's `knownAt` argument carries. */
export const KNOWN_AT_ARG = {
  nullable: true,
  description:
    "Compute from what the service had recorded at this instant (default: the operation's @knownAt, else now); asOf defaults to it. " +
    "Figures at a past knownAt never change afterwards.",
} as const;

/** The `@knownAt(at:)` of an operation, with its variables coerced; null when it has none. */
export function operationKnownAt(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown> | undefined,
): Date | null {
  if (!operation.directives?.some((d) => d.name.value === KNOWN_AT_DIRECTIVE.name)) return null;
  const vars = getVariableValues(schema, operation.variableDefinitions ?? [], inputs ?? {});
  // invalid variables are reported by execution itself, with their usual message
  if (vars.errors) return null;
  const args = getDirectiveValues(KNOWN_AT_DIRECTIVE, operation, vars.coerced);
  if (!(args?.at instanceof Date)) throw new GraphQLError("@knownAt needs `at`, an RFC 3339 date-time", { extensions: { code: "BAD_USER_INPUT" } });
  return args.at;
}
