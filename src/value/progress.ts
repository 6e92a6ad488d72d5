/**
 * The pure part of value realization (DOMAIN.md, "Value realization"): the status names and
 * thresholds that the SQL in progress.sql.ts applies, and the forecast arithmetic done on
 * the least-squares aggregates Postgres returns. No database, no GraphQL.
 */

export enum ProgressStatus {
  NO_DATA = "NO_DATA",
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  OFF_TRACK = "OFF_TRACK",
  ACHIEVED = "ACHIEVED",
  MISSED = "MISSED",
}

/** Every status, in the order `statusCounts` lists them. */
export const PROGRESS_STATUSES: readonly ProgressStatus[] = Object.values(ProgressStatus);

/** ON_TRACK when ratio ≥ expectedRatio − 0.10, AT_RISK when ≥ expectedRatio − 0.25. */
export const ON_TRACK_SLACK = 0.1;
export const AT_RISK_SLACK = 0.25;

/** The fit needs this many distinct observation instants, else there is no forecast. */
export const MIN_FORECAST_TIMES = 3;

/** Largest |ms since epoch| a JS Date (and so a DateTime we can send) can hold. */
const MAX_DATE_MS = 8.64e15;

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Least-squares aggregates over the measurements in [baselineAt, asOf], as SQL returns them,
 * with x = seconds since baselineAt (the origin and unit do not change the fitted line).
 */
export interface LineFit {
  distinctTimes: number;
  slope: number | null;
  intercept: number | null;
  /** x of targetDate: seconds from baselineAt to targetDate. */
  xTarget: number;
}

export interface ForecastInput {
  baseline: number;
  target: number;
  baselineAt: Date;
}

export interface Forecast {
  forecastAtTarget: number | null;
  forecastRatio: number | null;
  forecastAchievedAt: Date | null;
}

export const NO_FORECAST: Forecast = { forecastAtTarget: null, forecastRatio: null, forecastAchievedAt: null };

/**
 * The fitted line at targetDate, its ratio, and when it reaches the target: only if the line
 * moves in the better direction (slope has the sign of target − baseline) and reaches the
 * target strictly after baselineAt; an instant a DateTime cannot hold is reported as null.
 */
export function forecast(h: ForecastInput, fit: LineFit): Forecast {
  const { slope, intercept } = fit;
  if (fit.distinctTimes < MIN_FORECAST_TIMES || slope === null || intercept === null) return NO_FORECAST;
  const forecastAtTarget = intercept + slope * fit.xTarget;
  const forecastRatio = (forecastAtTarget - h.baseline) / (h.target - h.baseline);
  let forecastAchievedAt: Date | null = null;
  if (slope !== 0 && Math.sign(slope) === Math.sign(h.target - h.baseline)) {
    const xHit = (h.target - intercept) / slope;
    const ms = h.baselineAt.getTime() + xHit * 1000;
    if (xHit > 0 && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) forecastAchievedAt = new Date(Math.round(ms));
  }
  return { forecastAtTarget, forecastRatio, forecastAchievedAt };
}
