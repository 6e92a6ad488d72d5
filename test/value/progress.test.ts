/**
 * OutcomeHypothesis.progress through GraphQL against real Postgres: hand-computed cases,
 * a property test against the reference implementation, and the statement-count proof.
 */
import "reflect-metadata";
import fc from "fast-check";
import { useTestApp } from "../support/app";
import { at, fixtures, plusDays, Ref, statementsOf } from "./fixtures";
import { refProgress, RefHypothesis } from "./reference";
import { expectProgressLike, historyArb, hypothesisArb, storeHistory } from "./progress.support";

const app = useTestApp();
const fx = fixtures(app);

const PROGRESS = `query($id: ID!, $asOf: DateTime) { node(id: $id) { ... on OutcomeHypothesis {
  progress(asOf: $asOf) { asOf current currentObservedAt ratio expectedRatio status forecastAtTarget forecastRatio forecastAchievedAt }
} } }`;
const progressOf = async (id: string, asOf?: Date) => (await app.ok(PROGRESS, { id, asOf: asOf?.toISOString() })).node.progress;

let portfolio: Ref;
let initiative: Ref;
beforeAll(async () => {
  portfolio = await fx.portfolio();
  initiative = await fx.initiative(portfolio);
});

const BASE_AT = at("2024-01-01T00:00:00Z");
const day = (n: number) => plusDays(BASE_AT, n);
const up = { baseline: 100, baselineAt: BASE_AT, target: 200, targetDate: day(10) };

describe("progress: worked examples", () => {
  test("no data, on track, forecast, ties and corrections", async () => {
    const metric = await fx.metric(portfolio);
    const h = await fx.hypothesis(initiative, metric, up);
    expect(await progressOf(h.id, day(5))).toEqual({
      asOf: day(5).toISOString(),
      current: null,
      currentObservedAt: null,
      ratio: null,
      expectedRatio: 0.5,
      status: "NO_DATA",
      forecastAtTarget: null,
      forecastRatio: null,
      forecastAchievedAt: null,
    });
    const [, , tie] = await fx.measurements(metric, [
      { value: 90, observedAt: day(-1) }, // before baselineAt: never counts
      { value: 110, observedAt: day(1) },
      { value: 120, observedAt: day(2), source: "a", recordedAt: day(3) },
      { value: 999, observedAt: day(2), source: "b", recordedAt: day(2) }, // same instant, recorded earlier
      { value: 130, observedAt: day(3) },
      { value: 500, observedAt: day(8) }, // after asOf
    ]);
    // y = 100 + 10·day through days 1–3 (the 999 at day 2 bends the fit: not used here)
    const p = await progressOf(h.id, day(2.5));
    expect(p).toMatchObject({ current: 120, currentObservedAt: day(2).toISOString(), ratio: 0.2, expectedRatio: 0.25, status: "ON_TRACK" });
    expect(p.forecastAtTarget).toBeNull(); // only 2 distinct times in [baselineAt, asOf]

    await fx.correct(tie.id, 125, day(4)); // the correction keeps the tie winner and changes its value
    expect((await progressOf(h.id, day(2.5))).current).toBe(125);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM measurement_revision WHERE measurement_id = $1`, [tie.id]);
    expect(n).toBe(1);
    expect(await progressOf(h.id, day(20))).toMatchObject({ current: 500, status: "ACHIEVED", expectedRatio: 1 });
  });

  test("DECREASE metric, MISSED after the target date, OFF_TRACK, default asOf is now", async () => {
    const metric = await fx.metric(portfolio, { direction: "DECREASE" });
    const h = await fx.hypothesis(initiative, metric, { ...up, baseline: 50, target: 20 });
    await fx.measurements(metric, [
      { value: 47, observedAt: day(1) },
      { value: 44, observedAt: day(2) },
      { value: 41, observedAt: day(3) },
    ]);
    const p = await progressOf(h.id, day(3));
    expect(p.ratio).toBeCloseTo(0.3, 12);
    expect(p.status).toBe("ON_TRACK"); // 0.3 ≥ 0.3 − 0.1
    expect(p.forecastAtTarget).toBeCloseTo(20, 9);
    expect(Math.abs(Date.parse(p.forecastAchievedAt) - day(10).getTime())).toBeLessThanOrEqual(1);
    expect((await progressOf(h.id, day(9))).status).toBe("OFF_TRACK"); // 0.3 < 0.9 − 0.25
    expect((await progressOf(h.id, day(11))).status).toBe("MISSED");
    const before = Date.now();
    const now = await progressOf(h.id);
    expect(Date.parse(now.asOf)).toBeGreaterThanOrEqual(before - 5);
    expect(now.status).toBe("MISSED");
  });
});

describe("progress: property test against the reference", () => {
  test("random hypotheses, histories (ties, corrections) and asOf in every region", async () => {
    await fc.assert(
      fc.asyncProperty(hypothesisArb, historyArb, async (hyp, history) => {
        const metric = await fx.metric(portfolio, { direction: hyp.target > hyp.baseline ? "INCREASE" : "DECREASE" });
        const h = await fx.hypothesis(initiative, metric, hyp);
        const ref = await storeHistory(fx, metric, hyp, history);
        const asOfs = history.asOfFractions.map(
          (f) => new Date(hyp.baselineAt.getTime() + Math.round(f * (hyp.targetDate.getTime() - hyp.baselineAt.getTime()))),
        );
        const query = `query($id: ID!) { node(id: $id) { ... on OutcomeHypothesis { ${asOfs
          .map(
            (a, i) =>
              `p${i}: progress(asOf: "${a.toISOString()}") { current currentObservedAt ratio expectedRatio status forecastAtTarget forecastRatio forecastAchievedAt }`,
          )
          .join(" ")} } } }`;
        const node = (await app.ok(query, { id: h.id })).node;
        const rh: RefHypothesis = { ...hyp, weight: 1, expectedBenefit: 0, state: "ACTIVE" };
        asOfs.forEach((asOf, i) => expectProgressLike(node[`p${i}`], refProgress(rh, ref, asOf), rh, ref));
        // the same through a page of hypotheses, where the page statement computes it (h is the newest)
        const nested = `query($id: ID!, $asOf: DateTime!) { node(id: $id) { ... on Initiative { hypotheses(last: 1) { nodes { id
          progress(asOf: $asOf) { current currentObservedAt ratio expectedRatio status forecastAtTarget forecastRatio forecastAchievedAt } } } } } }`;
        const [page] = (await app.ok(nested, { id: initiative.id, asOf: asOfs[1] })).node.hypotheses.nodes;
        expect(page.id).toBe(h.id);
        expectProgressLike(page.progress, refProgress(rh, ref, asOfs[1]), rh, ref);
      }),
      { numRuns: 100 },
    );
  });
});

describe("progress: statements", () => {
  test("a page of 50 hypotheses costs the same statements as a page of 5", async () => {
    const metric = await fx.metric(portfolio);
    await fx.measurements(
      metric,
      [0, 1, 2, 3].map((d) => ({ value: 100 + 10 * d, observedAt: day(d) })),
    );
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await fx.hypothesis(initiative, metric, up)).id);
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on OutcomeHypothesis { progress(asOf: "2024-01-05T00:00:00Z") { status current forecastAchievedAt } } } }`;
    const page50 = await statementsOf(app, q, { ids });
    const page5 = await statementsOf(app, q, { ids: ids.slice(0, 5) });
    expect(page50).toBe(page5);
    expect(page50).toBe(2); // the nodes themselves, then one progress batch
    // default asOf ("now") is one instant per request, so still one batch
    const q2 = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on OutcomeHypothesis { progress { status } } } }`;
    expect(await statementsOf(app, q2, { ids })).toBe(2);
  });
});

describe("progress and metric computed by the hypotheses page statement", () => {
  const FIELDS = "asOf current currentObservedAt ratio expectedRatio status forecastAtTarget forecastRatio forecastAchievedAt";
  const asOf = day(3.5).toISOString();
  const later = day(9).toISOString();

  /** Two initiatives with three hypotheses each over two metrics with histories. */
  async function build() {
    const a = await fx.initiative(portfolio);
    const b = await fx.initiative(portfolio);
    const up1 = await fx.metric(portfolio, { unit: "EUR" });
    const down = await fx.metric(portfolio, { direction: "DECREASE" });
    await fx.measurements(
      up1,
      [1, 2, 3, 8].map((d) => ({ value: 100 + 12 * d, observedAt: day(d) })),
    );
    await fx.measurements(
      down,
      [1, 2, 3].map((d) => ({ value: 50 - 4 * d, observedAt: day(d) })),
    );
    const hs: Ref[] = [];
    for (const init of [a, b]) {
      hs.push(await fx.hypothesis(init, up1, up));
      hs.push(await fx.hypothesis(init, down, { ...up, baseline: 50, target: 20 }));
      hs.push(await fx.hypothesis(init, up1, { ...up, target: 150, targetDate: day(4) }));
    }
    return { a, b, hs, metrics: { [up1.id]: up1.key, [down.id]: down.key } };
  }

  /** The same fields through the per-hypothesis loaders (`nodes`), the reference path. */
  async function loaded(ids: string[], at: string) {
    const q = `query($ids: [ID!]!, $at: DateTime!) { nodes(ids: $ids) { ... on OutcomeHypothesis { id progress(asOf: $at) { ${FIELDS} } metric { id key } } } }`;
    return (await app.ok(q, { ids, at })).nodes;
  }

  test("2 statements for initiatives → hypotheses → progress + metric, equal to the loaded values, forward and backward", async () => {
    const { a, b, hs, metrics } = await build();
    const q = `query($ids: [ID!]!, $at: DateTime!, $last: Int) { nodes(ids: $ids) { ... on Initiative {
      hypotheses(last: $last) { nodes { id progress(asOf: $at) { ${FIELDS} } metric { id key } } } } } }`;
    const res = await app.gql(q, { ids: [a.id, b.id], at: asOf });
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.sqlStatements).toBe(2); // the initiatives, then one page statement with everything under it
    const nested = (res.data as any).nodes.flatMap((n: any) => n.hypotheses.nodes);
    expect(nested.map((h: any) => h.id)).toEqual(hs.map((h) => h.id)); // page order kept per parent
    expect(nested).toEqual(
      await loaded(
        hs.map((h) => h.id),
        asOf,
      ),
    );
    for (const h of nested) expect(h.metric.key).toBe(metrics[h.metric.id]);
    expect(nested[0].progress).toMatchObject({ current: 136, status: "ON_TRACK" }); // 0.36 against 0.35
    expect(nested[1].progress.forecastAtTarget).toBeCloseTo(10, 9); // 50 − 4·day, at day 10

    const back = await app.ok(q, { ids: [a.id, b.id], at: asOf, last: 2 });
    const tail = back.nodes.flatMap((n: any) => n.hypotheses.nodes.map((h: any) => h.id));
    expect(tail).toEqual([hs[1], hs[2], hs[4], hs[5]].map((h) => h.id));
  });

  test("edges, fragments, aliases at two instants and the default asOf", async () => {
    const { a, hs } = await build();
    const q = `query($id: ID!, $at: DateTime!, $later: DateTime!) { node(id: $id) { ... on Initiative {
      hypotheses { edges { node { ...H } } } } }
    }
    fragment H on OutcomeHypothesis { id now: progress { status } p: progress(asOf: $at) { ${FIELDS} } q: progress(asOf: $later) { ${FIELDS} } metric { key } }`;
    const res = await app.gql(q, { id: a.id, at: asOf, later });
    expect(res.errors).toBeUndefined();
    // the first progress selection ("now") is computed in the page; the two others are one batch each
    expect(res.extensions!.sqlStatements).toBe(4);
    const nodes = (res.data as any).node.hypotheses.edges.map((e: any) => e.node);
    const ids = hs.slice(0, 3).map((h) => h.id);
    expect(nodes.map((n: any) => n.id)).toEqual(ids);
    const [atAsOf, atLater, today] = [await loaded(ids, asOf), await loaded(ids, later), await loaded(ids, new Date().toISOString())];
    nodes.forEach((n: any, i: number) => {
      expect(n.p).toEqual(atAsOf[i].progress);
      expect(n.q).toEqual(atLater[i].progress);
      expect(n.now.status).toBe(today[i].progress.status); // every target date is in 2024: settled
    });
    expect(nodes.map((n: any) => n.now.status)).toEqual(["MISSED", "MISSED", "ACHIEVED"]);
  });

  test("a page that does not select progress or metric does not compute them", async () => {
    const { a } = await build();
    const q = `query($id: ID!) { node(id: $id) { ... on Initiative { hypotheses { nodes { id statement } } } } }`;
    expect(await statementsOf(app, q, { id: a.id })).toBe(2);
    const withMetric = `query($id: ID!) { node(id: $id) { ... on Initiative { hypotheses { nodes { id metric { key } } } } } }`;
    expect(await statementsOf(app, withMetric, { id: a.id })).toBe(2);
  });
});
