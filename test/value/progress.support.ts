/**
 * Generators and comparisons shared by the progress and rollup property tests: random
 * hypotheses, random histories (empty, one point, ties on observedAt from several sources,
 * corrections), and a tolerant comparison of the API's progress with refProgress.
 */
import fc from "fast-check";
import { Fixtures, Ref } from "./fixtures";
import { AT_RISK_SLACK, ON_TRACK_SLACK, RefHypothesis, RefMeasurement, RefProgress } from "./reference";

const HOUR = 3_600_000;

export interface HypothesisSpec {
  baseline: number;
  target: number;
  baselineAt: Date;
  targetDate: Date;
}

/** Both directions, baselines and targets with cents, horizons from an hour to three years. */
export const hypothesisArb: fc.Arbitrary<HypothesisSpec> = fc
  .record({
    baseline: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((x) => x / 100),
    delta: fc.integer({ min: 1, max: 1_000_000 }).map((x) => x / 100),
    up: fc.boolean(),
    start: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
    duration: fc.integer({ min: HOUR, max: 3 * 365 * 24 * HOUR }),
  })
  .map(({ baseline, delta, up, start, duration }) => ({
    baseline,
    target: up ? baseline + delta : baseline - delta,
    baselineAt: new Date(start),
    targetDate: new Date(start + duration),
  }));

/** Observation instants on a grid of the horizon (so ties happen), from −¼ to 1½ of it. */
const SLOTS = 28;
const slotFraction = (slot: number) => (slot - 4) / 16;
const valueFrac = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 8, arbitrary: fc.double({ min: -0.3, max: 1.2, noNaN: true }) },
);

export interface History {
  points: Array<{ slot: number; source: string; frac: number; lagMin: number }>;
  corrections: Array<{ index: number; frac: number; lagMin: number }>;
  /** asOf as a fraction of the horizon: before baselineAt, inside (twice), after targetDate. */
  asOfFractions: number[];
}

const onGrid = fc.integer({ min: 0, max: SLOTS }).map(slotFraction);
export const historyArb: fc.Arbitrary<History> = fc.record({
  points: fc.oneof(
    { weight: 1, arbitrary: fc.constant<History["points"]>([]) },
    {
      weight: 6,
      arbitrary: fc.uniqueArray(
        fc.record({
          slot: fc.integer({ min: 0, max: SLOTS }),
          source: fc.constantFrom("a", "b", "c"),
          frac: valueFrac,
          lagMin: fc.integer({ min: 0, max: 3 }),
        }),
        { selector: (p) => `${p.slot}|${p.source}`, minLength: 1, maxLength: 16, size: "medium" },
      ),
    },
  ),
  corrections: fc.array(fc.record({ index: fc.nat(), frac: valueFrac, lagMin: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 3 }),
  asOfFractions: fc.tuple(
    fc.double({ min: -0.5, max: -1e-6, noNaN: true }),
    fc.oneof(
      fc.constantFrom(0, 1),
      onGrid.filter((f) => f >= 0 && f <= 1),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
    fc.double({ min: 0.2, max: 1, noNaN: true }),
    fc.oneof(
      onGrid.filter((f) => f > 1),
      fc.double({ min: 1.000001, max: 2, noNaN: true }),
    ),
  ),
});

/** Writes the history (with its corrections) and returns it as the reference sees it. */
export async function storeHistory(fx: Fixtures, metric: Ref, h: HypothesisSpec, history: History): Promise<RefMeasurement[]> {
  const t0 = h.baselineAt.getTime();
  const span = h.targetDate.getTime() - t0;
  const valueOf = (frac: number) => h.baseline + (h.target - h.baseline) * frac;
  const stored = await fx.measurements(
    metric,
    history.points.map((p) => {
      const observedAt = new Date(t0 + Math.round(slotFraction(p.slot) * span));
      return { value: valueOf(p.frac), observedAt, source: p.source, recordedAt: new Date(observedAt.getTime() + p.lagMin * 60_000) };
    }),
  );
  const ref: RefMeasurement[] = stored.map((m) => ({ ...m }));
  if (!ref.length) return ref;
  for (const c of history.corrections) {
    const m = ref[c.index % ref.length];
    m.value = valueOf(c.frac);
    m.recordedAt = new Date(m.recordedAt.getTime() + c.lagMin * 60_000);
    await fx.correct(m.id, m.value, m.recordedAt);
  }
  return ref;
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/** True when the ratio sits within rounding noise of a status threshold (the reference warns). */
export function nearThreshold(p: Pick<RefProgress, "ratio" | "expectedRatio">): boolean {
  if (p.ratio === null) return false;
  const e = p.expectedRatio;
  return [1, e - ON_TRACK_SLACK, e - AT_RISK_SLACK].some((t) => Math.abs(p.ratio! - t) < 1e-9);
}

export function expectProgressLike(got: any, ref: RefProgress, h: RefHypothesis, points: RefMeasurement[]): void {
  const ctx = JSON.stringify({ got, ref, h, points });
  const fail = (what: string) => {
    throw new Error(`${what} differs: ${ctx}`);
  };
  if (got.current !== ref.current) fail("current");
  if (got.currentObservedAt !== (ref.currentObservedAt?.toISOString() ?? null)) fail("currentObservedAt");
  if ((got.ratio === null) !== (ref.ratio === null) || (ref.ratio !== null && !close(got.ratio, ref.ratio, 1e-12 * (1 + Math.abs(ref.ratio)))))
    fail("ratio");
  if (!close(got.expectedRatio, ref.expectedRatio, 1e-12)) fail("expectedRatio");
  if (got.status !== ref.status && !nearThreshold(ref)) fail("status");
  if (got.forecastAtTarget === undefined) return; // not selected
  const scale = Math.max(1, Math.abs(h.baseline), Math.abs(h.target), ...points.map((p) => Math.abs(p.value)));
  if ((got.forecastAtTarget === null) !== (ref.forecastAtTarget === null)) fail("forecastAtTarget (null)");
  if (ref.forecastAtTarget === null) return;
  if (!close(got.forecastAtTarget, ref.forecastAtTarget, 1e-6 * scale)) fail("forecastAtTarget");
  if (!close(got.forecastRatio, ref.forecastRatio!, (1e-6 * scale) / Math.abs(h.target - h.baseline))) fail("forecastRatio");
  // When the line reaches the target is ill-conditioned for near-flat lines (a tiny change of
  // slope moves the instant by centuries), so instants are compared in value space: they agree
  // when they are 5 ms apart, or when the line moves less than the value tolerance between them.
  const hit = (p: { forecastAtTarget: number | null; forecastAchievedAt: Date | string | null }) =>
    p.forecastAchievedAt === null ? null : new Date(p.forecastAchievedAt).getTime();
  const [gotHit, refHit] = [hit(got), hit(ref)];
  const slopePerMs = (hitMs: number, atTarget: number) => Math.abs((atTarget - h.target) / (h.targetDate.getTime() - hitMs));
  const negligible = (hitMs: number, atTarget: number, gapMs: number) => slopePerMs(hitMs, atTarget) * gapMs <= 1e-6 * scale;
  if (gotHit !== null && refHit !== null) {
    const gap = Math.abs(gotHit - refHit);
    if (gap > 5 && !negligible(refHit, ref.forecastAtTarget, gap)) fail("forecastAchievedAt");
  } else if (gotHit !== refHit) {
    // one side null: acceptable only where the line is flat enough to reach the target beyond
    // the DateTime range on one side and just inside it on the other
    const [one, atTarget] = gotHit !== null ? [gotHit, got.forecastAtTarget] : [refHit!, ref.forecastAtTarget];
    if (!negligible(one, atTarget, 8.64e15 - Math.abs(one))) fail("forecastAchievedAt (null)");
  }
}
