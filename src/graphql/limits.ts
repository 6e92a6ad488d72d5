import { GraphQLError, GraphQLSchema, getNamedType, GraphQLObjectType, ParseOptions, ValidationRule } from "graphql";
import { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../common/connection";

/**
 * Request limits, all checked before any resolver runs (README, "Limits"):
 * depth, aliases and directives by graphql-armor's validation rules, tokens by the
 * GraphQL parser itself, cost by graphql-query-complexity over the whole operation.
 */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

/**
 * A connection costs its page size times what each node asks for, so nested pages multiply
 * as they do in the database. Other fields cost 1 unless their definition says otherwise
 * (`complexity` on the field: expensive computed fields such as progress and rollups).
 */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (type instanceof GraphQLObjectType && type.name.endsWith("Connection")) {
    const n = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : DEFAULT_PAGE_SIZE;
    return 1 + childComplexity * Math.max(n, 1);
  }
  if (field.name === "nodes" && Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
  return undefined;
};

type Document = Parameters<typeof getComplexity>[0]["query"];

export function operationCost(schema: GraphQLSchema, document: Document, variables: Record<string, unknown> | undefined, operationName?: string) {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

const TOO_BIG = Symbol("too big");
const COSTS_PER_DOCUMENT = 256;
const costs = new WeakMap<Document, Map<string, number>>();

/** `variables` as a cache key, or null when they hold more than `maxValues` values (a bulk write). */
function variablesKey(variables: Record<string, unknown> | undefined, maxValues = 200): string | null {
  let n = 0;
  try {
    return JSON.stringify(variables ?? {}, (_key, value) => {
      if (++n > maxValues) throw TOO_BIG;
      return value;
    });
  } catch (e) {
    if (e === TOO_BIG) return null;
    throw e;
  }
}

/**
 * operationCost, remembered per document (Apollo keeps one parsed document per query text)
 * and operation name and variables: a portal sends the same few operations over and over,
 * and walking the dashboard's document cost 0.45 ms a request. Bulk writes, whose variables
 * are too big to be a key, are costed every time.
 */
export function cachedOperationCost(
  schema: GraphQLSchema,
  document: Document,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
) {
  const vars = variablesKey(variables);
  if (vars === null) return operationCost(schema, document, variables, operationName);
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  const key = `${operationName ?? ""}\u0000${vars}`;
  let cost = byVariables.get(key);
  if (cost === undefined) {
    cost = operationCost(schema, document, variables, operationName);
    if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.delete(byVariables.keys().next().value!);
    byVariables.set(key, cost);
  }
  return cost;
}

/** Refuses an operation over `maxCost` before execution and reports every request's cost in `extensions.cost`. */
export function costLimitPlugin(schema: GraphQLSchema, limits: Limits): ApolloServerPlugin<{ spent: { cost: number } }> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ request, document, contextValue }) {
          try {
            cost = cachedOperationCost(schema, document, request.variables, request.operationName ?? undefined);
          } catch {
            // invalid variables: execution reports them as BAD_USER_INPUT, before any resolver
            return;
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${limits.maxCost}: ask for smaller pages (first/last) or fewer nested lists`,
              // a client error like the other limits: without `http`, Apollo answers 500
              { extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
          // the operations of one batched request share the limit (their contexts share `spent`)
          contextValue.spent.cost += cost;
          if (contextValue.spent.cost > limits.maxCost) {
            throw new GraphQLError(
              `The batch's operations together cost ${contextValue.spent.cost}, over the limit of ${limits.maxCost}: send fewer or smaller operations`,
              { extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost !== undefined && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { requested: cost, limit: limits.maxCost },
            };
          }
        },
      };
    },
  };
}

/** graphql-armor's protections with our limits; field suggestions are blocked in production. */
export function armor(
  limits: Limits,
  production: boolean,
): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; parseOptions: ParseOptions } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    // every alias counts, `__typename` too (graphql-armor lets those through by default: 1,000 were accepted)
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // graphql-armor's token limit throws from a plugin hook, which Apollo answers with
    // HTTP 500 and without our response extensions; the parser's own limit is an
    // ordinary syntax error (400), reworded below.
    maxTokens: { enabled: false },
    costLimit: { enabled: false }, // replaced by the per-field cost above
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins: [...plugins, tokenLimitMessage(limits.maxTokens)], validationRules, parseOptions: { maxLexicalTokens: limits.maxTokens } };
}

/** The parser's "Document contains more that N tokens" in the words of the other limits. */
function tokenLimitMessage(maxTokens: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (/Document contains more th(?:at|an) \d+ tokens/.test(error.message)) {
              error.message = `Syntax Error: Token limit of ${maxTokens} exceeded: send a smaller document (RMO_MAX_TOKENS)`;
            }
          }
        },
      };
    },
  };
}
