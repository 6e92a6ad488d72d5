import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ProgressStatus } from "../value/progress";
import { ValueSummary } from "../value/summary.types";
import { RankingModel, SignalKind, SignalState } from "../prioritization/prioritization.types";
import { GateCriterion } from "./gates";

@ObjectType({ simpleResolvers: true, description: "A counted hypothesis's progress when the decision was made." })
export class EvidenceHypothesis {
  @Field(() => ID, { description: "Global ID of the hypothesis." })
  hypothesisId!: string;

  @Field(() => String, { description: "Its statement then." })
  statement!: string;

  @Field(() => Float, { nullable: true, description: "The current value then; null without data." })
  current!: number | null;

  @Field(() => Float, { nullable: true, description: "(current − baseline) / (target − baseline) then." })
  ratio!: number | null;

  @Field(() => Float, { description: "Share of the time to targetDate passed then." })
  expectedRatio!: number;

  @Field(() => ProgressStatus, { description: "Status then." })
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: "The least-squares forecast's ratio at targetDate then." })
  forecastRatio!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A signal raised on the initiative when the decision was made." })
export class EvidenceSignal {
  @Field(() => SignalKind, { description: "Which rule fired." })
  kind!: SignalKind;

  @Field(() => String, { description: "Why, in words, then." })
  reason!: string;

  @Field(() => SignalState, { description: "Its state then (a decision does not count for its own evidence)." })
  state!: SignalState;
}

@ObjectType({
  simpleResolvers: true,
  description: "What a decision was made on, frozen at decidedAt: the same figures the API answers with asOf = knownAt = decidedAt.",
})
export class DecisionEvidence {
  @Field(() => Date, { description: "The instant the evidence is as of and as known at (the decision's decidedAt)." })
  asOf!: Date;

  @Field(() => RankingModel, { description: "The model `rank` and `score` are under (the portfolio's default, WSJF)." })
  model!: RankingModel;

  @Field(() => ValueSummary, { description: "The initiative's value summary then." })
  valueSummary!: ValueSummary;

  @Field(() => [EvidenceHypothesis], { description: "Each counted hypothesis's progress then, in creation order." })
  hypotheses!: EvidenceHypothesis[];

  @Field(() => [EvidenceSignal], { description: "The signals raised on it then." })
  signals!: EvidenceSignal[];

  @Field(() => Int, { nullable: true, description: "Its rank in its portfolio's subtree then; null when unscored or not ranked." })
  rank!: number | null;

  @Field(() => Float, { nullable: true, description: "Its score then." })
  score!: number | null;

  @Field(() => Int, { description: "How many initiatives were scored in that ranking." })
  scoredCount!: number;

  @Field(() => Float, { nullable: true, description: "Budget then." })
  budget!: number | null;

  @Field(() => Float, { nullable: true, description: "Actual cost then." })
  actualCost!: number | null;

  @Field(() => Float, { description: "Released funding then, including what this decision released." })
  releasedFunding!: number;
}

@ObjectType({ simpleResolvers: true, description: "A gate criterion that was not met." })
export class UnmetGateCriterion {
  @Field(() => GateCriterion, { description: "The criterion." })
  criterion!: GateCriterion;

  @Field(() => String, { description: "What was missing." })
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: "An ADMIN's override of unmet gate criteria." })
export class GateOverride {
  @Field(() => String, { description: "Why they were set aside." })
  reason!: string;

  @Field(() => [UnmetGateCriterion], { description: "The criteria that were not met." })
  unmet!: UnmetGateCriterion[];
}
