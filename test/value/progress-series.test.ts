/**
 * OutcomeHypothesis.progressSeries (issue 15): the progress rules at the end of every calendar
 * bucket, checked against the reference implementation (test/value/reference.ts) on random
 * hypotheses and histories, with bucket boundaries computed here independently of SQL.
 */
import "reflect-metadata";
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { at, fixtures, plusDays, Ref, statementsOf } from "./fixtures";
import { refProgress, RefHypothesis } from "./reference";
import { expectProgressLike, historyArb, hypothesisArb, storeHistory } from "./progress.support";

const app = useTestApp();
const fx = fixtures(app);

type Interval = "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR";

/** The start of the UTC bucket holding `t`, and the next one's (ISO weeks start on Monday). */
function bucketOf(t: Date, interval: Interval): { start: Date; next: Date } {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  switch (interval) {
    case "DAY":
      return { start: new Date(Date.UTC(y, m, d)), next: new Date(Date.UTC(y, m, d + 1)) };
    case "WEEK": {
      const monday = d - ((t.getUTCDay() + 6) % 7);
      return { start: new Date(Date.UTC(y, m, monday)), next: new Date(Date.UTC(y, m, monday + 7)) };
    }
    case "MONTH":
      return { start: new Date(Date.UTC(y, m, 1)), next: new Date(Date.UTC(y, m + 1, 1)) };
    case "QUARTER":
      return { start: new Date(Date.UTC(y, m - (m % 3), 1)), next: new Date(Date.UTC(y, m - (m % 3) + 3, 1)) };
    case "YEAR":
      return { start: new Date(Date.UTC(y, 0, 1)), next: new Date(Date.UTC(y + 1, 0, 1)) };
  }
}

/** The buckets meeting [from, to) with the instant each is evaluated at: its last millisecond, cut at `to` and at `now`. */
function expectedBuckets(from: Date, to: Date, interval: Interval, now: number): Array<{ start: string; asOf: number }> {
  const out: Array<{ start: string; asOf: number }> = [];
  for (let b = bucketOf(from, interval); b.start < to; b = bucketOf(b.next, interval)) {
    out.push({ start: b.start.toISOString(), asOf: Math.min(b.next.getTime(), to.getTime(), now + 1) - 1 });
  }
  return out;
}

const SERIES = `query($id: ID!, $from: DateTime!, $to: DateTime!, $interval: SeriesInterval!) { node(id: $id) { ... on OutcomeHypothesis {
  progressSeries(from: $from, to: $to, interval: $interval) { start asOf current currentObservedAt ratio expectedRatio status }
} } }`;

let portfolio: Ref;
let initiative: Ref;
beforeAll(async () => {
  portfolio = await fx.portfolio();
  initiative = await fx.initiative(portfolio);
});

describe("progressSeries", () => {
  test("a worked example: monthly status history of a hypothesis", async () => {
    const base = at("2024-01-01T00:00:00Z");
    const metric = await fx.metric(portfolio);
    const h = await fx.hypothesis(initiative, metric, { baseline: 100, baselineAt: base, target: 200, targetDate: at("2024-05-01T00:00:00Z") });
    await fx.measurements(metric, [
      { value: 130, observedAt: plusDays(base, 20) }, // January: 0.3 of the way against 31/121 = 0.256 expected
      { value: 140, observedAt: at("2024-02-01T00:00:00Z") }, // the first instant of February: counts for February
      { value: 150, observedAt: at("2024-03-31T12:00:00Z") },
    ]);
    const points = (await app.ok(SERIES, { id: h.id, from: "2024-01-01T00:00:00Z", to: "2024-07-01T00:00:00Z", interval: "MONTH" })).node
      .progressSeries;
    expect(points.map((p: any) => [p.start.slice(0, 7), p.asOf, p.current, p.status])).toEqual([
      ["2024-01", "2024-01-31T23:59:59.999Z", 130, "ON_TRACK"],
      ["2024-02", "2024-02-29T23:59:59.999Z", 140, "ON_TRACK"], // 0.4 against 60/121 = 0.496 expected: within 0.10
      ["2024-03", "2024-03-31T23:59:59.999Z", 150, "OFF_TRACK"], // 0.5 against 91/121 = 0.752: more than 0.25 behind
      ["2024-04", "2024-04-30T23:59:59.999Z", 150, "OFF_TRACK"],
      ["2024-05", "2024-05-31T23:59:59.999Z", 150, "MISSED"],
      ["2024-06", "2024-06-30T23:59:59.999Z", 150, "MISSED"],
    ]);
    expect(points[0].expectedRatio).toBeCloseTo((31 * 86_400_000 - 1) / (121 * 86_400_000), 12);
  });

  test("property: every point is the reference's progress at its instant, over buckets computed independently", async () => {
    const intervals: Interval[] = ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];
    await fc.assert(
      fc.asyncProperty(hypothesisArb, historyArb, fc.constantFrom(...intervals), async (hyp, history, wanted) => {
        const metric = await fx.metric(portfolio, { direction: hyp.target > hyp.baseline ? "INCREASE" : "DECREASE" });
        const h = await fx.hypothesis(initiative, metric, hyp);
        const ref = await storeHistory(fx, metric, hyp, history);
        const span = hyp.targetDate.getTime() - hyp.baselineAt.getTime();
        const from = new Date(hyp.baselineAt.getTime() - span / 4);
        const to = new Date(hyp.targetDate.getTime() + span / 2);
        // the finest interval from the one drawn that keeps the series within 400 buckets
        const interval = intervals.slice(intervals.indexOf(wanted)).find((i) => expectedBuckets(from, to, i, Date.now()).length <= 400) ?? "YEAR";
        const before = Date.now();
        const points = (await app.ok(SERIES, { id: h.id, from: from.toISOString(), to: to.toISOString(), interval })).node.progressSeries;
        const expected = expectedBuckets(from, to, interval, before);
        expect(points.map((p: any) => p.start)).toEqual(expected.map((b) => b.start));
        const rh: RefHypothesis = { ...hyp, weight: 1, expectedBenefit: 0, state: "ACTIVE" };
        points.forEach((p: any, i: number) => {
          const asOf = Date.parse(p.asOf);
          // a bucket still running when asked is evaluated at the request's own "now"
          if (expected[i].asOf < before) expect(asOf).toBe(expected[i].asOf);
          else expect(asOf).toBeGreaterThanOrEqual(before - 1);
          expectProgressLike(p, refProgress(rh, ref, new Date(asOf)), rh, ref);
        });
      }),
      { numRuns: 60 },
    );
  });

  test("a page of hypotheses asks for all their series in one statement", async () => {
    const page = async (n: number) => {
      const i = await fx.initiative(portfolio);
      const metric = await fx.metric(portfolio);
      for (let k = 0; k < n; k++)
        await fx.hypothesis(i, metric, { baseline: 1, baselineAt: at("2024-01-01T00:00:00Z"), target: 2, targetDate: at("2025-01-01T00:00:00Z") });
      return statementsOf(
        app,
        `query($id: ID!) { node(id: $id) { ... on Initiative { hypotheses(first: 50) { nodes {
          progressSeries(from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", interval: MONTH) { status } } } } } }`,
        { id: i.id },
      );
    };
    expect(await page(12)).toBe(await page(2));
  });

  test("refuses an empty range and too many buckets, naming the argument", async () => {
    const metric = await fx.metric(portfolio);
    const h = await fx.hypothesis(initiative, metric, {
      baseline: 1,
      baselineAt: at("2024-01-01T00:00:00Z"),
      target: 2,
      targetDate: at("2025-01-01T00:00:00Z"),
    });
    const ask = (from: string, to: string, interval: string) => app.gql(SERIES, { id: h.id, from, to, interval });
    const empty = await ask("2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z", "DAY");
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    const many = await ask("2000-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "DAY");
    expect(many.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "interval" });
  });
});
