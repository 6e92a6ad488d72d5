import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What we know about the request being served, reachable from anywhere beneath it
 * (the SQL logger, formatError) without threading it through every call.
 */
export interface RequestScope {
  requestId: string;
  /** SQL statements sent while serving this request. */
  statements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
