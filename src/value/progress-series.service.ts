import { Context } from "../context";
import { raw, sql } from "../database/sql";
import { KnownAt, tableAt } from "../database/known-at";
import { OutcomeHypothesis } from "../hypothesis/hypothesis.entity";
import { SeriesInterval } from "./metric-value";
import { bucketStarts, bucketStep, checkSeriesRange } from "./metric-value.service";
import { progressJoins } from "./progress.sql";
import { ProgressPoint } from "./progress.types";

/**
 * `OutcomeHypothesis.progressSeries`: the progress rules evaluated at the end of every bucket
 * of [from, to), in one statement for every hypothesis of the request asking the same range:
 * progressJoins with each bucket's instant as `asOf`, so a bucket costs one backward index
 * step for its current value. A bucket's instant is its last
 * millisecond (a measurement at the next bucket's first instant belongs to the next), cut at
 * `to` and at now: a point never looks at the future.
 */
export function progressSeries(
  ctx: Context,
  hypothesis: OutcomeHypothesis,
  from: Date,
  to: Date,
  interval: SeriesInterval,
  k: KnownAt,
): Promise<ProgressPoint[]> {
  checkSeriesRange(from, to, interval);
  const name = `value.progressSeries:${from.toISOString()}:${to.toISOString()}:${interval}:${k?.getTime() ?? "now"}`;
  return ctx.loaders
    .get<string, ProgressPoint[]>(name, async (ids) => {
      const q =
        sql`SELECT h.id, b.start, b.as_of, cur.value AS current, cur.observed_at AS current_observed_at, pr.ratio, pr.expected_ratio, pr.status
        FROM ${tableAt("outcome_hypothesis", k)} h
        CROSS JOIN LATERAL (
          SELECT g.start AT TIME ZONE 'UTC' AS start,
            least((g.start + ${bucketStep(interval)}::interval) AT TIME ZONE 'UTC', ${to}::timestamptz, ${ctx.now}::timestamptz + interval '1 millisecond')
              - interval '1 millisecond' AS as_of
          FROM ${bucketStarts(from, to, interval)}
        ) b
        ${progressJoins(raw("b.as_of"), k, "h")}
        WHERE h.id = ANY(${ids}::uuid[])
        ORDER BY h.id, b.start`.toQuery();
      const rows: Array<Record<string, any>> = await ctx.dataSource.query(q.text, q.values);
      const byId = new Map<string, ProgressPoint[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byId.get(r.id)?.push(
          Object.assign(new ProgressPoint(), {
            start: r.start,
            asOf: r.as_of,
            current: r.current,
            currentObservedAt: r.current_observed_at,
            ratio: r.ratio,
            expectedRatio: r.expected_ratio,
            status: r.status,
          }),
        );
      }
      return ids.map((id) => byId.get(id) ?? []);
    })
    .load(hypothesis.rowId);
}
