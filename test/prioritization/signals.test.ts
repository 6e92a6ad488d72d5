/**
 * Portfolio.signals through GraphQL (DOMAIN.md, "Signals"): each rule on both sides of its
 * boundary, as of a fixed instant, with the reason and the numbers behind it. Every test
 * uses a portfolio of its own.
 */
import { useTestApp } from "../support/app";
import { HypothesisSpec, member, outsider, Ref, seed, Seed, InitiativeSpec } from "./support";

const app = useTestApp();
let s: Seed;
beforeAll(() => {
  s = seed(app);
});

const AS_OF = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;
const days = (n: number) => new Date(AS_OF.getTime() + n * DAY);

const SIGNALS = `query($id: ID!, $asOf: DateTime, $model: RankingModel! = WSJF) {
  portfolio(id: $id) { signals(asOf: $asOf, model: $model) { kind reason numbers { name value } initiative { id name } } }
}`;

interface Sig {
  kind: string;
  reason: string;
  numbers: Array<{ name: string; value: number | null }>;
  initiative: { id: string; name: string };
}

async function signalsOf(p: Ref, who: { ok: typeof app.ok } = app, model = "WSJF"): Promise<Sig[]> {
  return (await who.ok(SIGNALS, { id: p.id, asOf: AS_OF.toISOString(), model })).portfolio.signals;
}
const kindsOf = (list: Sig[], name: string) => list.filter((x) => x.initiative.name === name).map((x) => x.kind);
const numbers = (sig: Sig) => Object.fromEntries(sig.numbers.map((n) => [n.name, n.value]));

/**
 * A hypothesis on a fresh metric in a given status as of AS_OF (baseline 0 → target 10):
 * ACHIEVED (value 10), ON_TRACK (5 at half time), AT_RISK (3), OFF_TRACK (0), MISSED (target
 * date passed at 5), NO_DATA; or `value` for an exact ratio value / 10.
 */
type Status = "ACHIEVED" | "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "MISSED" | "NO_DATA";
async function hyp(p: Ref, initiative: Ref, status: Status | { value: number }, extra: HypothesisSpec = {}) {
  const metric = await s.metric(p);
  const missed = status === "MISSED";
  await s.hypotheses([{ initiative, metric, baselineAt: days(missed ? -200 : -100), targetDate: days(missed ? -10 : 100), ...extra }]);
  const value = typeof status === "object" ? status.value : { ACHIEVED: 10, ON_TRACK: 5, AT_RISK: 3, OFF_TRACK: 0, MISSED: 5, NO_DATA: null }[status];
  if (value !== null) await s.measurement(metric, value, days(missed ? -20 : -1));
}

async function portfolioWith(specs: InitiativeSpec[]) {
  const p = await s.portfolio();
  return { p, refs: await s.initiatives(p, specs) };
}

describe("NO_HYPOTHESIS", () => {
  test("APPROVED, IN_DELIVERY and DELIVERED without a counted hypothesis; DRAFT or ABANDONED only counts as none; earlier stages raise none", async () => {
    const { p, refs } = await portfolioWith([
      { name: "approved", stage: "APPROVED", budget: 500, actualCost: 100 },
      { name: "delivering", stage: "IN_DELIVERY" },
      { name: "delivered", stage: "DELIVERED" },
      { name: "draft-only", stage: "APPROVED" },
      { name: "abandoned-only", stage: "APPROVED" },
      { name: "idea", stage: "IDEA" },
      { name: "proposed", stage: "PROPOSED" },
      { name: "stated", stage: "APPROVED" },
    ]);
    await hyp(p, refs[3], "NO_DATA", { state: "DRAFT" });
    await hyp(p, refs[4], "NO_DATA", { state: "ABANDONED" });
    await hyp(p, refs[7], "NO_DATA", { state: "VALIDATED" });
    const list = await signalsOf(p);
    for (const name of ["approved", "delivering", "delivered", "draft-only", "abandoned-only"])
      expect(kindsOf(list, name)).toEqual(["NO_HYPOTHESIS"]);
    for (const name of ["idea", "proposed", "stated"]) expect(kindsOf(list, name)).toEqual([]);
    const sig = list.find((x) => x.initiative.name === "approved")!;
    expect(sig.reason).toMatch(/APPROVED with no outcome hypothesis/);
    expect(numbers(sig)).toEqual({ budget: 500, actualCost: 100 });
  });
});

describe("STOP_OR_PIVOT", () => {
  test("OFF_TRACK/MISSED weight exactly half of the counted weight fires; just under does not", async () => {
    const { p, refs } = await portfolioWith([
      { name: "half", stage: "IN_DELIVERY" },
      { name: "under", stage: "IN_DELIVERY" },
      { name: "off+nodata", stage: "DELIVERED" },
      { name: "off+more-nodata", stage: "DELIVERED" },
      { name: "at-risk", stage: "IN_DELIVERY" },
      { name: "approved", stage: "APPROVED" },
    ]);
    await hyp(p, refs[0], "MISSED", { weight: 1 });
    await hyp(p, refs[0], "ACHIEVED", { weight: 1 });
    await hyp(p, refs[1], "MISSED", { weight: 0.99 });
    await hyp(p, refs[1], "ACHIEVED", { weight: 1 });
    await hyp(p, refs[2], "OFF_TRACK", { weight: 2 });
    await hyp(p, refs[2], "NO_DATA", { weight: 2 }); // no data still counts in the total weight
    await hyp(p, refs[3], "OFF_TRACK", { weight: 2 });
    await hyp(p, refs[3], "NO_DATA", { weight: 2.01 });
    await hyp(p, refs[3], "OFF_TRACK", { weight: 50, state: "DRAFT" }); // not counted
    await hyp(p, refs[4], "AT_RISK", { weight: 3 });
    await hyp(p, refs[4], "OFF_TRACK", { weight: 1 });
    await hyp(p, refs[5], "MISSED"); // stage APPROVED: not in flight
    const list = await signalsOf(p);
    expect(kindsOf(list, "half")).toEqual(["STOP_OR_PIVOT"]);
    expect(kindsOf(list, "off+nodata")).toEqual(["STOP_OR_PIVOT"]);
    for (const name of ["under", "off+more-nodata", "at-risk", "approved"]) expect(kindsOf(list, name)).toEqual([]);
    const half = list.find((x) => x.initiative.name === "half")!;
    expect(numbers(half)).toEqual({ offTrackOrMissedWeight: 1, totalWeight: 2 });
    expect(half.reason).toMatch(/50%/);
    expect(numbers(list.find((x) => x.initiative.name === "off+nodata")!)).toEqual({ offTrackOrMissedWeight: 2, totalWeight: 4 });
  });
});

describe("NO_EVIDENCE", () => {
  test("hypotheses but no data, the earliest baseline more than 90 days before asOf (90 days + 1 ms fires, exactly 90 days does not)", async () => {
    const { p, refs } = await portfolioWith([
      { name: "over", stage: "IN_DELIVERY" },
      { name: "exactly", stage: "DELIVERED" },
      { name: "with-data", stage: "IN_DELIVERY" },
      { name: "approved", stage: "APPROVED" },
    ]);
    const over = new Date(AS_OF.getTime() - 90 * DAY - 1);
    await hyp(p, refs[0], "NO_DATA", { baselineAt: over });
    await hyp(p, refs[0], "NO_DATA", { baselineAt: days(-10) }); // the earliest baseline decides
    await hyp(p, refs[1], "NO_DATA", { baselineAt: days(-90) });
    await hyp(p, refs[2], "NO_DATA", { baselineAt: days(-300) });
    await hyp(p, refs[2], "OFF_TRACK", { weight: 0.1 });
    await hyp(p, refs[3], "NO_DATA", { baselineAt: days(-300) });
    const list = await signalsOf(p);
    expect(kindsOf(list, "over")).toEqual(["NO_EVIDENCE"]);
    for (const name of ["exactly", "with-data", "approved"]) expect(kindsOf(list, name)).toEqual([]);
    const sig = list.find((x) => x.initiative.name === "over")!;
    expect(numbers(sig)).toEqual({ hypotheses: 2, daysSinceEarliestBaseline: 90 + 1 / DAY });
    expect(sig.reason).toMatch(/2 hypotheses, 90 days/);
    // a measurement observed after asOf is not evidence yet
    const m = await s.metric(p);
    await s.hypotheses([{ initiative: refs[1], metric: m, baselineAt: days(-120) }]);
    await s.measurement(m, 5, days(1));
    expect(kindsOf(await signalsOf(p), "exactly")).toEqual(["NO_EVIDENCE"]);
  });
});

describe("BURN_WITHOUT_VALUE", () => {
  test("actualCost ≥ 0.8 × budget with weighted progress under 0.3 or none; budget 0 never", async () => {
    const { p, refs } = await portfolioWith([
      { name: "progress-0.29", stage: "IN_DELIVERY", budget: 1000, actualCost: 800 },
      { name: "progress-0.3", stage: "IN_DELIVERY", budget: 1000, actualCost: 800 },
      { name: "under-0.8", stage: "IN_DELIVERY", budget: 1000, actualCost: 799.99 },
      { name: "no-progress", stage: "IN_DELIVERY", budget: 1000, actualCost: 1500 },
      { name: "no-hypothesis", stage: "IDEA", budget: 100, actualCost: 80 },
      { name: "budget-0", stage: "IDEA", budget: 0, actualCost: 100 },
      { name: "no-budget", stage: "IDEA", actualCost: 100 },
      { name: "clamped", stage: "IN_DELIVERY", budget: 1000, actualCost: 900 },
    ]);
    await hyp(p, refs[0], { value: 2.9 });
    await hyp(p, refs[1], { value: 3 });
    await hyp(p, refs[2], { value: 0 });
    await hyp(p, refs[3], "NO_DATA");
    // (1 × clamp(1.2) + 3 × clamp(−0.2)) / 4 = 0.25
    await hyp(p, refs[7], { value: 12 }, { weight: 1 });
    await hyp(p, refs[7], { value: -2 }, { weight: 3 });
    const list = await signalsOf(p);
    const burn = (name: string) => list.find((x) => x.initiative.name === name && x.kind === "BURN_WITHOUT_VALUE");
    expect(numbers(burn("progress-0.29")!)).toEqual({ actualCost: 800, budget: 1000, weightedProgress: 0.29 });
    expect(burn("progress-0.29")!.reason).toBe("80% of the budget spent, weighted progress 29%");
    expect(burn("progress-0.3")).toBeUndefined();
    expect(burn("under-0.8")).toBeUndefined();
    expect(numbers(burn("no-progress")!)).toEqual({ actualCost: 1500, budget: 1000, weightedProgress: null });
    expect(burn("no-progress")!.reason).toMatch(/weighted progress unknown/);
    expect(kindsOf(list, "no-hypothesis")).toEqual(["BURN_WITHOUT_VALUE"]);
    expect(kindsOf(list, "budget-0")).toEqual([]);
    expect(kindsOf(list, "no-budget")).toEqual([]);
    expect(numbers(burn("clamped")!).weightedProgress).toBe(0.25);
  });
});

describe("ACCELERATE", () => {
  const wsjf = (bv: number) => ({ businessValue: bv, timeCriticality: 1, riskReduction: 1, jobSize: 1 });
  const rice = (reach: number) => ({ reach, impact: 1, confidence: 1, effort: 1 });
  const accelerated = (list: Sig[]) => list.filter((x) => x.kind === "ACCELERATE").map((x) => x.initiative.name);

  test("n = 3 scored: only rank 3 > ⌈3/2⌉ = 2 fires; the model argument decides the ranks", async () => {
    const { p, refs } = await portfolioWith([
      { name: "r1", ...wsjf(20), ...rice(1) },
      { name: "r2", ...wsjf(13), ...rice(2) },
      { name: "r3", ...wsjf(8), ...rice(3) },
      { name: "unscored" },
    ]);
    for (const r of refs) await hyp(p, r, "ON_TRACK");
    const list = await signalsOf(p);
    expect(list.map((x) => [x.kind, x.initiative.name])).toEqual([["ACCELERATE", "r3"]]);
    expect(numbers(list[0])).toEqual({ rank: 3, scored: 3, hypothesesWithData: 1 });
    expect(list[0].reason).toBe("Every hypothesis with data is on track or achieved, yet ranked 3 of 3");
    expect(accelerated(await signalsOf(p, app, "RICE"))).toEqual(["r1"]);
  });

  test("n = 4 scored: rank 3 > ⌈4/2⌉ = 2 fires, rank 2 does not; one hypothesis with data not on track spoils it", async () => {
    const { p, refs } = await portfolioWith([
      { name: "r1", ...wsjf(20) },
      { name: "r2", ...wsjf(13) },
      { name: "r3", ...wsjf(8) },
      { name: "r4", ...wsjf(5) },
      { name: "unscored" },
      { name: "closed", stage: "CLOSED", ...wsjf(1) }, // neither counted in n nor signalled
      { name: "stopped", stage: "STOPPED", ...wsjf(1) },
    ]);
    await hyp(p, refs[0], "ON_TRACK");
    await hyp(p, refs[1], "ON_TRACK");
    await hyp(p, refs[2], "ACHIEVED");
    await hyp(p, refs[2], "NO_DATA"); // no data does not spoil it
    await hyp(p, refs[3], "ON_TRACK");
    await hyp(p, refs[3], "AT_RISK");
    for (const r of refs.slice(4)) await hyp(p, r, "ON_TRACK");
    const list = await signalsOf(p);
    expect(list.map((x) => [x.kind, x.initiative.name])).toEqual([["ACCELERATE", "r3"]]);
    expect(numbers(list[0])).toEqual({ rank: 3, scored: 4, hypothesesWithData: 1 });
  });

  test("needs a counted hypothesis with data", async () => {
    const { p, refs } = await portfolioWith([
      { name: "r1", ...wsjf(20) },
      { name: "r2", ...wsjf(1) },
    ]);
    await hyp(p, refs[0], "ON_TRACK");
    await hyp(p, refs[1], "NO_DATA");
    await hyp(p, refs[1], "ACHIEVED", { state: "DRAFT" });
    expect(accelerated(await signalsOf(p))).toEqual([]);
    await hyp(p, refs[1], "ON_TRACK", { state: "INVALIDATED" });
    expect(accelerated(await signalsOf(p))).toEqual(["r2"]);
  });
});

describe("scope and access", () => {
  test("CLOSED and STOPPED raise none, whatever their numbers", async () => {
    const { p, refs } = await portfolioWith([
      { name: "closed", stage: "CLOSED", budget: 100, actualCost: 100 },
      { name: "stopped", stage: "STOPPED", budget: 100, actualCost: 100 },
    ]);
    await hyp(p, refs[1], "MISSED");
    expect(await signalsOf(p)).toEqual([]);
  });

  test("signals come in ranking order, several per initiative in rule order, over the subtree", async () => {
    const root = await s.portfolio();
    const child = await s.portfolio(root);
    await s.initiatives(root, [
      { name: "a", stage: "IN_DELIVERY", budget: 10, actualCost: 10, businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 1 },
    ]);
    const [b] = await s.initiatives(child, [
      { name: "b", stage: "IN_DELIVERY", budget: 10, actualCost: 9, businessValue: 20, timeCriticality: 1, riskReduction: 1, jobSize: 1 },
    ]);
    await hyp(child, b, "OFF_TRACK");
    expect((await signalsOf(root)).map((x) => [x.initiative.name, x.kind])).toEqual([
      ["b", "STOP_OR_PIVOT"],
      ["b", "BURN_WITHOUT_VALUE"],
      ["a", "NO_HYPOTHESIS"],
      ["a", "BURN_WITHOUT_VALUE"],
    ]);
  });

  test("a VIEWER reads them; someone without access gets null for the portfolio", async () => {
    const { p } = await portfolioWith([{ name: "x", stage: "APPROVED" }]);
    const viewer = await member(app, p.id, "VIEWER");
    expect((await signalsOf(p, viewer)).map((x) => x.kind)).toEqual(["NO_HYPOTHESIS"]);
    const stranger = await outsider(app);
    expect((await stranger.ok(SIGNALS, { id: p.id, asOf: AS_OF.toISOString() })).portfolio).toBeNull();
  });
});
