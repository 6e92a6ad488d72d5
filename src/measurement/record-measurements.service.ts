import { Context } from "../context";
import { BadUserInputError } from "../errors";
import { Tx } from "../database/write";
import { Conditioned, keepConditionsMet } from "./conditional-writes";
import { checkKey, Named, nameItems, prepareAccess, recordBatchChange, reject, Rejection } from "./measurement-keys";
import { MAX_MEASUREMENT_VALUE, MeasurementRejectionCode, RecordMeasurementsInput } from "./record-measurements.inputs";
import { textProblem } from "../common/text";
import { measurementsIngested } from "../common/metrics";

export interface RecordMeasurementsResult {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
}

/** An item that passed the checks that need no database. */
interface Checked extends Conditioned {
  value: number;
  note: string | null;
}

/** Ends an atomic batch's transaction without writing anything, answering `result`. */
class NothingWritten {
  constructor(readonly result: RecordMeasurementsResult) {}
}

/** The checks that need no database; returns the item ready to resolve, or why not. */
function checkItem(item: RecordMeasurementsInput["measurements"][number], index: number, defaultSource: string, now: number): Checked | Rejection {
  const key = checkKey(item, index, defaultSource, now);
  if ("code" in key) return key;
  // GraphQL's Float already refuses NaN and ±Infinity; guard in case another caller does not
  if (typeof item.value !== "number" || !Number.isFinite(item.value)) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "value must be a finite number", "value");
  }
  // bounded so sums and averages over any bucket stay finite in float8
  if (Math.abs(item.value) > MAX_MEASUREMENT_VALUE) {
    return reject(
      index,
      MeasurementRejectionCode.BAD_USER_INPUT,
      `value must be between -${MAX_MEASUREMENT_VALUE} and ${MAX_MEASUREMENT_VALUE}`,
      "value",
    );
  }
  const noteProblem = item.note == null ? null : textProblem(item.note);
  if (noteProblem) return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, `note ${noteProblem}`, "note");
  if (item.expectedValue != null && item.ifUnchangedSince != null) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "Give at most one of expectedValue and ifUnchangedSince", "");
  }
  if (item.ifUnchangedSince != null && Number.isNaN(item.ifUnchangedSince.getTime())) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "ifUnchangedSince is not a valid date-time", "ifUnchangedSince");
  }
  // one literal with every field (not a spread of `key`): all items of a batch share one shape
  return {
    index,
    metricKey: key.metricKey,
    metricRowId: key.metricRowId,
    metricId: null,
    observedAt: key.observedAt,
    source: key.source,
    value: item.value,
    note: item.note ?? null,
    expectedValue: item.expectedValue ?? null,
    ifUnchangedSince: item.ifUnchangedSince ?? null,
  };
}

const INSERT_ROWS = `INSERT INTO measurement (metric_id, observed_at, source, value, note, recorded_at, recorded_by)
     SELECT u.metric_id, u.observed_at, u.source, u.value, u.note, now(), $6
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::float8[], $5::text[])
            WITH ORDINALITY AS u(metric_id, observed_at, source, value, note, ord)
      ORDER BY u.ord`;

function rowValues(rows: Array<Named<Checked>>, recordedBy: string): unknown[] {
  return [
    rows.map((r) => r.metricId),
    // ISO strings in UTC, unambiguous to Postgres whatever the server's or the session's zone
    rows.map((r) => r.observedAt.toISOString()),
    rows.map((r) => r.source),
    rows.map((r) => r.value),
    rows.map((r) => r.note),
    recordedBy,
  ];
}

/**
 * One set-based upsert for the whole batch. The WHERE on DO UPDATE makes an equal value a
 * no-op (no row version, no revision, not returned), unless the stored key was retracted:
 * recording it again makes it count again, as a new revision. A fresh insert is told from a
 * correction by its created_at: the default now() is this transaction's start, and a
 * corrected row was created by an earlier one (system columns such as xmax cannot be
 * returned from a partitioned table). WITH ORDINALITY … ORDER BY keeps the sorted order we chose.
 */
async function upsert(tx: Tx, rows: Array<Named<Checked>>, recordedBy: string): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  // counted in SQL: one row back instead of one per written measurement
  const [counts] = await tx.query<{ inserted: number; written: number }>(
    `WITH up AS (${INSERT_ROWS}
     ON CONFLICT (metric_id, observed_at, source) DO UPDATE
        SET value = EXCLUDED.value, note = EXCLUDED.note,
            recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by, retracted_at = NULL
      WHERE measurement.value IS DISTINCT FROM EXCLUDED.value OR measurement.retracted_at IS NOT NULL
     RETURNING (created_at = now()) AS inserted)
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, count(*)::int AS written FROM up`,
    rowValues(rows, recordedBy),
  );
  return { inserted: counts.inserted, updated: counts.written - counts.inserted };
}

/** Inserts keys that must not be stored yet; the indexes of the items it inserted (a key stored meanwhile is skipped). */
async function insertAbsent(tx: Tx, rows: Array<Named<Checked>>, recordedBy: string): Promise<Set<number>> {
  const written = await tx.query<{ metric_id: string; observed_at: Date; source: string }>(
    `${INSERT_ROWS} ON CONFLICT (metric_id, observed_at, source) DO NOTHING RETURNING metric_id, observed_at, source`,
    rowValues(rows, recordedBy),
  );
  const keyOf = (metricId: string, observedAt: Date, source: string) => `${metricId}|${observedAt.getTime()}|${source}`;
  const keys = new Set(written.map((w) => keyOf(w.metric_id, w.observed_at, w.source)));
  return new Set(rows.filter((r) => keys.has(keyOf(r.metricId, r.observedAt, r.source))).map((r) => r.index));
}

/**
 * Records a batch of measurements idempotently: one transaction and a constant number of
 * statements (resolve metrics, upsert, the change record) whatever the batch size. Items
 * that fail a check are reported by index; with `atomic`, any such item means nothing is written.
 */
export async function recordMeasurements(ctx: Context, input: RecordMeasurementsInput): Promise<RecordMeasurementsResult> {
  const result = await record(ctx, input);
  // counted once committed (a failed transaction counts nothing)
  measurementsIngested.inc({ result: "inserted" }, result.inserted);
  measurementsIngested.inc({ result: "updated" }, result.updated);
  measurementsIngested.inc({ result: "unchanged" }, result.unchanged);
  measurementsIngested.inc({ result: "rejected" }, result.rejected.length);
  return result;
}

async function record(ctx: Context, input: RecordMeasurementsInput): Promise<RecordMeasurementsResult> {
  const limit = ctx.config.maxMeasurementsPerCall;
  if (input.measurements.length > limit) {
    throw new BadUserInputError(`At most ${limit} measurements per call (got ${input.measurements.length}); split the batch`, "input.measurements");
  }
  const now = Date.now();
  const rejected: Rejection[] = [];
  const checked: Checked[] = [];
  input.measurements.forEach((item, index) => {
    const result = checkItem(item, index, ctx.callerName, now);
    if ("code" in result) rejected.push(result);
    else checked.push(result);
  });
  const empty = { accepted: 0, inserted: 0, updated: 0, unchanged: 0 };
  if (checked.length === 0 || (input.atomic && rejected.length > 0)) return { ...empty, rejected };

  await prepareAccess(ctx);
  try {
    return await ctx.write(async (tx) => {
      const named = await nameItems(ctx, tx, checked, rejected, "Recording");
      if (named.length === 0 || (input.atomic && rejected.length > 0)) return { ...empty, rejected };
      const met = await keepConditionsMet(tx, named, rejected, (absent) => insertAbsent(tx, absent, ctx.callerName));
      // an atomic batch with an unmet condition writes nothing: its early inserts are rolled back
      if (input.atomic && rejected.length > 0) throw new NothingWritten({ ...empty, rejected });

      const written = await upsert(tx, met.rows, ctx.callerName);
      const inserted = written.inserted + met.insertedEarly;
      const { updated } = written;
      const accepted = met.rows.length + met.insertedEarly;
      const unchanged = accepted - inserted - updated;
      // one change per call that wrote something
      if (inserted + updated > 0) {
        const refused = new Set(rejected.map((r) => r.index));
        const kept = named.filter((r) => !refused.has(r.index));
        await recordBatchChange(ctx, tx, "RECORD", kept, { accepted, inserted, updated, unchanged, rejected: rejected.length });
      }
      return { accepted, inserted, updated, unchanged, rejected };
    });
  } catch (e) {
    if (e instanceof NothingWritten) return e.result;
    throw e;
  }
}
