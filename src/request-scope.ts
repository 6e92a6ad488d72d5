import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counts the SQL statements of the request being served, for `extensions.sqlStatements`.
 * It is only entered when SQL statistics are on (tests, the bench's verification, local
 * development): on Node 20 an active AsyncLocalStorage puts a hook on every promise, which
 * costs a production server about a fifth of its CPU on wide queries.
 */
export interface RequestScope {
  /** SQL statements sent while serving this request. */
  statements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Where formatError finds the request id of an error (set by the server's plugin). */
export const REQUEST_ID = Symbol("requestId");
