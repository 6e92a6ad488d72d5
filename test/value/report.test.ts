/**
 * valueReport through GraphQL: rows, order, filters, keyset pagination (both directions,
 * stable under inserts), totalCount, errors, and the statement-count proof.
 */
import "reflect-metadata";
import { useTestApp } from "../support/app";
import { at, fixtures, plusDays, Ref, statementsOf } from "./fixtures";

const app = useTestApp();
const fx = fixtures(app);

const BASE_AT = at("2024-01-01T00:00:00Z");
const day = (n: number) => plusDays(BASE_AT, n);
const AS_OF = day(5).toISOString();
const ROW = `portfolioId portfolioName initiativeId initiativeName hypothesisId state weight metricKey metricUnit
  baseline baselineAt target targetDate current ratio expectedRatio status expectedBenefit realizedBenefit asOf`;
const REPORT = `query($id: ID!, $asOf: DateTime, $filter: ValueReportFilter, $first: Int, $after: String, $last: Int, $before: String) {
  valueReport(portfolioId: $id, asOf: $asOf, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${ROW} } } } }`;
const COMPACT = `query($id: ID!, $asOf: DateTime, $filter: ValueReportFilter, $first: Int, $after: String, $last: Int, $before: String) {
  valueReport(portfolioId: $id, asOf: $asOf, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { hypothesisId status } } }`;

let root: Ref, beta: Ref, alpha: Ref, outside: Ref;
let m1: Ref & { key: string }, m2: Ref & { key: string };
const hyps: Record<string, Ref> = {};

beforeAll(async () => {
  root = await fx.portfolio({ name: "Root" });
  beta = await fx.portfolio({ name: "Beta", parent: root });
  alpha = await fx.portfolio({ name: "Alpha", parent: beta, archived: true });
  outside = await fx.portfolio({ name: "Outside" });
  m1 = await fx.metric(root, { unit: "USD" });
  m2 = await fx.metric(root, { direction: "DECREASE" });
  await fx.measurements(m1, [{ value: 150, observedAt: day(1) }]);
  await fx.measurements(m2, [{ value: 45, observedAt: day(1) }]);
  const iRoot = await fx.initiative(root, { name: "Zeta" });
  const iAlpha = await fx.initiative(alpha, { name: "Kappa" });
  const iBeta = await fx.initiative(beta, { name: "Eta" });
  const iOut = await fx.initiative(outside, { name: "Nope" });
  const base = { baselineAt: BASE_AT, targetDate: day(10), expectedBenefit: 1000 };
  hyps.alpha1 = await fx.hypothesis(iAlpha, m1, { ...base, baseline: 100, target: 200 }); // r 0.5 ON_TRACK
  hyps.alpha2 = await fx.hypothesis(iAlpha, m2, { ...base, baseline: 50, target: 0 }); // r 0.1 OFF_TRACK
  hyps.beta = await fx.hypothesis(iBeta, m1, { ...base, baseline: 0, target: 1000 }); // r 0.15 OFF_TRACK
  hyps.draft = await fx.hypothesis(iBeta, m1, { ...base, baseline: 100, target: 200, state: "DRAFT" });
  hyps.root = await fx.hypothesis(iRoot, m2, { ...base, baseline: 60, target: 50, weight: 2 }); // r 1.5 ACHIEVED
  hyps.out = await fx.hypothesis(iOut, m1, { ...base, baseline: 100, target: 200 });
});

describe("valueReport", () => {
  test("one row per counted hypothesis of the subtree, ordered by portfolio, initiative, creation", async () => {
    const r = (await app.ok(REPORT, { id: root.id, asOf: AS_OF })).valueReport;
    expect(r.totalCount).toBe(4);
    expect(r.edges.map((e: any) => e.node.hypothesisId)).toEqual([hyps.alpha1.id, hyps.alpha2.id, hyps.beta.id, hyps.root.id]);
    expect(r.edges[0].node).toEqual({
      portfolioId: alpha.id,
      portfolioName: "Alpha",
      initiativeId: expect.any(String),
      initiativeName: "Kappa",
      hypothesisId: hyps.alpha1.id,
      state: "ACTIVE",
      weight: 1,
      metricKey: m1.key,
      metricUnit: "USD",
      baseline: 100,
      baselineAt: BASE_AT.toISOString(),
      target: 200,
      targetDate: day(10).toISOString(),
      current: 150,
      ratio: 0.5,
      expectedRatio: 0.5,
      status: "ON_TRACK",
      expectedBenefit: 1000,
      realizedBenefit: 500,
      asOf: AS_OF,
    });
    expect(r.edges[3].node).toMatchObject({ portfolioName: "Root", status: "ACHIEVED", ratio: 1.5, realizedBenefit: 1000, weight: 2 });
    expect(r.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    // the rows agree with OutcomeHypothesis.progress
    const ids = r.edges.map((e: any) => e.node.hypothesisId);
    const p = await app.ok(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on OutcomeHypothesis { progress(asOf: "${AS_OF}") { current ratio expectedRatio status } } } }`,
      { ids },
    );
    expect(p.nodes.map((n: any) => n.progress)).toEqual(
      r.edges.map(({ node: { current, ratio, expectedRatio, status } }: any) => ({ current, ratio, expectedRatio, status })),
    );
  });

  test("filters: states, statuses, metricKey, initiativeId; NO_DATA rows realize nothing", async () => {
    const ids = async (filter: object, asOf = AS_OF) =>
      (await app.ok(COMPACT, { id: root.id, asOf, filter })).valueReport.nodes.map((n: any) => n.hypothesisId);
    expect(await ids({ states: ["DRAFT"] })).toEqual([hyps.draft.id]);
    expect(await ids({ statuses: ["OFF_TRACK"] })).toEqual([hyps.alpha2.id, hyps.beta.id]);
    expect(await ids({ statuses: ["OFF_TRACK", "ACHIEVED"], metricKey: m2.key })).toEqual([hyps.alpha2.id, hyps.root.id]);
    const iBeta = (await app.ok(REPORT, { id: root.id, asOf: AS_OF, filter: { statuses: ["OFF_TRACK"], metricKey: m1.key } })).valueReport.edges[0]
      .node.initiativeId;
    expect(await ids({ initiativeId: iBeta, states: ["ACTIVE", "DRAFT"] })).toEqual([hyps.beta.id, hyps.draft.id]);
    const early = (await app.ok(REPORT, { id: root.id, asOf: day(0.5).toISOString(), filter: { statuses: ["NO_DATA"] } })).valueReport;
    expect(early.totalCount).toBe(4);
    expect(early.edges.map((e: any) => [e.node.current, e.node.ratio, e.node.realizedBenefit])).toEqual(Array(4).fill([null, null, 0]));
    expect((await app.ok(REPORT, { id: beta.id, asOf: AS_OF })).valueReport.totalCount).toBe(3);
  });

  test("keyset pages forwards and backwards, stable when rows are added before the cursor", async () => {
    const page = async (v: object) => (await app.ok(COMPACT, { id: root.id, asOf: AS_OF, ...v })).valueReport;
    const p1 = await page({ first: 2 });
    expect(p1.nodes.map((n: any) => n.hypothesisId)).toEqual([hyps.alpha1.id, hyps.alpha2.id]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // a new initiative in "Alpha" named "Aaa" sorts before everything already paged
    const extra = await fx.hypothesis(await fx.initiative(alpha, { name: "Aaa" }), m1, {
      baseline: 0,
      target: 1,
      baselineAt: BASE_AT,
      targetDate: day(10),
    });
    const p2 = await page({ first: 2, after: p1.pageInfo.endCursor });
    expect(p2.nodes.map((n: any) => n.hypothesisId)).toEqual([hyps.beta.id, hyps.root.id]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await page({ last: 2, before: p2.pageInfo.startCursor });
    expect(back.nodes.map((n: any) => n.hypothesisId)).toEqual([hyps.alpha1.id, hyps.alpha2.id]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await page({ last: 1 });
    expect(tail.nodes.map((n: any) => n.hypothesisId)).toEqual([hyps.root.id]);
    const filtered = await page({ first: 1, filter: { statuses: ["OFF_TRACK"] } });
    const next = await page({ first: 5, after: filtered.pageInfo.endCursor, filter: { statuses: ["OFF_TRACK"] } });
    expect([...filtered.nodes, ...next.nodes].map((n: any) => n.hypothesisId)).toEqual([hyps.alpha2.id, hyps.beta.id]);
    await app.dataSource.query(`DELETE FROM outcome_hypothesis WHERE id = $1`, [extra.rowId]);
  });

  test("errors: wrong ID type, malformed ID, missing portfolio, bad cursor, page too big", async () => {
    const ext = async (v: object) => (await app.gql(COMPACT, { asOf: AS_OF, ...v })).errors?.[0]?.extensions;
    expect(await ext({ id: hyps.root.id })).toMatchObject({ code: "BAD_USER_INPUT", field: "portfolioId" });
    expect(await ext({ id: "not-an-id" })).toMatchObject({ code: "BAD_USER_INPUT", field: "portfolioId" });
    const gone = await fx.portfolio();
    await app.dataSource.query(`DELETE FROM portfolio WHERE id = $1`, [gone.rowId]);
    expect(await ext({ id: gone.id })).toMatchObject({ code: "NOT_FOUND", field: "portfolioId" });
    expect((await app.ok(COMPACT, { id: outside.id, filter: { statuses: ["ACHIEVED"] } })).valueReport.nodes).toEqual([]); // empty, not missing
    expect(await ext({ id: root.id, after: "garbage" })).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const foreign = Buffer.from(JSON.stringify(["x", "y"])).toString("base64url"); // a cursor of another list
    expect(await ext({ id: root.id, after: foreign })).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(await ext({ id: root.id, first: 501 })).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(await ext({ id: root.id, filter: { initiativeId: root.id } })).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.initiativeId" });
  });

  test("statements: one per page whatever its size, one more for totalCount", async () => {
    const big = await fx.portfolio({ parent: root });
    const metric = await fx.metric(big);
    await fx.measurements(metric, [{ value: 3, observedAt: day(1) }]);
    for (let k = 0; k < 12; k++) {
      const i = await fx.initiative(big);
      for (let j = 0; j < 5; j++) await fx.hypothesis(i, metric, { baseline: 0, target: 10, baselineAt: BASE_AT, targetDate: day(10) });
    }
    const q = (first: number, extra = "") =>
      `query { valueReport(portfolioId: "${root.id}", first: ${first}${extra}) { ${extra ? "" : "totalCount"} nodes { status realizedBenefit } } }`;
    expect(await statementsOf(app, q(50))).toBe(2);
    expect(await statementsOf(app, q(5))).toBe(2);
    const page = await app.ok(q(50));
    expect(page.valueReport.nodes).toHaveLength(50);
    expect(page.valueReport.totalCount).toBe(64);
    const f = `, filter: { statuses: [OFF_TRACK, ON_TRACK] }`;
    expect(await statementsOf(app, q(50, f))).toBe(1);
    expect(await statementsOf(app, q(5, f))).toBe(1);
  });
});
