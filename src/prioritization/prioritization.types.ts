import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Initiative } from "../initiative/initiative.entity";
import { PageInfo } from "../common/connection";
import { LocalDate } from "../graphql/local-date";

export enum RankingModel {
  WSJF = "WSJF",
  RICE = "RICE",
  VALUE_PER_COST = "VALUE_PER_COST",
  CUSTOM = "CUSTOM",
}
registerEnumType(RankingModel, {
  name: "RankingModel",
  description: "How initiatives are scored for ranking, signals and scenarios.",
  valuesConfig: {
    WSJF: { description: "(businessValue + timeCriticality + riskReduction) / jobSize." },
    RICE: { description: "reach × impact × confidence / effort." },
    VALUE_PER_COST: { description: "Σ expectedBenefit of the counted hypotheses / budget." },
    CUSTOM: { description: "A portfolio's own scoring model (pass scoringModelId)." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One input a score was computed from." })
export class ScoreInput {
  @Field(() => String, { description: "The input's name (e.g. `businessValue`, or a custom criterion key)." })
  name!: string;

  @Field(() => Float, { nullable: true, description: "Its value; null when missing." })
  value!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "An initiative's place in a ranking." })
export class RankingEntry {
  @Field(() => Int, { nullable: true, description: "1 = best. Null when the model gives no score (listed last)." })
  rank!: number | null;

  @Field(() => Float, { nullable: true, description: "The model's score; null when inputs are missing." })
  score!: number | null;

  @Field(() => Initiative, { description: "The initiative." })
  initiative!: Initiative;

  @Field(() => Float, { description: "Σ expectedBenefit of its counted hypotheses (the first tie-breaker)." })
  expectedBenefit!: number;

  @Field(() => [ScoreInput], { description: "The inputs the score used." })
  inputs!: ScoreInput[];

  @Field(() => [String], { description: "Inputs that are missing (why there is no score)." })
  missingInputs!: string[];
}

@ObjectType({ simpleResolvers: true, description: "An edge in a ranking." })
export class RankingEdge {
  @Field(() => String, { description: "Opaque cursor (the position in this ranking; rankings are recomputed on every request)." })
  cursor!: string;

  @Field(() => RankingEntry, { description: "The entry." })
  node!: RankingEntry;
}

@ObjectType({ simpleResolvers: true, description: "A page of a portfolio's ranking." })
export class RankingConnection {
  @Field(() => RankingModel, { description: "The model ranked by." })
  model!: RankingModel;

  @Field(() => Int, { nullable: true, description: "CUSTOM: the version of the scoring model used." })
  scoringModelVersion!: number | null;

  @Field(() => Int, { description: "Initiatives ranked (stages other than CLOSED and STOPPED)." })
  totalCount!: number;

  @Field(() => Int, { description: "How many of them have a score." })
  scoredCount!: number;

  @Field(() => [RankingEdge], { description: "The entries of this page, best first." })
  edges!: RankingEdge[];

  @Field(() => [RankingEntry], { description: "The entries of this page (shortcut for `edges { node }`)." })
  nodes!: RankingEntry[];

  @Field(() => PageInfo, { description: "Where this page sits in the whole ranking." })
  pageInfo!: PageInfo;
}

export enum SignalKind {
  NO_HYPOTHESIS = "NO_HYPOTHESIS",
  STOP_OR_PIVOT = "STOP_OR_PIVOT",
  NO_EVIDENCE = "NO_EVIDENCE",
  BURN_WITHOUT_VALUE = "BURN_WITHOUT_VALUE",
  ACCELERATE = "ACCELERATE",
  REVIEW_DUE = "REVIEW_DUE",
  OVERSPEND = "OVERSPEND",
}
registerEnumType(SignalKind, {
  name: "SignalKind",
  description: "Evidence-driven re-prioritization signals (DOMAIN.md).",
  valuesConfig: {
    NO_HYPOTHESIS: { description: "Approved or in flight with no counted hypothesis: money committed with no stated outcome." },
    STOP_OR_PIVOT: { description: "In delivery or delivered, and OFF_TRACK/MISSED hypotheses carry at least half the weight." },
    NO_EVIDENCE: { description: "In delivery or delivered, hypotheses but no data, the earliest baseline over 90 days ago." },
    BURN_WITHOUT_VALUE: { description: "At least 80% of the budget spent and weighted progress under 0.3 (or none)." },
    ACCELERATE: { description: "Every hypothesis with data on track or achieved, yet ranked in the bottom half." },
    REVIEW_DUE: { description: "The latest decision's reviewBy has passed and no decision followed it." },
    OVERSPEND: { description: "The initiative has funding tranches and its actual cost exceeds the released funding." },
  },
});

export enum SignalState {
  OPEN = "OPEN",
  ACKNOWLEDGED = "ACKNOWLEDGED",
  SNOOZED = "SNOOZED",
}
registerEnumType(SignalState, {
  name: "SignalState",
  description: "Whether someone has answered a signal (DOMAIN.md, “Signals keep a state”).",
  valuesConfig: {
    OPEN: { description: "Nobody has answered it." },
    ACKNOWLEDGED: {
      description: "A decision taken while the signal was raised names its kind, and that decision's reviewBy has not passed (see acknowledgedBy).",
    },
    SNOOZED: { description: "Put aside until a date, with a reason (snoozeSignal)." },
  },
});

@ObjectType({ simpleResolvers: true, description: "A named number behind a signal." })
export class SignalNumber {
  @Field(() => String, { description: "What the number is." })
  name!: string;

  @Field(() => Float, { nullable: true, description: "Its value (null when not defined)." })
  value!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A reason to re-prioritize an initiative, with the evidence." })
export class Signal {
  @Field(() => SignalKind, { description: "Which rule fired." })
  kind!: SignalKind;

  @Field(() => Initiative, { description: "The initiative." })
  initiative!: Initiative;

  @Field(() => String, { description: "One line a board can read." })
  reason!: string;

  @Field(() => [SignalNumber], { description: "The numbers behind it." })
  numbers!: SignalNumber[];

  @Field(() => Float, { nullable: true, description: "What is still to be spent: max(budget − actualCost, 0); null without a budget." })
  budgetAtStake!: number | null;

  @Field(() => SignalState, { description: "OPEN, ACKNOWLEDGED by a decision, or SNOOZED." })
  state!: SignalState;

  /** The row (as JSON) of the decision that acknowledged it (`acknowledgedBy`). */
  acknowledgedByRow!: Record<string, unknown> | null;

  @Field(() => LocalDate, { nullable: true, description: "SNOOZED: the date it comes back." })
  snoozedUntil!: string | null;

  @Field(() => String, { nullable: true, description: "SNOOZED: why it was put aside." })
  snoozeReason!: string | null;
}
