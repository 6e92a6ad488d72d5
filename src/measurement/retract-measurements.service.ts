import { Context } from "../context";
import { BadUserInputError } from "../errors";
import { checkKey, Keyed, nameItems, prepareAccess, recordBatchChange, reject, Rejection } from "./measurement-keys";
import { MeasurementRejectionCode } from "./record-measurements.inputs";
import { RetractMeasurementsInput } from "./retract-measurements.inputs";

export interface RetractMeasurementsResult {
  accepted: number;
  retracted: number;
  unchanged: number;
  rejected: Rejection[];
}

/**
 * Retracts stored measurements (DOMAIN.md, "History"): each stops counting in every value,
 * series and report from now on; its values stay readable in `revisions`, and recording the
 * key again later makes it count again. One transaction, a constant number of statements
 * (resolve metrics, lock the keys, retract, the change record) whatever the batch size.
 */
export async function retractMeasurements(ctx: Context, input: RetractMeasurementsInput): Promise<RetractMeasurementsResult> {
  const limit = ctx.config.maxMeasurementsPerCall;
  if (input.measurements.length > limit) {
    throw new BadUserInputError(`At most ${limit} measurements per call (got ${input.measurements.length}); split the batch`, "input.measurements");
  }
  if (input.reason.trim() === "") throw new BadUserInputError("reason must not be empty", "input.reason");
  const now = Date.now();
  const rejected: Rejection[] = [];
  const checked: Keyed[] = [];
  input.measurements.forEach((item, index) => {
    const result = checkKey(item, index, ctx.callerName, now);
    if ("code" in result) rejected.push(result);
    else checked.push(result);
  });
  const empty = { accepted: 0, retracted: 0, unchanged: 0 };
  if (checked.length === 0 || (input.atomic && rejected.length > 0)) return { ...empty, rejected };

  await prepareAccess(ctx);
  return ctx.write(async (tx) => {
    const items = await nameItems(ctx, tx, checked, rejected, "Retracting");
    // the stored rows of those keys, locked in natural-key order (items are sorted by it)
    const found = await tx.query<{ ord: number; id: number; retracted: boolean }>(
      `SELECT u.ord::int AS ord, m.id, m.retracted_at IS NOT NULL AS retracted
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) WITH ORDINALITY AS u(metric_id, observed_at, source, ord)
       JOIN measurement m ON m.metric_id = u.metric_id AND m.observed_at = u.observed_at AND m.source = u.source
       ORDER BY u.ord FOR UPDATE OF m`,
      [items.map((i) => i.metricId), items.map((i) => i.observedAt.toISOString()), items.map((i) => i.source)],
    );
    const stored = new Map(found.map((r) => [r.ord - 1, r]));
    items.forEach((item, i) => {
      if (!stored.has(i)) {
        rejected.push(reject(item.index, MeasurementRejectionCode.NOT_FOUND, "No measurement is stored with this metric, observedAt and source", ""));
      }
    });
    rejected.sort((a, b) => a.index - b.index);
    const accepted = found.length;
    if (accepted === 0 || (input.atomic && rejected.length > 0)) return { ...empty, rejected };

    const ids = found.filter((r) => !r.retracted).map((r) => r.id);
    if (ids.length) {
      await tx.query("UPDATE measurement SET retracted_at = now(), retracted_by = $2 WHERE id = ANY($1::bigint[])", [ids, ctx.callerName]);
    }
    const result = { accepted, retracted: ids.length, unchanged: accepted - ids.length };
    // one change per call that retracted something, like recording
    if (ids.length > 0) await recordBatchChange(ctx, tx, "RETRACT", items, { ...result, rejected: rejected.length, reason: input.reason });
    return { ...result, rejected };
  });
}
