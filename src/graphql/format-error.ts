import { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { DomainError } from "../errors";
import { hasSqlState, isDatabaseUnavailable } from "../database/db-errors";

/** What a client is told to wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** What a client is told when the database is unavailable (GraphQL errors and the HTTP layer alike). */
export const UNAVAILABLE_MESSAGE = "The database is unavailable; nothing was written. Retry later.";
import { REQUEST_ID } from "../request-scope";
import { log } from "../common/log";

/**
 * SQLSTATEs only client text can cause: Postgres cannot store U+0000 in text (22021), and
 * every string argument reaches SQL as a bind parameter, so this is the client's input.
 */
const CLIENT_TEXT_ERRORS = ["22021", "22P05"];

/** Deadlock and serialization failures: the transaction was rolled back and may simply be retried. */
const CONCURRENCY_ERRORS = ["40P01", "40001"];

/** Errors raised by GraphQL itself before any resolver ran: safe to show as they are. */
const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "INTROSPECTION_DISABLED",
]);

function firstViolation(errors: ValidationError[], path: string[] = []): { field: string; message: string } | null {
  for (const e of errors) {
    const here = [...path, e.property];
    if (e.constraints) {
      const message = Object.values(e.constraints)[0];
      return { field: here.join("."), message };
    }
    const nested = firstViolation(e.children ?? [], here);
    if (nested) return nested;
  }
  return null;
}

/**
 * The domain error behind `error`, if any: graphql-js and Apollo wrap what a resolver or a
 * plugin throws (`originalError`), with or without a path.
 */
function domainErrorIn(error: unknown): DomainError | null {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { originalError?: unknown }).originalError, depth++) {
    if (e instanceof DomainError) return e;
  }
  return null;
}

/**
 * Shapes every error the client sees (API.md, "Errors"): our typed errors keep their code
 * and field; class-validator failures become BAD_USER_INPUT naming the input path; GraphQL's
 * own request errors pass; anything else is masked as INTERNAL_SERVER_ERROR with a request id
 * that is also in the log, so no SQL, stack or driver text reaches the client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const domain = domainErrorIn(error);
  if (domain) return { ...base, message: domain.message, extensions: domain.extensions };
  if (original instanceof ArgumentValidationError) {
    const v = firstViolation(original.extensions.validationErrors);
    // every mutation takes one `input` argument, so validated objects are inputs
    const field = v ? `input.${v.field}` : undefined;
    return {
      ...base,
      message: v ? `Invalid ${field}: ${v.message}` : "Invalid input",
      extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) },
    };
  }
  if (CLIENT_TEXT_ERRORS.some((state) => hasSqlState(original, state))) {
    return {
      ...base,
      message: "Text input contains a character that cannot be stored (such as U+0000)",
      extensions: { code: "BAD_USER_INPUT" },
    };
  }
  if (isDatabaseUnavailable(original)) {
    // nothing of the request was committed; the server answers 503 with Retry-After (server.ts)
    return {
      ...base,
      message: UNAVAILABLE_MESSAGE,
      extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  if (CONCURRENCY_ERRORS.some((state) => hasSqlState(original, state))) {
    // two requests changed the same rows at once and Postgres aborted one: nothing was written
    return {
      ...base,
      message: "A concurrent change got in the way; nothing was written. Retry the request.",
      extensions: { code: "CONFLICT" },
    };
  }
  const code = formatted.extensions?.code;
  const fromResolver = original !== error || formatted.path !== undefined;
  if (typeof code === "string" && PASS_THROUGH.has(code) && !fromResolver) {
    return { ...base, extensions: { code } };
  }
  // Apollo's own refusals of a request (a persisted query's wrong hash or version) carry an
  // HTTP 4xx status but no code: the client's mistake, said as such, not an internal error
  const status = (error as { extensions?: { http?: { status?: number } } } | null)?.extensions?.http?.status;
  if (!fromResolver && typeof status === "number" && status >= 400 && status < 500) {
    return { ...base, extensions: { code: "BAD_REQUEST" } };
  }
  const requestId = (error as Record<symbol, string> | null)?.[REQUEST_ID] ?? "unknown";
  log.error({ requestId, err: original }, "request failed");
  return {
    ...base,
    message: `Internal server error (request id ${requestId})`,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}
