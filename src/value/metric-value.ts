/**
 * Pure rules behind `Metric.stale` and `Metric.series` (DOMAIN.md): the cadence lengths,
 * and how many calendar buckets a series range spans, so an oversized request is refused
 * before any SQL runs. The buckets themselves are generated in SQL (metric-value.service.ts).
 */
import { MetricCadence } from "../metric/metric.entity";

export enum SeriesInterval {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}

export const MAX_SERIES_BUCKETS = 1000;

/** Expected update interval in days; months and quarters are fixed lengths, not calendar ones. */
export const CADENCE_DAYS: Readonly<Record<MetricCadence, number>> = {
  DAILY: 1,
  WEEKLY: 7,
  MONTHLY: 30,
  QUARTERLY: 91,
};

const MS_PER_DAY = 86_400_000;

/**
 * Stale when a cadence is set and the latest observation is older than twice it (exactly
 * twice is not yet stale); a cadence with no observation at all is stale.
 */
export function isStale(cadence: MetricCadence | null, latestObservedAt: Date | null, now: Date): boolean {
  if (cadence === null) return false;
  if (latestObservedAt === null) return true;
  return now.getTime() - latestObservedAt.getTime() > 2 * CADENCE_DAYS[cadence] * MS_PER_DAY;
}

/** Index of the UTC calendar bucket containing `t` (consecutive buckets differ by 1). */
export function bucketIndex(t: Date, interval: SeriesInterval): number {
  const days = Math.floor(t.getTime() / MS_PER_DAY);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  switch (interval) {
    case SeriesInterval.DAY:
      return days;
    case SeriesInterval.WEEK:
      // 1970-01-01 was a Thursday; shifting by 3 days makes weeks start on Monday (ISO).
      return Math.floor((days + 3) / 7);
    case SeriesInterval.MONTH:
      return y * 12 + m;
    case SeriesInterval.QUARTER:
      return y * 4 + Math.floor(m / 3);
    case SeriesInterval.YEAR:
      return y;
  }
}

/**
 * Buckets from the one containing `from` to the one containing the last instant before
 * `to` (0 when `to` ≤ `from`). Instants are whole milliseconds and bucket bounds are whole
 * days, so `to − 1 ms` lies in the same bucket as Postgres's `to − 1 µs`.
 */
export function bucketCount(from: Date, to: Date, interval: SeriesInterval): number {
  if (to.getTime() <= from.getTime()) return 0;
  return bucketIndex(new Date(to.getTime() - 1), interval) - bucketIndex(from, interval) + 1;
}
