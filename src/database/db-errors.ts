/** Postgres SQLSTATEs we turn into client errors. */
export const PG_UNIQUE_VIOLATION = "23505";

interface PgLikeError {
  code?: string;
  constraint?: string;
}

/** The driver error inside TypeORM's QueryFailedError (or the pg error itself). */
function driverError(e: unknown): PgLikeError | undefined {
  if (!e || typeof e !== "object") return undefined;
  const inner = (e as { driverError?: PgLikeError }).driverError;
  return inner ?? (e as PgLikeError);
}

/** The SQLSTATE of a failed statement, or undefined for any other error. */
export function sqlStateOf(e: unknown): string | undefined {
  const code = driverError(e)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when `e` failed with `sqlState` (and, when given, on `constraint`). */
export function hasSqlState(e: unknown, sqlState: string, constraint?: string): boolean {
  return sqlStateOf(e) === sqlState && (constraint === undefined || driverError(e)?.constraint === constraint);
}

/** Node socket errors and pg client messages of a database that cannot be reached or stopped answering. */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const UNREACHABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Query read timeout",
  "Connection ended",
  "Client has encountered a connection error",
  "the database system is starting up",
  "the database system is shutting down",
];

/**
 * True when `e` means the database is unreachable or not answering (not that a statement was
 * wrong): refused or dropped connections, the client-side query timeout, and SQLSTATE class 08
 * (connection exception) and 57P01–57P03 (shutdown, crash, cannot connect now). Such a request
 * may be retried later, and is answered 503 with Retry-After.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const x = cur as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof x.code === "string" && (UNREACHABLE_CODES.has(x.code) || x.code.startsWith("08") || ["57P01", "57P02", "57P03"].includes(x.code)))
      return true;
    if (typeof x.message === "string" && UNREACHABLE_MESSAGES.some((m) => (x.message as string).includes(m))) return true;
    cur = x.driverError ?? x.cause;
  }
  return false;
}
