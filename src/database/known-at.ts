import { raw, Sql, sql } from "./sql";

/**
 * Record time (DOMAIN.md, "History"): what the service knew at an instant. `null` is "as
 * known now", the live tables; a Date `k` reads every tracked table through `<table>_at(k)`
 * (migration KnownAt), which keeps the live rows recorded by k and the history rows current
 * at k. Both are inlinable SQL, so conditions reach the indexes of both halves: a past
 * `knownAt` costs a second, small index scan per table, and the current path is unchanged.
 */
export type KnownAt = Date | null;

/** Tables whose past versions are kept; `measurement` keeps its own (measurement_revision). */
const TRACKED = new Set([
  "portfolio",
  "initiative",
  "metric",
  "outcome_hypothesis",
  "portfolio_member",
  "scoring_model",
  "initiative_criterion_score",
  "decision",
  "funding_tranche",
  "gate_policy",
  "signal_snooze",
  "measurement",
]);

/**
 * `k` as the database compares it. The API's instants have millisecond precision and the
 * database's microsecond: a `knownAt` names the whole millisecond (up to its last
 * microsecond), so asking at an instant the API returned (a decision's decidedAt, a
 * response's extensions.knownAt) includes what was written in that instant.
 */
export function recordTime(k: Date): Sql {
  return sql`(${k}::timestamptz + interval '999 microseconds')`;
}

/**
 * A FROM item for `table` as known at `k` (alias it after): the table itself for `null` or an
 * untracked table, else `table_at(k)`, which has the same columns. For `measurement` it yields
 * only the rows that counted at k (with the values they had), none of them retracted, so the
 * usual `retracted_at IS NULL` condition holds for all of them.
 */
export function tableAt(table: string, k: KnownAt): Sql {
  return k === null || !TRACKED.has(table) ? raw(table) : sql`${raw(`${table}_at`)}(${recordTime(k)})`;
}

/**
 * The record time an answer is computed at: the one asked for (a field's `knownAt`, else the
 * operation's `@knownAt`), or null ("now") when none is or it is not in the past. The effective
 * instant is reported back, so a later request can ask for exactly the same figures.
 */
export function pastOnly(asked: Date | null | undefined, now: Date): KnownAt {
  return asked && asked.getTime() < now.getTime() ? asked : null;
}
