/**
 * The error codes of API.md, as domain types: services throw these and know nothing of
 * GraphQL; the edge (src/graphql/format-error.ts) maps each to `extensions.code` and
 * `extensions.field`. Anything else a client sees is masked as INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CONFLICT"
  | "GATE_NOT_MET"
  | "SERVICE_UNAVAILABLE"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  /**
   * `field` is the input path at fault, e.g. `input.name` or `input.measurements.3.value`;
   * `details` are further facts a client may act on (they become extensions too).
   */
  constructor(
    message: string,
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** What a client sees beside the message. */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), ...this.details };
  }
}

export class BadUserInputError extends DomainError {
  readonly code = "BAD_USER_INPUT";
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
}

/** A decision whose stage gate criteria are not met: `unmet` lists each (API.md, "Errors"). */
export class GateNotMetError extends DomainError {
  readonly code = "GATE_NOT_MET";
  constructor(message: string, unmet: ReadonlyArray<{ criterion: string; detail: string }>) {
    super(message, "input.kind", { unmet });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Authentication required") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
  constructor(message = "Not allowed") {
    super(message);
  }
}
