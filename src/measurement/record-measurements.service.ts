import { Context } from "../context";
import { BadUserInputError } from "../errors";
import { decodeGlobalId } from "../common/global-id";
import { sql } from "../database/sql";
import { Tx } from "../database/write";
import { PortfolioRole, ROLE_RANK } from "../access/roles";
import { MeasurementRejectionCode, RecordMeasurementsInput } from "./record-measurements.inputs";

/** One item that was not written, with the input path at fault. */
export interface Rejection {
  index: number;
  code: MeasurementRejectionCode;
  message: string;
  field: string | null;
}

export interface RecordMeasurementsResult {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
}

/** An item that passed the checks that need no database. */
interface Checked {
  index: number;
  metricKey: string | null;
  metricRowId: string | null;
  value: number;
  observedAt: Date;
  source: string;
  note: string | null;
}

/** A row ready for the upsert. */
interface Row extends Checked {
  metricId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_SOURCE_CHARS = 200;

function reject(index: number, code: MeasurementRejectionCode, message: string, field: string): Rejection {
  return { index, code, message, field: `input.measurements.${index}${field ? `.${field}` : ""}` };
}

/** The checks that need no database; returns the item ready to resolve, or why not. */
function checkItem(item: RecordMeasurementsInput["measurements"][number], index: number, defaultSource: string, now: number): Checked | Rejection {
  const hasKey = item.metricKey != null;
  const hasId = item.metricId != null;
  if (hasKey === hasId) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "Give exactly one of metricKey or metricId", "");
  }
  let metricRowId: string | null = null;
  if (hasId) {
    const decoded = decodeGlobalId(item.metricId!);
    if (!decoded) return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "metricId is not a valid ID", "metricId");
    if (decoded.type !== "Metric") {
      return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, `metricId must be the ID of a Metric, not of a ${decoded.type}`, "metricId");
    }
    metricRowId = decoded.key;
  }
  // GraphQL's Float already refuses NaN and ±Infinity; guard in case another caller does not
  if (typeof item.value !== "number" || !Number.isFinite(item.value)) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "value must be a finite number", "value");
  }
  const t = item.observedAt instanceof Date ? item.observedAt.getTime() : NaN;
  if (Number.isNaN(t)) return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "observedAt is not a valid date-time", "observedAt");
  // Postgres has no year 0, which RFC 3339 allows: refuse it here rather than fail the statement
  if (item.observedAt.getUTCFullYear() < 1) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "observedAt must be in year 1 or later", "observedAt");
  }
  if (t > now + DAY_MS) {
    return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "observedAt may be at most 24 hours ahead of now", "observedAt");
  }
  const source = item.source ?? defaultSource;
  if (source.trim() === "") return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, "source must not be empty", "source");
  // count code points as Postgres' char_length does, not UTF-16 units (never more than those)
  const sourceChars = source.length > MAX_SOURCE_CHARS ? [...source].length : source.length;
  if (sourceChars > MAX_SOURCE_CHARS) {
    return reject(
      index,
      MeasurementRejectionCode.BAD_USER_INPUT,
      `source must be at most ${MAX_SOURCE_CHARS} characters (got ${sourceChars})`,
      "source",
    );
  }
  return {
    index,
    metricKey: hasKey ? item.metricKey! : null,
    metricRowId,
    value: item.value,
    observedAt: item.observedAt,
    source,
    note: item.note ?? null,
  };
}

/**
 * Row keys of the metrics the batch names, by key and by row id, in one statement.
 * FOR KEY SHARE keeps them from being deleted before the upsert (which would otherwise
 * fail on the foreign key), without blocking edits of the metrics.
 */
async function resolveMetrics(ctx: Context, tx: Tx, items: Checked[]): Promise<MetricRefs> {
  const keys = [...new Set(items.flatMap((i) => (i.metricKey !== null ? [i.metricKey] : [])))];
  const ids = [...new Set(items.flatMap((i) => (i.metricRowId !== null ? [i.metricRowId] : [])))];
  // metrics the caller cannot see are reported as unknown, exactly like missing ones
  const visible = (await ctx.access.condition("metric")) ?? sql`true`;
  const q = sql`SELECT t.id, t.key, t.portfolio_id FROM metric t
    WHERE (t.key = ANY(${keys}::text[]) OR t.id = ANY(${ids}::uuid[])) AND ${visible} FOR KEY SHARE OF t`.toQuery();
  const rows: MetricRef[] = (await tx.query<Record<string, string>>(q.text, q.values)).map((r) => ({
    id: r.id,
    key: r.key,
    portfolioId: r.portfolio_id,
  }));
  return { byKey: new Map(rows.map((r) => [r.key, r])), byId: new Map(rows.map((r) => [r.id, r])) };
}

interface MetricRef {
  id: string;
  key: string;
  portfolioId: string;
}

interface MetricRefs {
  byKey: Map<string, MetricRef>;
  byId: Map<string, MetricRef>;
}

/**
 * Why the caller may not write this metric's measurements, or null: it takes CONTRIBUTOR on
 * the metric's own portfolio, and an API token must also name the metric or a portfolio above it.
 */
async function writeDenied(ctx: Context, metric: MetricRef): Promise<string | null> {
  if ((await ctx.access.rank(metric.portfolioId)) < ROLE_RANK[PortfolioRole.CONTRIBUTOR]) {
    return "Recording measurements of this metric needs the CONTRIBUTOR role on its portfolio";
  }
  const token = ctx.access.viewer.token;
  if (token && !token.metricKeys.includes(metric.key) && !(await ctx.access.tokenPortfolios()).has(metric.portfolioId)) {
    return "This API token may not write this metric";
  }
  return null;
}

/** The natural key's order; every call sorts by it, so overlapping calls lock rows in the same order. */
function byNaturalKey(a: Row, b: Row): number {
  if (a.metricId !== b.metricId) return a.metricId < b.metricId ? -1 : 1;
  const dt = a.observedAt.getTime() - b.observedAt.getTime();
  if (dt !== 0) return dt;
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

/** The natural key's order, then the input order: of equal keys, the earliest item comes first. */
function byNaturalKeyThenIndex(a: Row, b: Row): number {
  return byNaturalKey(a, b) || a.index - b.index;
}

/**
 * One set-based upsert for the whole batch. The WHERE on DO UPDATE makes an equal value a
 * no-op (no row version, no revision, not returned); `xmax = 0` tells a fresh insert from a
 * correction. WITH ORDINALITY … ORDER BY keeps the sorted order we chose.
 */
async function upsert(tx: Tx, rows: Row[], recordedBy: string): Promise<{ inserted: number; updated: number }> {
  // counted in SQL: one row back instead of one per written measurement
  const [counts] = await tx.query<{ inserted: number; written: number }>(
    `WITH up AS (INSERT INTO measurement (metric_id, observed_at, source, value, note, recorded_at, recorded_by)
     SELECT u.metric_id, u.observed_at, u.source, u.value, u.note, now(), $6
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::float8[], $5::text[])
            WITH ORDINALITY AS u(metric_id, observed_at, source, value, note, ord)
      ORDER BY u.ord
     ON CONFLICT (metric_id, observed_at, source) DO UPDATE
        SET value = EXCLUDED.value, note = EXCLUDED.note,
            recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by
      WHERE measurement.value IS DISTINCT FROM EXCLUDED.value
     RETURNING (xmax = 0) AS inserted)
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, count(*)::int AS written FROM up`,
    [
      rows.map((r) => r.metricId),
      // ISO strings in UTC, unambiguous to Postgres whatever the server's or the session's zone
      rows.map((r) => r.observedAt.toISOString()),
      rows.map((r) => r.source),
      rows.map((r) => r.value),
      rows.map((r) => r.note),
      recordedBy,
    ],
  );
  return { inserted: counts.inserted, updated: counts.written - counts.inserted };
}

/**
 * Records a batch of measurements idempotently: one transaction and a constant number of
 * statements (resolve metrics, upsert) whatever the batch size. Items that fail a check are
 * reported by index; with `atomic`, any such item means nothing is written.
 */
export async function recordMeasurements(ctx: Context, input: RecordMeasurementsInput): Promise<RecordMeasurementsResult> {
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

  // load the caller's roles and token scope now: inside the transaction they would need a
  // second connection from the pool while holding one
  await Promise.all([ctx.access.portfolioIds(), ctx.access.tokenPortfolios()]);
  return ctx.write(async (tx) => {
    const refs = await resolveMetrics(ctx, tx, checked);
    const deniedByMetric = new Map<string, string | null>();
    const named: Row[] = [];
    for (const item of checked) {
      const ref = item.metricKey !== null ? refs.byKey.get(item.metricKey) : refs.byId.get(item.metricRowId!);
      const field = item.metricKey !== null ? "metricKey" : "metricId";
      if (ref === undefined) {
        const label = item.metricKey !== null ? `key "${item.metricKey}"` : "ID";
        rejected.push(reject(item.index, MeasurementRejectionCode.NOT_FOUND, `No metric with this ${label}`, field));
        continue;
      }
      // once per metric, not per row: a batch of 5,000 usually names a handful of metrics
      let denied = deniedByMetric.get(ref.id);
      if (denied === undefined) deniedByMetric.set(ref.id, (denied = await writeDenied(ctx, ref)));
      if (denied) {
        rejected.push(reject(item.index, MeasurementRejectionCode.FORBIDDEN, denied, field));
        continue;
      }
      (item as Row).metricId = ref.id;
      named.push(item as Row);
    }
    // one key twice in a call is ambiguous (which value wins?): keep the first, refuse the later.
    // Sorted by key then index, a repeat sits right after the item it repeats.
    named.sort(byNaturalKeyThenIndex);
    const rows: Row[] = [];
    for (const row of named) {
      if (rows.length && byNaturalKey(rows[rows.length - 1], row) === 0) {
        rejected.push(
          reject(row.index, MeasurementRejectionCode.BAD_USER_INPUT, "Same metric, observedAt and source as an earlier item in this call", ""),
        );
      } else rows.push(row);
    }
    rejected.sort((a, b) => a.index - b.index);
    if (rows.length === 0 || (input.atomic && rejected.length > 0)) return { ...empty, rejected };

    const { inserted, updated } = await upsert(tx, rows, ctx.callerName);
    const unchanged = rows.length - inserted - updated;
    // one change per call, not per row: per-row values stay in Measurement.revisions
    await tx.recordChange({
      entity: "Measurement",
      table: "measurement",
      id: ctx.requestId,
      operation: "RECORD",
      version: null,
      before: null,
      after: null,
      summary: {
        accepted: rows.length,
        inserted,
        updated,
        unchanged,
        rejected: rejected.length,
        metricIds: [...new Set(rows.map((r) => r.metricId))],
      },
    });
    return { accepted: rows.length, inserted, updated, unchanged, rejected };
  });
}
