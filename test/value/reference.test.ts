/**
 * Unit tests of the reference implementation against hand-computed examples, plus a few
 * fast-check invariants. Numbers in comments are worked out by hand from DOMAIN.md.
 */
import fc from "fast-check";
import {
  bucketStart,
  refProgress,
  refRollup,
  refSeries,
  refStale,
  RefHypothesis,
  RefMeasurement,
  RefProgress,
  ProgressStatus,
  SeriesInterval,
} from "./reference";

const DAY = 86_400_000;
const d = (iso: string) => new Date(iso);
const BASE_AT = d("2024-01-01T00:00:00Z");
const TARGET_AT = d("2024-01-11T00:00:00Z"); // 10 days after baseline
const day = (n: number) => new Date(BASE_AT.getTime() + n * DAY);

// INCREASE: 100 → 200 over 10 days. DECREASE: 50 → 20.
const up: RefHypothesis = { baseline: 100, baselineAt: BASE_AT, target: 200, targetDate: TARGET_AT, weight: 1, expectedBenefit: 0, state: "ACTIVE" };
const down: RefHypothesis = { ...up, baseline: 50, target: 20 };

let nextId = 1;
const m = (value: number, observedAt: Date, recordedAt: Date = observedAt, id = nextId++): RefMeasurement => ({ value, observedAt, recordedAt, id });
const one = (h: RefHypothesis, value: number, asOf: Date) => refProgress(h, [m(value, day(1))], asOf);

describe("refProgress: current, ratio, expectedRatio, status", () => {
  // asOf = day 5 → e = 5/10 = 0.5; ON_TRACK needs r ≥ 0.4, AT_RISK needs r ≥ 0.25.
  const mid = day(5);
  test.each<[number, number, ProgressStatus]>([
    [200, 1, "ACHIEVED"], // (200−100)/100 = 1 → ACHIEVED exactly at the boundary
    [199.99, 0.9999, "ON_TRACK"], // just below 1
    [140, 0.4, "ON_TRACK"], // 0.4 ≥ 0.5 − 0.10
    [139.99, 0.3999, "AT_RISK"], // just below 0.4
    [125, 0.25, "AT_RISK"], // 0.25 ≥ 0.5 − 0.25
    [124.99, 0.2499, "OFF_TRACK"],
    [90, -0.1, "OFF_TRACK"], // moved the wrong way: r < 0, not clamped
    [250, 1.5, "ACHIEVED"], // overshoot: r > 1, not clamped
  ])("INCREASE c=%p → r=%p, %s", (c, r, status) => {
    const p = one(up, c, mid);
    expect(p.current).toBe(c);
    expect(p.currentObservedAt).toEqual(day(1));
    expect(p.ratio).toBeCloseTo(r, 12);
    expect(p.expectedRatio).toBe(0.5);
    expect(p.status).toBe(status);
  });

  test.each<[number, number, ProgressStatus]>([
    [35, 0.5, "ON_TRACK"], // (35−50)/(20−50) = −15/−30 = 0.5
    [20, 1, "ACHIEVED"], // −30/−30
    [15, 35 / 30, "ACHIEVED"], // overshoot downwards: −35/−30 ≈ 1.1667
    [60, -1 / 3, "OFF_TRACK"], // worse: 10/−30
  ])("DECREASE c=%p → r=%p, %s", (c, r, status) => {
    const p = one(down, c, day(5));
    expect(p.ratio).toBeCloseTo(r, 12);
    expect(p.status).toBe(status);
  });

  test("expectedRatio is clamped to [0, 1]", () => {
    expect(one(up, 150, day(-3)).expectedRatio).toBe(0); // before baseline
    expect(one(up, 150, day(2.5)).expectedRatio).toBe(0.25);
    expect(one(up, 150, day(30)).expectedRatio).toBe(1); // after target
  });

  test("asOf before baselineAt → NO_DATA; measurements outside [baselineAt, asOf] ignored", () => {
    const p = refProgress(up, [m(150, day(1))], day(-1));
    expect(p).toMatchObject({ current: null, currentObservedAt: null, ratio: null, status: "NO_DATA" });
    // One before the baseline, one after asOf: neither counts.
    const q = refProgress(up, [m(150, day(-1)), m(190, day(6))], day(5));
    expect(q.status).toBe("NO_DATA");
    // Both ends inclusive: a measurement at baselineAt and one at asOf count.
    expect(refProgress(up, [m(110, day(0))], day(0)).current).toBe(110);
    expect(refProgress(up, [m(110, day(0)), m(120, day(5))], day(5)).current).toBe(120);
  });

  test("after targetDate: MISSED unless achieved; at targetDate itself not yet MISSED", () => {
    // asOf = targetDate: e = 1, r = 0.5 < 0.75 → OFF_TRACK (not MISSED: asOf is not > targetDate)
    expect(one(up, 150, TARGET_AT).status).toBe("OFF_TRACK");
    expect(one(up, 195, TARGET_AT).status).toBe("ON_TRACK"); // 0.95 ≥ 0.9
    expect(one(up, 150, new Date(TARGET_AT.getTime() + 1)).status).toBe("MISSED");
    expect(one(up, 199.99, day(20)).status).toBe("MISSED");
    expect(one(up, 200, day(20)).status).toBe("ACHIEVED");
  });

  test("ties on observedAt: latest recordedAt wins, then highest id, whatever the order", () => {
    const a = m(110, day(2), day(2), 1);
    const b = m(120, day(2), day(3), 2); // recorded later
    const c = m(130, day(1), day(9), 3); // recorded last but observed earlier
    expect(refProgress(up, [a, b, c], day(5)).current).toBe(120);
    expect(refProgress(up, [c, b, a], day(5)).current).toBe(120);
    const e = m(140, day(2), day(3), 7); // same observedAt and recordedAt as b, higher id
    expect(refProgress(up, [e, a, b], day(5)).current).toBe(140);
    expect(refProgress(up, [b, e, a], day(5)).current).toBe(140);
  });
});

describe("refProgress: forecast", () => {
  const f = (h: RefHypothesis, pts: RefMeasurement[], asOf = day(5)) => {
    const { forecastAtTarget, forecastRatio, forecastAchievedAt } = refProgress(h, pts, asOf);
    return { forecastAtTarget, forecastRatio, forecastAchievedAt };
  };
  const noForecast = { forecastAtTarget: null, forecastRatio: null, forecastAchievedAt: null };

  test("fewer than 3 points, or fewer than 3 distinct times → no forecast", () => {
    expect(f(up, [m(110, day(1)), m(120, day(2))])).toEqual(noForecast);
    expect(f(up, [m(110, day(1)), m(120, day(2)), m(125, day(2), day(3))])).toEqual(noForecast);
    // Points outside the window do not help reach 3.
    expect(f(up, [m(90, day(-1)), m(110, day(1)), m(120, day(2)), m(190, day(7))])).toEqual(noForecast);
  });

  test("3 points on a perfect line: y = 100 + 10·day → exact forecast", () => {
    // At day 10: 200 → ratio 1; reaches T = 200 at day 10 = targetDate.
    const r = f(up, [m(110, day(1)), m(120, day(2)), m(130, day(3))]);
    expect(r.forecastAtTarget).toBeCloseTo(200, 9);
    expect(r.forecastRatio).toBeCloseTo(1, 9);
    expect(Math.abs(r.forecastAchievedAt!.getTime() - TARGET_AT.getTime())).toBeLessThanOrEqual(1);
  });

  test("noisy points: hand-computed OLS", () => {
    // x = 0,1,2 days; y = 100,120,110. x̄ = 1, ȳ = 110, Sxy = (−1)(−10)+0+(1)(0) = 10, Sxx = 2
    // slope = 5/day, intercept = 105 → at day 10: 155, ratio 0.55; hits 200 at (200−105)/5 = 19 days.
    const r = f(up, [m(100, day(0)), m(120, day(1)), m(110, day(2))]);
    expect(r.forecastAtTarget).toBeCloseTo(155, 9);
    expect(r.forecastRatio).toBeCloseTo(0.55, 9);
    expect(Math.abs(r.forecastAchievedAt!.getTime() - day(19).getTime())).toBeLessThanOrEqual(1);
  });

  test("several points at one observedAt all count", () => {
    // x = 0,1,1,2; y = 100,110,130,120. x̄ = 1, ȳ = 115, Sxy = 15 + 0 + 0 + 5 = 20, Sxx = 2
    // slope = 10/day, intercept = 105 → day 10: 205 (ratio 1.05); hits 200 at 9.5 days.
    const r = f(up, [m(100, day(0)), m(110, day(1)), m(130, day(1)), m(120, day(2))]);
    expect(r.forecastAtTarget).toBeCloseTo(205, 9);
    expect(r.forecastRatio).toBeCloseTo(1.05, 9);
    expect(Math.abs(r.forecastAchievedAt!.getTime() - day(9.5).getTime())).toBeLessThanOrEqual(1);
  });

  test("DECREASE metric with a falling line reaches the target", () => {
    // y = 50 − 3·day → day 10: 20, ratio 1, reaches 20 at day 10.
    const r = f(down, [m(47, day(1)), m(44, day(2)), m(41, day(3))]);
    expect(r.forecastAtTarget).toBeCloseTo(20, 9);
    expect(r.forecastRatio).toBeCloseTo(1, 9);
    expect(Math.abs(r.forecastAchievedAt!.getTime() - TARGET_AT.getTime())).toBeLessThanOrEqual(1);
  });

  test("slope in the wrong direction, flat, or hitting T before baselineAt → no forecastAchievedAt", () => {
    // INCREASE falling: y = 110 − 10·day → day 10: 10, ratio (10−100)/100 = −0.9.
    const wrong = f(up, [m(100, day(1)), m(90, day(2)), m(80, day(3))]);
    expect(wrong.forecastAtTarget).toBeCloseTo(10, 9);
    expect(wrong.forecastRatio).toBeCloseTo(-0.9, 9);
    expect(wrong.forecastAchievedAt).toBeNull();
    // DECREASE rising: y = 50 + 1·day → never reaches 20 going down.
    expect(f(down, [m(51, day(1)), m(52, day(2)), m(53, day(3))]).forecastAchievedAt).toBeNull();
    // Flat at 150: forecast 150, ratio 0.5, never reaches 200.
    expect(f(up, [m(150, day(1)), m(150, day(2)), m(150, day(3))])).toEqual({ forecastAtTarget: 150, forecastRatio: 0.5, forecastAchievedAt: null });
    // y = 240 + 10·day: right direction but it "reached" 200 at day −4, before baselineAt.
    expect(f(up, [m(250, day(1)), m(260, day(2)), m(270, day(3))]).forecastAchievedAt).toBeNull();
  });
});

describe("refRollup", () => {
  const prog = (status: ProgressStatus, ratio: number | null): RefProgress => ({
    current: null,
    currentObservedAt: null,
    ratio,
    expectedRatio: 0.5,
    status,
    forecastAtTarget: null,
    forecastRatio: null,
    forecastAchievedAt: null,
  });
  const item = (state: RefHypothesis["state"], weight: number, expectedBenefit: number, status: ProgressStatus, ratio: number | null) => ({
    h: { ...up, state, weight, expectedBenefit },
    progress: prog(status, ratio),
  });

  test("hand-computed rollup with NO_DATA and excluded DRAFT/ABANDONED", () => {
    const r = refRollup(
      [
        item("ACTIVE", 2, 1000, "ON_TRACK", 0.5),
        item("VALIDATED", 1, 500, "ACHIEVED", 1.2), // clamped to 1
        item("INVALIDATED", 1, 300, "OFF_TRACK", -0.5), // clamped to 0
        item("ACTIVE", 5, 800, "NO_DATA", null), // weight not in the denominator
        item("DRAFT", 10, 9999, "ACHIEVED", 1), // excluded
        item("ABANDONED", 10, 9999, "OFF_TRACK", 0), // excluded
      ],
      [
        { budget: 1000, actualCost: 400 },
        { budget: null, actualCost: 100 },
        { budget: 500, actualCost: null },
      ],
    );
    expect(r).toEqual({
      hypothesisCount: 4,
      statusCounts: { NO_DATA: 1, ON_TRACK: 1, AT_RISK: 0, OFF_TRACK: 1, ACHIEVED: 1, MISSED: 0 },
      weightedProgress: 0.5, // (2·0.5 + 1·1 + 1·0) / (2+1+1) = 2/4
      expectedBenefit: 2600, // 1000+500+300+800
      realizedBenefit: 1000, // 1000·0.5 + 500·1 + 300·0 + 800·0
      investment: 500, // 400 + 100 + 0
      plannedInvestment: 1500, // 1000 + 0 + 500
      benefitCostRatio: 2, // 1000 / 500
    });
  });

  test("only NO_DATA → weightedProgress null; zero investment → ratio null; empty", () => {
    const r = refRollup([item("ACTIVE", 1, 100, "NO_DATA", null)], [{ budget: 10, actualCost: null }]);
    expect(r).toMatchObject({ hypothesisCount: 1, weightedProgress: null, realizedBenefit: 0, investment: 0, benefitCostRatio: null });
    expect(refRollup([], [])).toMatchObject({ hypothesisCount: 0, weightedProgress: null, expectedBenefit: 0, plannedInvestment: 0 });
  });
});

describe("refSeries", () => {
  const pt = (value: number, iso: string) => ({ value, observedAt: d(iso) });
  const starts = (s: Array<{ start: Date }>) => s.map((b) => b.start.toISOString().slice(0, 10));

  test("DAY: first bucket starts before from; to is exclusive; empty bucket is null/0", () => {
    const s = refSeries(
      [
        pt(9, "2024-03-10T06:00:00Z"), // in the first bucket but before from → excluded
        pt(1, "2024-03-10T13:00:00Z"),
        pt(2, "2024-03-12T23:59:59.999Z"),
        pt(3, "2024-03-13T00:00:00Z"), // at to → excluded
      ],
      d("2024-03-10T12:00:00Z"),
      d("2024-03-13T00:00:00Z"),
      "DAY",
      "SUM",
    );
    expect(starts(s)).toEqual(["2024-03-10", "2024-03-11", "2024-03-12"]);
    expect(s.map((b) => [b.value, b.count])).toEqual([
      [1, 1],
      [null, 0],
      [2, 1],
    ]);
    // 1 ms past the boundary adds the bucket containing it.
    expect(refSeries([], d("2024-03-10T12:00:00Z"), d("2024-03-13T00:00:00.001Z"), "DAY", "SUM")).toHaveLength(4);
  });

  test("WEEK: ISO weeks start on Monday, across year ends", () => {
    // 2024-01-01 is a Monday; Sunday 2024-01-07 still belongs to its week.
    expect(starts(refSeries([], d("2024-01-07T23:00:00Z"), d("2024-01-15T00:00:00Z"), "WEEK", "SUM"))).toEqual(["2024-01-01", "2024-01-08"]);
    expect(bucketStart(d("2024-01-08T00:00:00Z"), "WEEK").toISOString()).toBe("2024-01-08T00:00:00.000Z");
    // Thu 2020-12-31 → Mon 2020-12-28; Wed 2025-01-01 → Mon 2024-12-30.
    expect(bucketStart(d("2020-12-31T10:00:00Z"), "WEEK").toISOString()).toBe("2020-12-28T00:00:00.000Z");
    expect(bucketStart(d("2025-01-01T10:00:00Z"), "WEEK").toISOString()).toBe("2024-12-30T00:00:00.000Z");
  });

  test("MONTH (leap February), QUARTER, YEAR boundaries", () => {
    const months = refSeries(
      [pt(5, "2024-02-29T23:59:59Z"), pt(6, "2024-03-01T00:00:00Z")],
      d("2024-01-31T23:59:00Z"),
      d("2024-03-01T00:00:00Z"),
      "MONTH",
      "SUM",
    );
    expect(starts(months)).toEqual(["2024-01-01", "2024-02-01"]);
    expect(months.map((b) => b.value)).toEqual([null, 5]);
    expect(starts(refSeries([], d("2024-05-15T00:00:00Z"), d("2024-10-01T00:00:00.001Z"), "QUARTER", "SUM"))).toEqual([
      "2024-04-01",
      "2024-07-01",
      "2024-10-01",
    ]);
    expect(bucketStart(d("2024-12-31T23:59:59Z"), "QUARTER").toISOString()).toBe("2024-10-01T00:00:00.000Z");
    expect(starts(refSeries([], d("2023-06-01T00:00:00Z"), d("2025-01-01T00:00:00Z"), "YEAR", "SUM"))).toEqual(["2023-01-01", "2024-01-01"]);
  });

  test.each([
    ["LAST", 2],
    ["SUM", 10],
    ["AVERAGE", 2.5],
    ["MIN", 1],
    ["MAX", 4],
  ] as const)("aggregation %s", (agg, expected) => {
    // One day bucket: 3@10:00, 1@09:00, 4@12:00, 2@12:00. LAST: 12:00 tie → later element (2).
    const pts = [pt(3, "2024-03-10T10:00:00Z"), pt(1, "2024-03-10T09:00:00Z"), pt(4, "2024-03-10T12:00:00Z"), pt(2, "2024-03-10T12:00:00Z")];
    const s = refSeries(pts, d("2024-03-10T00:00:00Z"), d("2024-03-11T00:00:00Z"), "DAY", agg);
    expect(s).toEqual([{ start: d("2024-03-10T00:00:00Z"), value: expected, count: 4 }]);
  });

  test("to <= from → []; exactly 1000 buckets ok, 1001 throws", () => {
    expect(refSeries([pt(1, "2024-01-01T00:00:00Z")], d("2024-01-02T00:00:00Z"), d("2024-01-01T00:00:00Z"), "DAY", "SUM")).toEqual([]);
    expect(refSeries([], d("2024-01-01T00:00:00Z"), d("2024-01-01T00:00:00Z"), "DAY", "SUM")).toEqual([]);
    expect(refSeries([], BASE_AT, day(1000), "DAY", "SUM")).toHaveLength(1000);
    expect(() => refSeries([], BASE_AT, new Date(day(1000).getTime() + 1), "DAY", "SUM")).toThrow(/1000/);
  });
});

describe("refStale", () => {
  const now = d("2024-06-01T00:00:00Z");
  const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY - extraMs);
  test.each([
    ["DAILY", 2],
    ["WEEKLY", 14],
    ["MONTHLY", 60],
    ["QUARTERLY", 182],
  ] as const)("%s: stale only beyond %p days", (cadence, twice) => {
    expect(refStale(cadence, ago(twice), now)).toBe(false); // exactly 2× is not "older than"
    expect(refStale(cadence, ago(twice, 1), now)).toBe(true);
    expect(refStale(cadence, null, now)).toBe(true); // never observed
  });
  test("no cadence is never stale", () => {
    expect(refStale(null, null, now)).toBe(false);
    expect(refStale(null, ago(10_000), now)).toBe(false);
  });
});

describe("properties", () => {
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((t) => new Date(t));
  const interval = fc.constantFrom<SeriesInterval>("DAY", "WEEK", "MONTH", "QUARTER", "YEAR");
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

  test("series: buckets aligned and increasing; counts sum to the points in [from, to)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 900 * DAY }),
        interval,
        fc.array(fc.record({ value, observedAt: instant }), { maxLength: 30 }),
        (from, len, iv, pts) => {
          const to = new Date(from.getTime() + len);
          const s = refSeries(pts, from, to, iv, "SUM");
          const inRange = pts.filter((p) => p.observedAt >= from && p.observedAt < to).length;
          expect(s.reduce((n, b) => n + b.count, 0)).toBe(inRange);
          if (len === 0) return expect(s).toEqual([]);
          expect(s[0].start.getTime()).toBe(bucketStart(from, iv).getTime());
          expect(s[s.length - 1].start.getTime()).toBe(bucketStart(new Date(to.getTime() - 1), iv).getTime());
          s.forEach((b, i) => {
            expect(bucketStart(b.start, iv).getTime()).toBe(b.start.getTime());
            if (i > 0) expect(b.start.getTime()).toBeGreaterThan(s[i - 1].start.getTime());
          });
        },
      ),
    );
  });

  test("ratio at c = T is exactly 1 (ACHIEVED) and at c = B is 0, for both directions", () => {
    fc.assert(
      fc.property(value, value, fc.integer({ min: 0, max: 20 }), (B, T, asOfDay) => {
        fc.pre(B !== T);
        const h = { ...up, baseline: B, target: T };
        const atT = refProgress(h, [m(T, day(0))], day(asOfDay));
        expect(atT.ratio).toBe(1);
        expect(atT.status).toBe("ACHIEVED");
        // 0 / (T − B) is −0 when T < B: equal to 0 numerically, but not Object.is-equal.
        expect(refProgress(h, [m(B, day(0))], day(asOfDay)).ratio === 0).toBe(true);
      }),
    );
  });

  test("rollup: weightedProgress in [0, 1] and realizedBenefit in [0, expectedBenefit]", () => {
    const state = fc.constantFrom<RefHypothesis["state"]>("DRAFT", "ACTIVE", "VALIDATED", "INVALIDATED", "ABANDONED");
    const it = fc.record({
      state,
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
      eb: fc.double({ min: 0, max: 1e6, noNaN: true }),
      c: fc.option(value),
    });
    fc.assert(
      fc.property(fc.array(it, { maxLength: 10 }), (specs) => {
        const items = specs.map(({ state, weight, eb, c }) => {
          const h = { ...up, state, weight, expectedBenefit: eb };
          return { h, progress: refProgress(h, c === null ? [] : [m(c, day(1))], day(5)) };
        });
        const r = refRollup(items, []);
        if (r.weightedProgress !== null) {
          expect(r.weightedProgress).toBeGreaterThanOrEqual(0);
          expect(r.weightedProgress).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(r.realizedBenefit).toBeGreaterThanOrEqual(0);
        expect(r.realizedBenefit).toBeLessThanOrEqual(r.expectedBenefit * (1 + 1e-12));
        expect(Object.values(r.statusCounts).reduce((a, b) => a + b, 0)).toBe(r.hypothesisCount);
      }),
    );
  });

  test("forecast recovers any line through ≥ 3 distinct days, whatever the input order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 6 }),
        (slopePerDay, days) => {
          const pts = days.map((x) => m(100 + slopePerDay * x, day(x)));
          const p = refProgress(up, pts, day(5));
          expect(p.forecastAtTarget).toBeCloseTo(100 + slopePerDay * 10, 6);
          expect(refProgress(up, [...pts].reverse(), day(5)).current).toBe(p.current);
          expect(p.forecastAchievedAt === null).toBe(slopePerDay <= 0);
        },
      ),
    );
  });
});
