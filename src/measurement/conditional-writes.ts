import { Tx } from "../database/write";
import { Keyed, Named, reject, Rejection } from "./measurement-keys";
import { MeasurementRejectionCode } from "./record-measurements.inputs";

/**
 * Conditional corrections (issue 13): an item may say what it expects of its stored key,
 * `expectedValue` (stored, counted, this exact value) or `ifUnchangedSince` (not stored, or
 * last recorded or retracted at or before that instant). Checked inside the write's
 * transaction, with the stored rows locked, so nothing changes between the check and the write.
 */
export interface Conditioned extends Keyed {
  expectedValue: number | null;
  ifUnchangedSince: Date | null;
}

interface StoredState {
  ord: number;
  value: number;
  changed_at: Date;
  retracted: boolean;
}

const hasCondition = (i: Conditioned) => i.expectedValue !== null || i.ifUnchangedSince !== null;

/** Why the stored state fails the item's condition, or null; `stored` undefined: the key is not stored. */
function unmet(item: Conditioned, stored: StoredState | undefined): { message: string; field: string } | null {
  if (item.expectedValue !== null) {
    if (!stored) return { message: `expectedValue ${item.expectedValue}, but nothing is stored for this key`, field: "expectedValue" };
    if (stored.retracted) return { message: `expectedValue ${item.expectedValue}, but this key is retracted`, field: "expectedValue" };
    if (stored.value !== item.expectedValue) {
      return { message: `expectedValue ${item.expectedValue}, but the stored value is ${stored.value}`, field: "expectedValue" };
    }
  }
  if (item.ifUnchangedSince !== null && stored && stored.changed_at.getTime() > item.ifUnchangedSince.getTime()) {
    return {
      message: `This key was changed at ${stored.changed_at.toISOString()}, after ifUnchangedSince ${item.ifUnchangedSince.toISOString()}`,
      field: "ifUnchangedSince",
    };
  }
  return null;
}

/**
 * The items whose condition holds (and every item without one), in their order; the others
 * go to `rejected` as CONFLICT. Two statements, only when some item has a condition: the
 * stored keys are locked (in the batch's natural-key order, like the upsert), and keys
 * expected absent are inserted at once, so a concurrent first insert of the same key cannot
 * slip between the check and the write (it makes the item a CONFLICT instead).
 */
export async function keepConditionsMet<T extends Conditioned>(
  tx: Tx,
  rows: Array<Named<T>>,
  rejected: Rejection[],
  insertNew: (items: Array<Named<T>>) => Promise<Set<number>>,
): Promise<{ rows: Array<Named<T>>; insertedEarly: number }> {
  const conditioned = rows.filter(hasCondition);
  if (conditioned.length === 0) return { rows, insertedEarly: 0 };
  const states = await tx.query<StoredState>(
    `SELECT u.ord::int AS ord, m.value, greatest(m.recorded_at, m.retracted_at) AS changed_at, m.retracted_at IS NOT NULL AS retracted
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) WITH ORDINALITY AS u(metric_id, observed_at, source, ord)
       JOIN measurement m ON m.metric_id = u.metric_id AND m.observed_at = u.observed_at AND m.source = u.source
      ORDER BY u.ord FOR UPDATE OF m`,
    [conditioned.map((r) => r.metricId), conditioned.map((r) => r.observedAt.toISOString()), conditioned.map((r) => r.source)],
  );
  const byOrd = new Map(states.map((s) => [s.ord, s]));
  const failed = new Set<number>();
  const absent: Array<Named<T>> = [];
  conditioned.forEach((item, i) => {
    const stored = byOrd.get(i + 1);
    const problem = unmet(item, stored);
    if (problem) {
      failed.add(item.index);
      rejected.push(reject(item.index, MeasurementRejectionCode.CONFLICT, problem.message, problem.field));
    } else if (!stored) absent.push(item);
  });
  // keys that were not stored: written now, or a CONFLICT if another call stored them meanwhile
  const inserted = absent.length ? await insertNew(absent) : new Set<number>();
  for (const item of absent) {
    if (inserted.has(item.index)) continue;
    failed.add(item.index);
    rejected.push(
      reject(item.index, MeasurementRejectionCode.CONFLICT, "This key was stored by another call while this one ran", "ifUnchangedSince"),
    );
  }
  rejected.sort((a, b) => a.index - b.index);
  return { rows: rows.filter((r) => !failed.has(r.index) && !inserted.has(r.index)), insertedEarly: inserted.size };
}
