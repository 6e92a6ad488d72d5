/** Postgres SQLSTATEs we turn into client errors. */
export const PG_UNIQUE_VIOLATION = "23505";
export const PG_CHECK_VIOLATION = "23514";
export const PG_FOREIGN_KEY_VIOLATION = "23503";

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

/** True when `e` is the violation of `constraint` (or of any constraint with that SQLSTATE). */
export function isConstraintViolation(e: unknown, sqlState: string, constraint?: string): boolean {
  const d = driverError(e);
  return d?.code === sqlState && (constraint === undefined || d.constraint === constraint);
}
