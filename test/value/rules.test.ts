/**
 * Unit and property tests of the pure rules in src/value (no database): the forecast
 * arithmetic on least-squares aggregates, staleness, and series bucket counting, checked
 * against hand-computed cases and against the independent reference.
 */
import fc from "fast-check";
import { forecast, LineFit } from "../../src/value/progress";
import { bucketCount, isStale, SeriesInterval } from "../../src/value/metric-value";
import { MetricCadence } from "../../src/metric/metric.entity";
import { bucketStart, nextBucket, refProgress, refStale, RefMeasurement } from "./reference";

const DAY = 86_400_000;
const BASE_AT = new Date("2024-01-01T00:00:00Z");
const day = (n: number) => new Date(BASE_AT.getTime() + n * DAY);
const up = { baseline: 100, target: 200, baselineAt: BASE_AT };
const fit = (slopePerDay: number, interceptValue: number, distinctTimes = 3): LineFit => ({
  distinctTimes,
  slope: slopePerDay / 86_400,
  intercept: interceptValue,
  xTarget: 10 * 86_400,
});

describe("forecast", () => {
  test("a line reaching the target at targetDate", () => {
    const f = forecast(up, fit(10, 100));
    expect(f.forecastAtTarget).toBeCloseTo(200, 9);
    expect(f.forecastRatio).toBeCloseTo(1, 9);
    expect(Math.abs(f.forecastAchievedAt!.getTime() - day(10).getTime())).toBeLessThanOrEqual(1);
  });

  test("hand-computed OLS (slope 5/day, intercept 105) hits 200 at day 19", () => {
    const f = forecast(up, fit(5, 105));
    expect(f.forecastAtTarget).toBeCloseTo(155, 9);
    expect(f.forecastRatio).toBeCloseTo(0.55, 9);
    expect(Math.abs(f.forecastAchievedAt!.getTime() - day(19).getTime())).toBeLessThanOrEqual(1);
  });

  test("fewer than 3 distinct times, or no slope → all null", () => {
    expect(forecast(up, fit(10, 100, 2))).toEqual({ forecastAtTarget: null, forecastRatio: null, forecastAchievedAt: null });
    expect(forecast(up, { distinctTimes: 5, slope: null, intercept: null, xTarget: 1 }).forecastAtTarget).toBeNull();
  });

  test("wrong direction, flat, reached before baselineAt, or beyond the Date range → no forecastAchievedAt", () => {
    expect(forecast(up, fit(-10, 110)).forecastAchievedAt).toBeNull();
    expect(forecast({ ...up, baseline: 50, target: 20 }, fit(1, 50)).forecastAchievedAt).toBeNull();
    const flat = forecast(up, fit(0, 150));
    expect(flat).toEqual({ forecastAtTarget: 150, forecastRatio: 0.5, forecastAchievedAt: null });
    expect(forecast(up, fit(10, 240)).forecastAchievedAt).toBeNull(); // "reached" at day −4
    expect(forecast(up, fit(1e-12, 100)).forecastAchievedAt).toBeNull(); // ~ 10^17 days away
  });

  test("DECREASE: a falling line reaches the lower target", () => {
    const f = forecast({ ...up, baseline: 50, target: 20 }, fit(-3, 50));
    expect(f.forecastRatio).toBeCloseTo(1, 9);
    expect(Math.abs(f.forecastAchievedAt!.getTime() - day(10).getTime())).toBeLessThanOrEqual(1);
  });

  test("agrees with the reference on lines fitted through ≥ 3 distinct days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        // intercept = target would put the hit exactly at baselineAt: a threshold where rounding decides
        fc.integer({ min: -100, max: 300 }).filter((i) => i !== up.target),
        fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 6 }),
        (slopePerDay, intercept, days) => {
          const pts: RefMeasurement[] = days.map((x, i) => ({ value: intercept + slopePerDay * x, observedAt: day(x), recordedAt: day(x), id: i }));
          const ref = refProgress({ ...up, targetDate: day(10), weight: 1, expectedBenefit: 0, state: "ACTIVE" }, pts, day(9));
          const mine = forecast(up, fit(slopePerDay, intercept, days.length));
          expect(mine.forecastAtTarget).toBeCloseTo(ref.forecastAtTarget!, 6);
          expect(mine.forecastRatio).toBeCloseTo(ref.forecastRatio!, 6);
          expect(mine.forecastAchievedAt === null).toBe(ref.forecastAchievedAt === null);
          if (mine.forecastAchievedAt && ref.forecastAchievedAt) {
            expect(Math.abs(mine.forecastAchievedAt.getTime() - ref.forecastAchievedAt.getTime())).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("isStale", () => {
  const now = new Date("2024-06-01T00:00:00Z");
  test.each([
    [MetricCadence.DAILY, 2],
    [MetricCadence.WEEKLY, 14],
    [MetricCadence.MONTHLY, 60],
    [MetricCadence.QUARTERLY, 182],
  ])("%s: stale only beyond %p days", (cadence, twice) => {
    expect(isStale(cadence, new Date(now.getTime() - twice * DAY), now)).toBe(false);
    expect(isStale(cadence, new Date(now.getTime() - twice * DAY - 1), now)).toBe(true);
    expect(isStale(cadence, null, now)).toBe(true);
    expect(isStale(null, null, now)).toBe(false);
  });

  test("agrees with the reference", () => {
    const cadence = fc.constantFrom(null, ...Object.values(MetricCadence));
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((t) => new Date(t));
    fc.assert(
      fc.property(cadence, fc.option(instant), instant, (c, latest, now) => {
        expect(isStale(c, latest, now)).toBe(refStale(c, latest, now));
      }),
      { numRuns: 200 },
    );
  });
});

describe("bucketCount", () => {
  const count = (from: Date, to: Date, iv: SeriesInterval) => {
    if (to.getTime() <= from.getTime()) return 0; // as refSeries
    let n = 0;
    for (let s = bucketStart(from, iv); s.getTime() < to.getTime(); s = nextBucket(s, iv)) n++;
    return n;
  };

  test("calendar edges", () => {
    expect(bucketCount(new Date("2024-01-07T23:00:00Z"), new Date("2024-01-15T00:00:00Z"), SeriesInterval.WEEK)).toBe(2);
    expect(bucketCount(new Date("2024-05-15T00:00:00Z"), new Date("2024-10-01T00:00:00.001Z"), SeriesInterval.QUARTER)).toBe(3);
    expect(bucketCount(BASE_AT, day(1000), SeriesInterval.DAY)).toBe(1000);
    expect(bucketCount(BASE_AT, new Date(day(1000).getTime() + 1), SeriesInterval.DAY)).toBe(1001);
    expect(bucketCount(BASE_AT, BASE_AT, SeriesInterval.DAY)).toBe(0);
    expect(bucketCount(new Date("1969-12-31T12:00:00Z"), new Date("1970-01-06T00:00:00Z"), SeriesInterval.WEEK)).toBe(2);
  });

  test("counts the reference's buckets", () => {
    const instant = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2060, 0, 1) }).map((t) => new Date(t));
    const interval = fc.constantFrom(...Object.values(SeriesInterval));
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * DAY }), interval, (from, len, iv) => {
        const to = new Date(from.getTime() + len);
        expect(bucketCount(from, to, iv)).toBe(count(from, to, iv));
      }),
      { numRuns: 300 },
    );
  });
});
