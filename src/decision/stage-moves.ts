import { InitiativeStage } from "../initiative/initiative.entity";

/**
 * DOMAIN.md, "Decisions, stage gates and funding": each kind of decision and the stage move
 * it makes. Pure, so the rules are tested without a database.
 */
export enum DecisionKind {
  APPROVE = "APPROVE",
  START = "START",
  CONTINUE = "CONTINUE",
  PIVOT = "PIVOT",
  ACCELERATE = "ACCELERATE",
  PAUSE = "PAUSE",
  RESUME = "RESUME",
  DELIVER = "DELIVER",
  CLOSE = "CLOSE",
  STOP = "STOP",
  RELEASE_FUNDS = "RELEASE_FUNDS",
}

const { IDEA, PROPOSED, APPROVED, IN_DELIVERY, DELIVERED, CLOSED, STOPPED, ON_HOLD } = InitiativeStage;

/** Stages an initiative can still change from (STOP's "any open stage"). */
export const OPEN_STAGES: readonly InitiativeStage[] = [IDEA, PROPOSED, APPROVED, IN_DELIVERY, ON_HOLD, DELIVERED];

/** The stages each moving kind starts from, and where it goes (RESUME: back to the stage PAUSE left). */
const MOVES: Partial<Record<DecisionKind, { from: readonly InitiativeStage[]; to: InitiativeStage | "RESUMED" }>> = {
  [DecisionKind.APPROVE]: { from: [IDEA, PROPOSED], to: APPROVED },
  [DecisionKind.START]: { from: [APPROVED], to: IN_DELIVERY },
  [DecisionKind.PAUSE]: { from: [APPROVED, IN_DELIVERY], to: ON_HOLD },
  [DecisionKind.RESUME]: { from: [ON_HOLD], to: "RESUMED" },
  [DecisionKind.DELIVER]: { from: [IN_DELIVERY], to: DELIVERED },
  [DecisionKind.CLOSE]: { from: [DELIVERED], to: CLOSED },
  [DecisionKind.STOP]: { from: OPEN_STAGES, to: STOPPED },
};

/** Kinds that record a course without moving the stage; they need an open stage. */
const STAYING = new Set([DecisionKind.CONTINUE, DecisionKind.PIVOT, DecisionKind.ACCELERATE, DecisionKind.RELEASE_FUNDS]);

/** Kinds that end an initiative need no review date; every other one does. */
export function needsReviewBy(kind: DecisionKind): boolean {
  return kind !== DecisionKind.STOP && kind !== DecisionKind.CLOSE;
}

export type StageMove = { ok: true; to: InitiativeStage } | { ok: false; reason: string };

/**
 * Where `kind` takes an initiative in `stage`; `pausedFrom` is the stage the latest PAUSE
 * left (RESUME returns there). A kind whose move does not start from `stage` is refused.
 */
export function stageMove(kind: DecisionKind, stage: InitiativeStage, pausedFrom: InitiativeStage | null): StageMove {
  if (STAYING.has(kind)) {
    return OPEN_STAGES.includes(stage) ? { ok: true, to: stage } : { ok: false, reason: `${kind} needs an open initiative; it is ${stage}` };
  }
  const move = MOVES[kind]!;
  if (!move.from.includes(stage)) return { ok: false, reason: `${kind} moves from ${move.from.join(" or ")}; the initiative is ${stage}` };
  if (move.to !== "RESUMED") return { ok: true, to: move.to };
  // a pause always records the stage it left; one without (data from before decisions) resumes to APPROVED
  return { ok: true, to: pausedFrom ?? APPROVED };
}
