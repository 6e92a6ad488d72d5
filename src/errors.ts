import { GraphQLError } from "graphql";

/**
 * The error codes of API.md. Every error a client can cause is one of these classes,
 * so `extensions.code` is stable and nothing else reaches the client unmasked.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "INTERNAL_SERVER_ERROR";

export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;
}

export class BadUserInputError extends AppError {
  readonly code = "BAD_USER_INPUT";
  /** `field` is the input path, e.g. `input.name` or `input.measurements.3.value`. */
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) } });
  }
}

export class NotFoundError extends AppError {
  readonly code = "NOT_FOUND";
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: "NOT_FOUND", ...(field ? { field } : {}) } });
  }
}

export class ConflictError extends AppError {
  readonly code = "CONFLICT";
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: "CONFLICT", ...(field ? { field } : {}) } });
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Authentication required") {
    super(message, { extensions: { code: "UNAUTHENTICATED" } });
  }
}

export class ForbiddenError extends AppError {
  readonly code = "FORBIDDEN";
  constructor(message = "Not allowed") {
    super(message, { extensions: { code: "FORBIDDEN" } });
  }
}
