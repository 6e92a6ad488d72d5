import { registerEnumType } from "type-graphql";
import { InitiativeStage } from "../initiative/initiative.entity";

/**
 * Stage gates (DOMAIN.md, "Decisions, stage gates and funding"): what must hold before an
 * initiative enters a stage. A portfolio's policy names the criteria per stage and is
 * inherited by its subtree; without one up the tree, DEFAULT_GATES applies.
 */
export enum GateCriterion {
  ACTIVE_HYPOTHESIS_WITH_BENEFIT = "ACTIVE_HYPOTHESIS_WITH_BENEFIT",
  BUDGET_SET = "BUDGET_SET",
  TRANCHE_RELEASED = "TRANCHE_RELEASED",
  HYPOTHESES_HAVE_DATA = "HYPOTHESES_HAVE_DATA",
  METRICS_FRESH = "METRICS_FRESH",
  HYPOTHESES_CONCLUDED = "HYPOTHESES_CONCLUDED",
}
registerEnumType(GateCriterion, {
  name: "GateCriterion",
  description: "A condition a stage gate can require.",
  valuesConfig: {
    ACTIVE_HYPOTHESIS_WITH_BENEFIT: { description: "At least one ACTIVE hypothesis with expectedBenefit > 0." },
    BUDGET_SET: { description: "The initiative has a budget." },
    TRANCHE_RELEASED: { description: "When the initiative has funding tranches, at least one is released (by this decision or before)." },
    HYPOTHESES_HAVE_DATA: { description: "Every counted hypothesis has a measurement in [baselineAt, now]." },
    METRICS_FRESH: { description: "No metric of a counted hypothesis is stale." },
    HYPOTHESES_CONCLUDED: { description: "Every hypothesis is VALIDATED, INVALIDATED or ABANDONED." },
  },
});

export interface Gate {
  stage: InitiativeStage;
  criteria: GateCriterion[];
}

/** The built-in policy: by the stage entered. */
export const DEFAULT_GATES: readonly Gate[] = [
  { stage: InitiativeStage.APPROVED, criteria: [GateCriterion.ACTIVE_HYPOTHESIS_WITH_BENEFIT] },
  { stage: InitiativeStage.IN_DELIVERY, criteria: [GateCriterion.BUDGET_SET, GateCriterion.TRANCHE_RELEASED] },
  { stage: InitiativeStage.DELIVERED, criteria: [GateCriterion.HYPOTHESES_HAVE_DATA, GateCriterion.METRICS_FRESH] },
  { stage: InitiativeStage.CLOSED, criteria: [GateCriterion.HYPOTHESES_CONCLUDED] },
];

/** What the criteria are judged on, read in the deciding transaction (decision.service.ts). */
export interface GateFacts {
  activeWithBenefit: number;
  budget: number | null;
  tranches: number;
  /** Released ones, including those this decision releases. */
  releasedTranches: number;
  counted: number;
  countedWithoutData: number;
  staleMetricKeys: string[];
  hypotheses: number;
  unconcluded: number;
}

export interface UnmetCriterion {
  criterion: GateCriterion;
  detail: string;
}

function check(c: GateCriterion, f: GateFacts): string | null {
  switch (c) {
    case GateCriterion.ACTIVE_HYPOTHESIS_WITH_BENEFIT:
      return f.activeWithBenefit > 0 ? null : "No ACTIVE hypothesis with an expected benefit above 0";
    case GateCriterion.BUDGET_SET:
      return f.budget !== null ? null : "The initiative has no budget";
    case GateCriterion.TRANCHE_RELEASED:
      return f.tranches === 0 || f.releasedTranches > 0 ? null : `None of its ${f.tranches} funding tranche(s) is released`;
    case GateCriterion.HYPOTHESES_HAVE_DATA:
      return f.countedWithoutData === 0 ? null : `${f.countedWithoutData} of ${f.counted} counted hypotheses have no data`;
    case GateCriterion.METRICS_FRESH:
      return f.staleMetricKeys.length === 0 ? null : `Stale metrics: ${f.staleMetricKeys.join(", ")}`;
    case GateCriterion.HYPOTHESES_CONCLUDED:
      return f.unconcluded === 0 ? null : `${f.unconcluded} of ${f.hypotheses} hypotheses are neither VALIDATED, INVALIDATED nor ABANDONED`;
  }
}

/** The criteria of `gates` for entering `stage` that `facts` do not meet, in policy order. */
export function unmetCriteria(gates: readonly Gate[], stage: InitiativeStage, facts: GateFacts): UnmetCriterion[] {
  const gate = gates.find((g) => g.stage === stage);
  return (gate?.criteria ?? []).flatMap((criterion) => {
    const detail = check(criterion, facts);
    return detail === null ? [] : [{ criterion, detail }];
  });
}
