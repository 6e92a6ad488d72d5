import { SignalKind } from "./prioritization.types";

/** What the signal rules need to know of one initiative, aggregated in SQL. */
export interface SignalFacts {
  stage: string;
  budget: number | null;
  actualCost: number | null;
  /** Counted hypotheses (ACTIVE, VALIDATED, INVALIDATED). */
  hypotheses: number;
  /** …of which have data as of asOf. */
  withData: number;
  /** …of which have data but are neither ON_TRACK nor ACHIEVED. */
  withDataNotGood: number;
  totalWeight: number;
  /** Weight of the OFF_TRACK and MISSED ones. */
  badWeight: number;
  earliestBaselineAt: Date | null;
  weightedProgress: number | null;
  rank: number | null;
  /** Scored initiatives in the ranking. */
  scored: number;
  /** reviewBy (YYYY-MM-DD) of the latest decision on it by asOf, if any. */
  latestReviewBy: string | null;
  /** Funding tranches not cancelled, and the amount released by asOf. */
  tranches: number;
  releasedFunding: number;
}

export interface SignalResult {
  kind: SignalKind;
  reason: string;
  numbers: Array<{ name: string; value: number | null }>;
  budgetAtStake: number | null;
}

const DAY_MS = 86_400_000;
const NO_EVIDENCE_DAYS = 90;
const BURN_SHARE = 0.8;
const BURN_PROGRESS = 0.3;
const COMMITTED = ["APPROVED", "IN_DELIVERY", "DELIVERED"];
const IN_FLIGHT = ["IN_DELIVERY", "DELIVERED"];

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** DOMAIN.md's signal rules, applied in its order. CLOSED and STOPPED raise none. */
export function signalsFor(f: SignalFacts, asOf: Date): SignalResult[] {
  if (f.stage === "CLOSED" || f.stage === "STOPPED") return [];
  const budgetAtStake = f.budget === null ? null : Math.max(f.budget - (f.actualCost ?? 0), 0);
  return rulesFor(f, asOf).map((s) => ({ ...s, budgetAtStake }));
}

function rulesFor(f: SignalFacts, asOf: Date): Array<Omit<SignalResult, "budgetAtStake">> {
  const out: Array<Omit<SignalResult, "budgetAtStake">> = [];
  if (COMMITTED.includes(f.stage) && f.hypotheses === 0) {
    out.push({
      kind: SignalKind.NO_HYPOTHESIS,
      reason: `${f.stage} with no outcome hypothesis: money committed with no stated outcome`,
      numbers: [
        { name: "budget", value: f.budget },
        { name: "actualCost", value: f.actualCost },
      ],
    });
  }
  if (IN_FLIGHT.includes(f.stage) && f.hypotheses > 0 && f.badWeight >= 0.5 * f.totalWeight) {
    out.push({
      kind: SignalKind.STOP_OR_PIVOT,
      reason: `Off-track or missed hypotheses carry ${pct(f.badWeight / f.totalWeight)} of the weight`,
      numbers: [
        { name: "offTrackOrMissedWeight", value: f.badWeight },
        { name: "totalWeight", value: f.totalWeight },
      ],
    });
  }
  const baselineAgeDays = f.earliestBaselineAt ? (asOf.getTime() - f.earliestBaselineAt.getTime()) / DAY_MS : null;
  if (IN_FLIGHT.includes(f.stage) && f.hypotheses > 0 && f.withData === 0 && baselineAgeDays !== null && baselineAgeDays > NO_EVIDENCE_DAYS) {
    out.push({
      kind: SignalKind.NO_EVIDENCE,
      reason: `No measurement for any of ${f.hypotheses} hypotheses, ${Math.floor(baselineAgeDays)} days after the first baseline`,
      numbers: [
        { name: "hypotheses", value: f.hypotheses },
        { name: "daysSinceEarliestBaseline", value: baselineAgeDays },
      ],
    });
  }
  if (
    f.budget !== null &&
    f.budget > 0 &&
    f.actualCost !== null &&
    f.actualCost >= BURN_SHARE * f.budget &&
    (f.weightedProgress === null || f.weightedProgress < BURN_PROGRESS)
  ) {
    out.push({
      kind: SignalKind.BURN_WITHOUT_VALUE,
      reason: `${pct(f.actualCost / f.budget)} of the budget spent, weighted progress ${f.weightedProgress === null ? "unknown" : pct(f.weightedProgress)}`,
      numbers: [
        { name: "actualCost", value: f.actualCost },
        { name: "budget", value: f.budget },
        { name: "weightedProgress", value: f.weightedProgress },
      ],
    });
  }
  if (f.withData > 0 && f.withDataNotGood === 0 && f.rank !== null && f.rank > Math.ceil(f.scored / 2)) {
    out.push({
      kind: SignalKind.ACCELERATE,
      reason: `Every hypothesis with data is on track or achieved, yet ranked ${f.rank} of ${f.scored}`,
      numbers: [
        { name: "rank", value: f.rank },
        { name: "scored", value: f.scored },
        { name: "hypothesesWithData", value: f.withData },
      ],
    });
  }
  const today = asOf.toISOString().slice(0, 10);
  if (f.latestReviewBy !== null && f.latestReviewBy < today) {
    const overdue = Math.floor((Date.parse(today) - Date.parse(f.latestReviewBy)) / DAY_MS);
    out.push({
      kind: SignalKind.REVIEW_DUE,
      reason: `The latest decision was due for review on ${f.latestReviewBy}, ${overdue} days ago, and none followed`,
      numbers: [{ name: "daysOverdue", value: overdue }],
    });
  }
  if (f.tranches > 0 && f.actualCost !== null && f.actualCost > f.releasedFunding) {
    out.push({
      kind: SignalKind.OVERSPEND,
      reason: `Spent ${f.actualCost} against ${f.releasedFunding} of released funding`,
      numbers: [
        { name: "actualCost", value: f.actualCost },
        { name: "releasedFunding", value: f.releasedFunding },
      ],
    });
  }
  return out;
}
