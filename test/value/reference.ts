/**
 * Reference implementation of the value-realization formulas in
 * /work/shared/design/DOMAIN.md ("Value realization"), written straight from the spec in
 * plain TypeScript. Property tests compare the SQL implementation against it, so it favours
 * obviousness over speed: no database, no dependencies, no cleverness.
 *
 * Conventions: all instants are JS Dates (millisecond resolution, UTC). Postgres keeps
 * microseconds and numeric/double arithmetic may round differently, so callers comparing
 * results should allow a small tolerance on numbers and on computed instants.
 */

export type HypothesisState = "DRAFT" | "ACTIVE" | "VALIDATED" | "INVALIDATED" | "ABANDONED";
export type ProgressStatus = "NO_DATA" | "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "ACHIEVED" | "MISSED";
export type SeriesInterval = "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR";
export type Aggregation = "LAST" | "SUM" | "AVERAGE" | "MIN" | "MAX";
export type Cadence = "DAILY" | "WEEKLY" | "MONTHLY" | "QUARTERLY";

/**
 * One measurement as the caller sees it: the CURRENT value for its (observedAt, source) key,
 * i.e. corrections are already applied. `id` only breaks ties.
 */
export interface RefMeasurement {
  value: number;
  observedAt: Date;
  recordedAt: Date;
  id: number;
}

export interface RefHypothesis {
  baseline: number;
  baselineAt: Date;
  target: number;
  targetDate: Date;
  weight: number;
  expectedBenefit: number;
  state: HypothesisState;
}

export interface RefProgress {
  current: number | null;
  currentObservedAt: Date | null;
  ratio: number | null;
  expectedRatio: number;
  status: ProgressStatus;
  forecastAtTarget: number | null;
  forecastRatio: number | null;
  forecastAchievedAt: Date | null;
}

export const STATUSES: readonly ProgressStatus[] = ["NO_DATA", "ON_TRACK", "AT_RISK", "OFF_TRACK", "ACHIEVED", "MISSED"];

/** States that count in rollups (DRAFT and ABANDONED are excluded by the spec). */
export const ROLLUP_STATES: readonly HypothesisState[] = ["ACTIVE", "VALIDATED", "INVALIDATED"];

/** Status thresholds: ON_TRACK if r ≥ e − 0.10, AT_RISK if r ≥ e − 0.25. */
export const ON_TRACK_SLACK = 0.1;
export const AT_RISK_SLACK = 0.25;

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

const MS_PER_SECOND = 1000;
const MS_PER_DAY = 86_400_000;

/** Largest |ms since epoch| a JS Date can hold (ECMAScript TimeClip). */
const MAX_DATE_MS = 8.64e15;

// ---- Progress of one hypothesis ----

export function refProgress(h: RefHypothesis, measurements: RefMeasurement[], asOf: Date): RefProgress {
  const B = h.baseline,
    T = h.target;
  const t0 = h.baselineAt.getTime(),
    tT = h.targetDate.getTime(),
    now = asOf.getTime();
  // The API rejects these; failing loudly keeps a bad generator from producing NaN "results".
  if (!(tT > t0)) throw new Error("targetDate must be after baselineAt");
  if (T === B) throw new Error("target must differ from baseline");

  // Only observations in [baselineAt, asOf] (both ends inclusive) count, for current AND forecast.
  const inWindow = measurements.filter((m) => {
    const t = m.observedAt.getTime();
    return t >= t0 && t <= now;
  });

  // current: greatest observedAt; ties → latest recordedAt; then highest id.
  let latest: RefMeasurement | null = null;
  for (const m of inWindow) {
    if (latest === null || compareForCurrent(m, latest) > 0) latest = m;
  }

  const current = latest ? latest.value : null;
  const ratio = current === null ? null : (current - B) / (T - B); // unclamped on purpose
  const expectedRatio = clamp((now - t0) / (tT - t0), 0, 1);

  let status: ProgressStatus;
  if (ratio === null) status = "NO_DATA";
  else if (ratio >= 1)
    status = "ACHIEVED"; // checked before MISSED: achieved late is still achieved
  else if (now > tT) status = "MISSED";
  else if (ratio >= expectedRatio - ON_TRACK_SLACK) status = "ON_TRACK";
  else if (ratio >= expectedRatio - AT_RISK_SLACK) status = "AT_RISK";
  else status = "OFF_TRACK";

  const forecast = refForecast(h, inWindow);
  return {
    current,
    currentObservedAt: latest ? new Date(latest.observedAt.getTime()) : null,
    ratio,
    expectedRatio,
    status,
    ...forecast,
  };
}

/** >0 when `a` should win over `b` as the current measurement. */
function compareForCurrent(a: RefMeasurement, b: RefMeasurement): number {
  return a.observedAt.getTime() - b.observedAt.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id;
}

/**
 * Ordinary least squares of value (y) on time (x) over the already-windowed points.
 *
 * x = (observedAt − baselineAt) in seconds. The choice of origin and unit does not change
 * the fitted line (shifting x shifts only the intercept, rescaling x rescales only the
 * slope), so forecastAtTarget and the instant where the line hits T are the same for any
 * origin; baselineAt just keeps the numbers small. Every point counts, even several at one
 * observedAt (different sources), but the fit needs ≥ 3 distinct times, else all null.
 */
function refForecast(h: RefHypothesis, points: RefMeasurement[]): Pick<RefProgress, "forecastAtTarget" | "forecastRatio" | "forecastAchievedAt"> {
  const none = { forecastAtTarget: null, forecastRatio: null, forecastAchievedAt: null };
  const distinctTimes = new Set(points.map((p) => p.observedAt.getTime()));
  if (points.length < 3 || distinctTimes.size < 3) return none;

  const t0 = h.baselineAt.getTime();
  const xs = points.map((p) => (p.observedAt.getTime() - t0) / MS_PER_SECOND);
  const ys = points.map((p) => p.value);
  const n = points.length;
  const xMean = xs.reduce((s, x) => s + x, 0) / n;
  const yMean = ys.reduce((s, y) => s + y, 0) / n;
  // Two-pass (centred) sums: numerically safer than Σx², Σxy with large x.
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - xMean) ** 2;
    sxy += (xs[i] - xMean) * (ys[i] - yMean);
  }
  const slope = sxy / sxx; // sxx > 0 because there are ≥ 3 distinct x
  const intercept = yMean - slope * xMean;

  const B = h.baseline,
    T = h.target;
  const xTarget = (h.targetDate.getTime() - t0) / MS_PER_SECOND;
  const forecastAtTarget = intercept + slope * xTarget;
  const forecastRatio = (forecastAtTarget - B) / (T - B);

  // The line "reaches T moving in the better direction" only if the slope points from B
  // towards T (same sign as T − B); a flat line never reaches it. It must also reach T
  // strictly after baselineAt (x > 0).
  let forecastAchievedAt: Date | null = null;
  if (slope !== 0 && Math.sign(slope) === Math.sign(T - B)) {
    const xHit = (T - intercept) / slope;
    const ms = t0 + xHit * MS_PER_SECOND;
    // Rounded to the millisecond (JS resolution); an instant beyond the Date range
    // (near-flat slope) cannot be represented and is reported as null.
    if (xHit > 0 && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) {
      forecastAchievedAt = new Date(Math.round(ms));
    }
  }
  return { forecastAtTarget, forecastRatio, forecastAchievedAt };
}

// ---- Rollup over an initiative or portfolio subtree ----

export interface RefRollup {
  hypothesisCount: number;
  statusCounts: Record<ProgressStatus, number>;
  weightedProgress: number | null;
  expectedBenefit: number;
  realizedBenefit: number;
  investment: number;
  plannedInvestment: number;
  benefitCostRatio: number | null;
}

export function refRollup(
  items: Array<{ h: RefHypothesis; progress: RefProgress }>,
  initiatives: Array<{ budget: number | null; actualCost: number | null }>,
): RefRollup {
  const statusCounts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  const counted = items.filter((it) => ROLLUP_STATES.includes(it.h.state));

  let weightSum = 0,
    weightedSum = 0,
    expectedBenefit = 0,
    realizedBenefit = 0;
  for (const { h, progress } of counted) {
    statusCounts[progress.status] += 1;
    expectedBenefit += h.expectedBenefit;
    if (progress.ratio !== null) {
      // Only hypotheses WITH data enter weightedProgress (numerator and denominator).
      const r = clamp(progress.ratio, 0, 1);
      weightSum += h.weight;
      weightedSum += h.weight * r;
      realizedBenefit += h.expectedBenefit * r;
    } // NO_DATA contributes 0 to realizedBenefit
  }

  // Money is over every initiative in scope, whatever its stage or hypotheses; null = 0.
  const investment = initiatives.reduce((s, i) => s + (i.actualCost ?? 0), 0);
  const plannedInvestment = initiatives.reduce((s, i) => s + (i.budget ?? 0), 0);

  return {
    hypothesisCount: counted.length,
    statusCounts,
    weightedProgress: weightSum > 0 ? weightedSum / weightSum : null,
    expectedBenefit,
    realizedBenefit,
    investment,
    plannedInvestment,
    benefitCostRatio: investment === 0 ? null : realizedBenefit / investment,
  };
}

// ---- Series for charts ----

export const MAX_SERIES_BUCKETS = 1000;

/** UTC midnight of y-m-d; setUTCFullYear avoids Date.UTC's "years 0–99 mean 19xx" quirk. */
function utcDate(y: number, m: number, d: number): Date {
  const out = new Date(0);
  out.setUTCFullYear(y, m, d); // month/day overflow rolls over, which bucketAdd relies on
  return out;
}

/** Start of the calendar bucket (UTC) containing `t`. */
export function bucketStart(t: Date, interval: SeriesInterval): Date {
  const y = t.getUTCFullYear(),
    m = t.getUTCMonth(),
    d = t.getUTCDate();
  switch (interval) {
    case "DAY":
      return utcDate(y, m, d);
    case "WEEK": {
      // getUTCDay: Sunday = 0 … Saturday = 6; ISO weeks start Monday, so days since Monday:
      const sinceMonday = (t.getUTCDay() + 6) % 7;
      return utcDate(y, m, d - sinceMonday);
    }
    case "MONTH":
      return utcDate(y, m, 1);
    case "QUARTER":
      return utcDate(y, m - (m % 3), 1); // Jan, Apr, Jul, Oct
    case "YEAR":
      return utcDate(y, 0, 1);
  }
}

/** Start of the bucket after the one starting at `start` (calendar arithmetic, UTC). */
export function nextBucket(start: Date, interval: SeriesInterval): Date {
  const y = start.getUTCFullYear(),
    m = start.getUTCMonth(),
    d = start.getUTCDate();
  switch (interval) {
    case "DAY":
      return utcDate(y, m, d + 1);
    case "WEEK":
      return utcDate(y, m, d + 7);
    case "MONTH":
      return utcDate(y, m + 1, 1);
    case "QUARTER":
      return utcDate(y, m + 3, 1);
    case "YEAR":
      return utcDate(y + 1, 0, 1);
  }
}

export function refSeries(
  measurements: Array<{ value: number; observedAt: Date }>,
  from: Date,
  to: Date,
  interval: SeriesInterval,
  aggregation: Aggregation,
): Array<{ start: Date; value: number | null; count: number }> {
  const fromMs = from.getTime(),
    toMs = to.getTime();
  if (toMs <= fromMs) return [];

  // Buckets from the one containing `from` to the one containing the last instant before
  // `to`; with `to` exclusive that is exactly every bucket whose start is < to.
  const bounds: Array<[number, number]> = [];
  for (let s = bucketStart(from, interval); s.getTime() < toMs; s = nextBucket(s, interval)) {
    if (bounds.length === MAX_SERIES_BUCKETS) {
      throw new Error(`series would have more than ${MAX_SERIES_BUCKETS} buckets`);
    }
    bounds.push([s.getTime(), nextBucket(s, interval).getTime()]);
  }

  return bounds.map(([start, end]) => {
    // The first bucket may start before `from`: points there are outside [from, to).
    const pts = measurements.filter((p) => {
      const t = p.observedAt.getTime();
      return t >= fromMs && t < toMs && t >= start && t < end;
    });
    return { start: new Date(start), value: aggregate(pts, aggregation), count: pts.length };
  });
}

function aggregate(pts: Array<{ value: number; observedAt: Date }>, aggregation: Aggregation): number | null {
  if (pts.length === 0) return null;
  const values = pts.map((p) => p.value);
  switch (aggregation) {
    case "SUM":
      return values.reduce((s, v) => s + v, 0);
    case "AVERAGE":
      return values.reduce((s, v) => s + v, 0) / values.length;
    case "MIN":
      return Math.min(...values);
    case "MAX":
      return Math.max(...values);
    case "LAST": {
      // Greatest observedAt; on a tie the later element of the input wins (hence >=).
      let best = pts[0];
      for (const p of pts) if (p.observedAt.getTime() >= best.observedAt.getTime()) best = p;
      return best.value;
    }
  }
}

// ---- Staleness ----

/**
 * Expected update interval per cadence, in days. MONTHLY and QUARTERLY are fixed lengths
 * (30 and 91 days, ~ 365/12 and 365/4), not calendar months, so staleness does not depend
 * on which month it is. A day is exactly 86 400 s (UTC, no DST).
 */
export const CADENCE_DAYS: Readonly<Record<Cadence, number>> = {
  DAILY: 1,
  WEEKLY: 7,
  MONTHLY: 30,
  QUARTERLY: 91,
};

/**
 * Stale when a cadence is set and the latest observation is older than twice the cadence
 * (strictly: exactly 2× old is not yet stale). A cadence with no observation at all is stale;
 * no cadence is never stale.
 */
export function refStale(cadence: Cadence | null, latestObservedAt: Date | null, now: Date): boolean {
  if (cadence === null) return false;
  if (latestObservedAt === null) return true;
  const ageMs = now.getTime() - latestObservedAt.getTime();
  return ageMs > 2 * CADENCE_DAYS[cadence] * MS_PER_DAY;
}
