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
