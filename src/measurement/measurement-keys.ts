import { Context } from "../context";
import { textProblem } from "../common/text";
import { decodeGlobalId } from "../common/global-id";
import { sql } from "../database/sql";
import { Tx } from "../database/write";
import { PortfolioRole, ROLE_RANK } from "../access/roles";
import { MeasurementRejectionCode } from "./record-measurements.inputs";

/**
 * What recording and retracting measurements share: checking an item's natural key
 * (metric, observedAt, source), resolving the metrics a batch names, who may write them,
 * and the per-item rejections both report.
 */

/** One item that was not written, with the input path at fault. */
export interface Rejection {
  index: number;
  code: MeasurementRejectionCode;
  message: string;
  field: string | null;
}

/** An item's natural key as the caller gave it. */
export interface KeyInput {
  metricKey?: string | null;
  metricId?: string | null;
  observedAt: Date;
  source?: string | null;
}

/**
 * An item whose key passed the checks that need no database. `metricId` is filled in once
 * the metric is resolved (nameItems); every item is built with all its fields up front, so a
 * batch's objects share one shape (5,000 of them go through the sort).
 */
export interface Keyed {
  index: number;
  metricKey: string | null;
  metricRowId: string | null;
  metricId: string | null;
  observedAt: Date;
  source: string;
}

/** An item whose metric is known and may be written. */
export type Named<T extends Keyed> = T & { metricId: string; metricKey: string };

/**
 * The one change a measurement call records (not one per row: per-row states stay in
 * Measurement.revisions): its counts, and the metrics it touched by key. Their row keys go
 * to the hooks beside the change, so history can place it in the metrics' portfolios.
 */
export function recordBatchChange(
  ctx: Context,
  tx: Tx,
  operation: "RECORD" | "RETRACT",
  items: ReadonlyArray<Named<Keyed>>,
  counts: Record<string, unknown>,
): Promise<void> {
  const metricKeys = [...new Set(items.map((i) => i.metricKey))].sort();
  return tx.recordChange(
    {
      entity: "Measurement",
      table: "measurement",
      id: ctx.requestId,
      operation,
      version: null,
      before: null,
      after: null,
      summary: { ...counts, metricKeys },
    },
    { metricIds: [...new Set(items.map((i) => i.metricId))] },
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_SOURCE_CHARS = 200;

export function reject(index: number, code: MeasurementRejectionCode, message: string, field: string): Rejection {
  return { index, code, message, field: `input.measurements.${index}${field ? `.${field}` : ""}` };
}

/** The key checks that need no database; the key ready to resolve, or why not. */
export function checkKey(item: KeyInput, index: number, defaultSource: string, now: number): Keyed | Rejection {
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
  const bad = textProblem(source);
  if (bad) return reject(index, MeasurementRejectionCode.BAD_USER_INPUT, `source ${bad}`, "source");
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
  return { index, metricKey: hasKey ? item.metricKey! : null, metricRowId, metricId: null, observedAt: item.observedAt, source };
}

interface MetricRef {
  id: string;
  key: string;
  portfolioId: string;
}

/**
 * Row keys of the metrics the batch names, by key and by row id, in one statement.
 * FOR KEY SHARE keeps them from being deleted before the write (which would otherwise
 * fail on the foreign key), without blocking edits of the metrics.
 */
async function resolveMetrics(ctx: Context, tx: Tx, items: Keyed[]): Promise<{ byKey: Map<string, MetricRef>; byId: Map<string, MetricRef> }> {
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

/**
 * Why the caller may not write this metric's measurements, or null: it takes CONTRIBUTOR on
 * the metric's own portfolio, and an API token must also name the metric or a portfolio above it.
 */
async function writeDenied(ctx: Context, metric: MetricRef, action: string): Promise<string | null> {
  if ((await ctx.access.rank(metric.portfolioId)) < ROLE_RANK[PortfolioRole.CONTRIBUTOR]) {
    return `${action} measurements of this metric needs the CONTRIBUTOR role on its portfolio`;
  }
  const token = ctx.access.viewer.token;
  if (token && !token.metricKeys.includes(metric.key) && !(await ctx.access.tokenPortfolios()).has(metric.portfolioId)) {
    return "This API token may not write this metric";
  }
  return null;
}

/** Loads, outside any transaction, what writeDenied reads (roles, token scope): inside one it would take a second connection. */
export async function prepareAccess(ctx: Context): Promise<void> {
  await Promise.all([ctx.access.portfolioIds(), ctx.access.tokenPortfolios()]);
}

/** The natural key's order; every call sorts by it, so overlapping calls lock rows in the same order. */
function byNaturalKey(a: Named<Keyed>, b: Named<Keyed>): number {
  if (a.metricId !== b.metricId) return a.metricId < b.metricId ? -1 : 1;
  const dt = a.observedAt.getTime() - b.observedAt.getTime();
  if (dt !== 0) return dt;
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

/**
 * The items whose metric exists, is visible and may be written, each key once, sorted by
 * natural key; every other item is added to `rejected` (NOT_FOUND, FORBIDDEN, or
 * BAD_USER_INPUT for a key given twice in one call: the later one).
 */
export async function nameItems<T extends Keyed>(
  ctx: Context,
  tx: Tx,
  checked: T[],
  rejected: Rejection[],
  action: "Recording" | "Retracting",
): Promise<Array<Named<T>>> {
  const refs = await resolveMetrics(ctx, tx, checked);
  const deniedByMetric = new Map<string, string | null>();
  const named: Array<Named<T>> = [];
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
    if (denied === undefined) deniedByMetric.set(ref.id, (denied = await writeDenied(ctx, ref, action)));
    if (denied) {
      rejected.push(reject(item.index, MeasurementRejectionCode.FORBIDDEN, denied, field));
      continue;
    }
    // plain stores into fields the item already has: no new object, no change of shape
    item.metricId = ref.id;
    item.metricKey = ref.key;
    named.push(item as Named<T>);
  }
  // one key twice in a call is ambiguous (which value wins?): keep the first, refuse the later.
  // Sorted by key then index, a repeat sits right after the item it repeats.
  named.sort((a, b) => byNaturalKey(a, b) || a.index - b.index);
  const unique: Array<Named<T>> = [];
  for (const item of named) {
    if (unique.length && byNaturalKey(unique[unique.length - 1], item) === 0) {
      rejected.push(
        reject(item.index, MeasurementRejectionCode.BAD_USER_INPUT, "Same metric, observedAt and source as an earlier item in this call", ""),
      );
    } else unique.push(item);
  }
  rejected.sort((a, b) => a.index - b.index);
  return unique;
}
